import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'no-empty-continuation',
    description: 'An empty line inside a `\\` continuation: a future Dockerfile syntax will reject it.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['NoEmptyContinuation'],
  },
  (ctx) => {
    const lines = ctx.model.lines;
    for (const instr of ctx.model.instructions) {
      for (const l of instr.emptyContinuationLines) {
        const start = lines.lineStarts[l];
        const next = l + 1 < lines.lineCount ? lines.lineStarts[l + 1] : ctx.text.length;
        ctx.report({
          range: ctx.range(start, lines.lineEnd(l)),
          message: `Empty line inside the continued \`${instr.keywordRaw}\`: remove it (or end the instruction before it).`,
          fix: ctx.replace('Remove the empty line', start, next, ''),
        });
      }
    }
  },
);
