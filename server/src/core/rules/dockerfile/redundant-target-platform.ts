import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'redundant-target-platform',
    description: '`FROM --platform=$TARGETPLATFORM` says what BuildKit does by default.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3065', 'RedundantTargetPlatform'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      const f = st.platform;
      if (!f || !/^\$(TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(f.value ?? '')) continue;
      // Remove the flag and the blanks after it.
      let end = f.end;
      while (end < ctx.text.length && (ctx.text[end] === ' ' || ctx.text[end] === '\t')) end++;
      ctx.report({
        range: ctx.range(f.start, f.end),
        message: '`--platform=$TARGETPLATFORM` is the default: remove the flag.',
        fix: ctx.replace('Remove `--platform=$TARGETPLATFORM`', f.start, end, ''),
      });
    }
  },
);
