import type { Instruction } from '../../dockerfile/model';
import { docOffset } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/run';
import { defineDockerfileRule } from '../rule';

function flagsKey(i: Instruction, text: string): string {
  return i.flags
    .map((f) => text.slice(f.start, f.end))
    .sort()
    .join(' ');
}

/** Top-level commands of a shell-form RUN joined only by `&&` (or a single command). */
function andChain(i: Instruction): boolean {
  const cmds = runCommands(i).filter((c) => c.cmd.depth === 0);
  if (!cmds.length) return false;
  return cmds.every((c, k) =>
    k === cmds.length - 1 ? c.cmd.next === undefined : c.cmd.next === '&&' || c.cmd.next === '|',
  );
}

export default defineDockerfileRule(
  {
    id: 'consecutive-run',
    description: 'Consecutive short RUN instructions that could be one (fewer layers).',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3059'],
  },
  (ctx) => {
    const eol = ctx.model.lines.eol;
    for (const st of ctx.model.stages) {
      const hasShell = st.instructions.some((i) => i.keyword === 'SHELL');
      let prev: Instruction | undefined;
      for (const instr of st.instructions) {
        const p = prev;
        prev = instr.keyword === 'RUN' ? instr : undefined;
        if (!p || instr.keyword !== 'RUN' || flagsKey(p, ctx.text) !== flagsKey(instr, ctx.text)) continue;
        const count = (i: Instruction) =>
          i.json ? 1 : runCommands(i).filter((c) => c.cmd.depth === 0).length;
        if (count(p) > 2 || count(instr) > 2) continue;
        // A fix only where `a && b` keeps the meaning of two RUNs.
        const safe =
          !hasShell &&
          ctx.model.escapeChar === '\\' &&
          !p.json &&
          !instr.json &&
          !p.heredocs.length &&
          !instr.heredocs.length &&
          !p.leadingComments
            .concat(instr.leadingComments)
            .some((c) => /hadolint|berth-ignore|check=/i.test(c.text)) &&
          andChain(p) &&
          andChain(instr);
        let fix;
        if (safe) {
          const firstEnd = p.argsMap[p.argsMap.length - 1];
          const bodyStart = docOffset(instr, instr.restStart);
          // Keep the comment lines between the two RUNs, drop blank lines (they would end the continuation).
          const between = ctx.text
            .slice(firstEnd, instr.keywordStart)
            .split(/\r?\n|\r/)
            .slice(1, -1)
            .filter((l) => l.trim() !== '');
          const newText = ` \\${eol}${between.map((l) => l + eol).join('')}    && `;
          fix = ctx.replace('Merge into the previous RUN', firstEnd, bodyStart, newText);
        }
        ctx.report({
          range: ctx.range(instr.keywordStart, instr.keywordEnd),
          message: `This RUN follows another one (line ${p.line + 1}): joining them with \`&&\` makes one layer instead of two.`,
          fix,
        });
      }
    }
  },
);
