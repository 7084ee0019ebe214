import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import type { Fix } from '../../types';
import { sameRun, shellCommands } from './_packages';
import { externalBase, isAlpineLike, outerInstruction, shellAt } from './_run-stage';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const NON_POSIX = new Set(['pwsh', 'powershell', 'cmd']);

/** `-o pipefail` among the words (`-o pipefail`, `-eo pipefail`, `-euxo pipefail`, `-opipefail`). */
function setsPipefail(values: string[]): boolean {
  return values.some(
    (v, i) => v === '-opipefail' || (/^-[a-zA-Z]*o$/.test(v) && values[i + 1] === 'pipefail'),
  );
}

export default defineDockerfileRule(
  {
    id: 'pipe-without-pipefail',
    description:
      'RUN with a pipe while the shell lacks `-o pipefail`: a failure on the left of `|` goes unnoticed.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL4006'],
  },
  (ctx) => {
    const model = ctx.model;
    const seen = new Set<unknown>();
    for (const c of shellCommands(model, false)) {
      if (c.cmd.pipedFrom === undefined || seen.has(c.script)) continue;
      seen.add(c.script);
      const shell = shellAt(model, c.instr);
      if (shell && shell.length) {
        const exe = shell[0]
          .split(/[\\/]/)
          .pop()!
          .toLowerCase()
          .replace(/\.exe$/, '');
        if (NON_POSIX.has(exe)) continue;
        if (PIPEFAIL_SHELLS.has(exe) && setsPipefail(shell)) continue;
      }
      // `set -o pipefail` earlier in the same script.
      const before = sameRun(c).filter((d: RunCommand) => d.script === c.script && d.cmd.start < c.cmd.start);
      if (before.some((d) => d.name === 'set' && setsPipefail(d.words.map((w) => w.value)))) continue;
      const from = sameRun(c).find((d) => d.script === c.script && d.indexInScript === c.cmd.pipedFrom);
      let pipe = -1;
      if (from) pipe = ctx.text.indexOf('|', from.docEnd);
      if (pipe < 0 || pipe >= c.docStart) pipe = c.docStart;
      const instr = c.instr;
      const base = externalBase(model, outerInstruction(model, instr).stageIndex);
      let suggestion: Fix | undefined;
      if (!isAlpineLike(base) && model.instructions[instr.index] === instr) {
        const lower = instr.keywordRaw === instr.keywordRaw.toLowerCase();
        const lineStart = model.lines.lineStarts[instr.line];
        const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart, instr.keywordStart))![0];
        suggestion = ctx.replace(
          'Run with bash -o pipefail (add a SHELL line)',
          instr.keywordStart,
          instr.keywordStart,
          `${lower ? 'shell' : 'SHELL'} ["/bin/bash", "-o", "pipefail", "-c"]${model.lines.eol}${indent}`,
        );
        suggestion.notForFixAll = true;
      }
      ctx.report({
        range: ctx.range(pipe, pipe + 1),
        message:
          'Only the last command of a pipe decides whether this RUN fails: an error before `|` is ignored. ' +
          'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or `set -o pipefail` in a shell that has it).',
        suggestions: suggestion ? [suggestion] : undefined,
      });
    }
  },
);
