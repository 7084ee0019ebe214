import { getPair, getValue, keySpan, services } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-no-build-and-image',
    description:
      'A service sets both `build` and `image` without `pull_policy`: it is unclear whether the image is pulled or built.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: ['no-build-and-image'],
  },
  (ctx) => {
    const m = ctx.model;
    const checkPullPolicy = ctx.options.checkPullPolicy !== false;
    for (const svc of services(m)) {
      const build = getPair(m, svc.node, 'build');
      const image = getPair(m, svc.node, 'image');
      if (!build || !image) continue;
      if (checkPullPolicy && getValue(m, svc.node, 'pull_policy') !== undefined) continue;
      const s = keySpan(build);
      if (!s) continue;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Service \`${svc.name}\` has both \`build\` and \`image\`: Compose pulls \`image\` when it exists in a registry and builds otherwise. Set \`pull_policy: build\` (always build and tag it as \`image\`) or \`pull_policy: missing\`, or drop one of them.`,
      });
    }
  },
);
