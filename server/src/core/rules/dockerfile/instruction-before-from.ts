import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'instruction-before-from',
    description: 'An instruction other than ARG comes before the first FROM.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3061'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword === 'FROM') break;
      if (instr.keyword === 'ARG') continue;
      ctx.report({
        range: ctx.range(instr.keywordStart, instr.keywordEnd),
        message: `\`${instr.keywordRaw}\` before the first FROM: only ARG may come before FROM. Move it into a stage.`,
      });
    }
  },
);
