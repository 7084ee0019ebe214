import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import type { Fix, TextEdit } from '../../types';
import { defineDockerfileRule } from '../rule';

/**
 * A suggestion (never applied by "fix all": which stage the user meant is a guess) moving every
 * non-ARG instruction above the first FROM, with the comments directly above it, to just after that
 * FROM, in their order. ARGs stay where they are (they belong before FROM).
 */
function moveIntoFirstStage(model: DockerfileModel, misplaced: Instruction[], from: Instruction): Fix {
  const { lines, text } = model;
  const lineStart = (l: number) =>
    l < lines.lineCount ? lines.offsetAt({ line: l, character: 0 }) : text.length;
  const directivesEnd = model.directives.reduce((e, d) => Math.max(e, d.valueEnd), 0);
  const edits: TextEdit[] = [];
  let moved = '';
  for (const instr of misplaced) {
    // Its own comments come along; parser directives at the top of the file stay there.
    const comments = instr.leadingComments.filter((c) => c.start >= directivesEnd);
    const first = comments.length ? lines.positionAt(comments[0].start).line : instr.line;
    const start = lineStart(first);
    const end = lineStart(instr.endLine + 1);
    moved += text.slice(start, end);
    edits.push({ range: lines.range(start, end), newText: '' });
  }
  const at = lineStart(from.endLine + 1);
  const needsBreak = at === text.length && !/\r?\n$/.test(text);
  edits.push({ range: lines.range(at, at), newText: (needsBreak ? lines.eol : '') + moved });
  return { title: 'Move into the first stage (after its FROM)', edits };
}

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
    const misplaced: Instruction[] = [];
    for (const instr of ctx.model.instructions) {
      if (instr.keyword === 'FROM') break;
      if (instr.keyword !== 'ARG') misplaced.push(instr);
    }
    if (!misplaced.length) return;
    const from = ctx.model.stages[0]?.from;
    const suggestion = from ? moveIntoFirstStage(ctx.model, misplaced, from) : undefined;
    for (const instr of misplaced) {
      ctx.report({
        range: ctx.range(instr.keywordStart, instr.keywordEnd),
        message: `\`${instr.keywordRaw}\` before the first FROM: only ARG may come before FROM. Move it into a stage.`,
        suggestions: suggestion && [suggestion],
      });
    }
  },
);
