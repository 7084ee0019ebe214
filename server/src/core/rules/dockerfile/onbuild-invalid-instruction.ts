import { defineDockerfileRule } from '../rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineDockerfileRule(
  {
    id: 'onbuild-invalid-instruction',
    description: '`ONBUILD` wraps `ONBUILD`, `FROM` or `MAINTAINER`, which it does not allow.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3043'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      const inner = instr.keyword === 'ONBUILD' ? instr.onbuild : undefined;
      if (!inner || !FORBIDDEN.has(inner.keyword)) continue;
      ctx.report({
        range: ctx.range(inner.keywordStart, inner.keywordEnd),
        message: `\`ONBUILD ${inner.keyword}\` is not allowed: the build of any image based on this one fails.`,
      });
    }
  },
);
