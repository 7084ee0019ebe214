import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'from-platform-constant',
    description: '`FROM --platform=` has a constant value, which breaks building for other platforms.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      const f = st.platform;
      if (!f || f.value === undefined || f.value === '' || f.value.includes('$')) continue;
      // BuildKit's exemption: a stage named for its platform (`AS build-arm64`) is meant to be pinned.
      const name = (st.name ?? '').toLowerCase();
      const parts = f.value.toLowerCase().split('/');
      if (name && parts.some((p) => p && name.includes(p))) continue;
      ctx.report({
        range: ctx.range(f.valueStart, f.valueEnd),
        message: `\`--platform=${f.value}\` pins this stage to one platform: use \`$BUILDPLATFORM\` or \`$TARGETPLATFORM\`, or drop the flag.`,
      });
    }
  },
);
