import { getValue, keySpan } from '../../compose/model';
import { projectOf } from '../../compose/project';
import { composeIndex } from '../../compose/symbols';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-service-no-image',
    description: 'A service has neither `image` nor `build`, so Compose has nothing to run.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const project = projectOf(ctx);
    if (!project.hasFs && ctx.path && /\.override\.ya?ml$/i.test(ctx.path)) return;
    for (const d of composeIndex(ctx.model).byKind.service.values()) {
      const defs = project.serviceDefs(d.name);
      const ok = defs.some(({ node, file }) =>
        ['image', 'build', 'extends', 'provider'].some((k) => getValue(file.model, node, k) !== undefined),
      );
      if (ok) continue;
      // A partial file checked alone may complete a service defined elsewhere.
      if (
        !project.hasFs &&
        ctx.path &&
        !/^(docker-)?compose\.ya?ml$/i.test(ctx.path.split(/[/\\]/).pop() ?? '')
      )
        continue;
      const s = keySpan(d.pair);
      if (!s) continue;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Service \`${d.name}\` has neither \`image\` nor \`build\`: add \`image: <name>:<tag>\` or a \`build\` context.`,
      });
    }
  },
);
