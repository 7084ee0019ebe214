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
        // The line with its line break; the last line of the file has none, so the break before it goes.
        const last = l + 1 >= lines.lineCount;
        const from = last && l > 0 ? lines.lineEnd(l - 1) : start;
        const to = last ? ctx.text.length : lines.lineStarts[l + 1];
        ctx.report({
          range: ctx.range(start, lines.lineEnd(l)),
          message: `Empty line inside the continued \`${instr.keywordRaw}\`: remove it (or end the instruction before it).`,
          fix: ctx.replace('Remove the empty line', from, to, ''),
        });
      }
    }
  },
);
