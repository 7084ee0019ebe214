import type { Instruction } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export default defineDockerfileRule(
  {
    id: 'duplicate-cmd-entrypoint-healthcheck',
    description: 'A stage has more than one CMD, ENTRYPOINT or HEALTHCHECK: only the last one counts.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed'],
  },
  (ctx) => {
    const lines = ctx.model.lines;
    for (const st of ctx.model.stages) {
      const last = new Map<string, Instruction>();
      for (const i of st.instructions) if (SINGLE.includes(i.keyword)) last.set(i.keyword, i);
      for (const i of st.instructions) {
        const winner = last.get(i.keyword);
        if (!winner || winner === i) continue;
        // Delete the overridden instruction's lines (its own comments stay).
        const start = lines.lineStarts[i.line];
        const end = i.endLine + 1 < lines.lineCount ? lines.lineStarts[i.endLine + 1] : ctx.text.length;
        const onlyOnItsLines =
          ctx.text.slice(start, i.start).trim() === '' && ctx.text.slice(i.end, end).trim() === '';
        ctx.report({
          range: ctx.range(i.keywordStart, i.keywordEnd),
          message: `This ${i.keyword} has no effect: the ${i.keyword} on line ${winner.line + 1} replaces it. Remove one of them.`,
          fix: onlyOnItsLines ? ctx.replace(`Remove the overridden ${i.keyword}`, start, end, '') : undefined,
        });
      }
    }
  },
);
