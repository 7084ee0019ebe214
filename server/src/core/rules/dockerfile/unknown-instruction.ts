import { KNOWN_INSTRUCTIONS } from '../../dockerfile/model';
import { closest } from '../../text';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'unknown-instruction',
    description: 'A line starts with a word that is not a Dockerfile instruction.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      const target = instr.keyword === 'ONBUILD' && instr.onbuild ? instr.onbuild : instr;
      if (KNOWN_INSTRUCTIONS.has(target.keyword)) continue;
      const sorted = [...target.keyword].sort().join('');
      // A transposition (`RNU`) first, then the nearest word.
      const hint =
        [...KNOWN_INSTRUCTIONS].find((k) => [...k].sort().join('') === sorted) ??
        closest(target.keyword, KNOWN_INSTRUCTIONS);
      const replacement =
        hint && (target.keywordRaw === target.keywordRaw.toLowerCase() ? hint.toLowerCase() : hint);
      ctx.report({
        range: ctx.range(target.keywordStart, target.keywordEnd),
        message:
          `Unknown instruction \`${target.keywordRaw}\`` +
          (replacement
            ? `: did you mean \`${replacement}\`?`
            : ': the build fails here. Fix the word, or make the line a `#` comment.'),
        suggestions: replacement
          ? [
              {
                title: `Change to \`${replacement}\``,
                edits: [{ range: ctx.range(target.keywordStart, target.keywordEnd), newText: replacement }],
                notForFixAll: true,
              },
            ]
          : undefined,
      });
    }
  },
);
