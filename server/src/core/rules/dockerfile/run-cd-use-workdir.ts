import { defineDockerfileRule } from '../rule';
import type { RuleContext } from '../rule';
import { docOffset, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import type { RunCommand } from '../../dockerfile/run';
import type { Fix } from '../../types';
import { shellCommands } from './_packages';
import { firstAtOrAfter, instructionsBefore, shippedStages } from './_run-stage';

const ABS_PATH = /^\/[A-Za-z0-9._/@+:-]*$/;

/** Instructions whose behaviour depends on the working directory. */
function dependsOnCwd(x: Instruction): boolean {
  switch (x.keyword) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'HEALTHCHECK':
    case 'ONBUILD':
      return true;
    case 'COPY':
    case 'ADD': {
      const dest = x.json ? x.json.values[x.json.values.length - 1] : x.args[x.args.length - 1]?.value;
      return !dest || !dest.startsWith('/');
    }
    case 'WORKDIR':
    case 'VOLUME':
      return !x.argsText
        .slice(x.restStart)
        .trim()
        .replace(/^\[\s*"?/, '')
        .startsWith('/');
    default:
      return false;
  }
}

function absoluteWorkdir(x: Instruction): string | undefined {
  if (x.keyword !== 'WORKDIR') return undefined;
  const v = x.argsText.slice(x.restStart).trim();
  return ABS_PATH.test(v) ? v : undefined;
}

/**
 * `cd /x && rest` at the very start of a shell-form RUN becomes `WORKDIR /x` + `RUN rest`, when the
 * working directory of the instructions after the RUN is known to stay right.
 */
function workdirFix(ctx: RuleContext<DockerfileModel>, c: RunCommand): { fix?: Fix; suggestion?: Fix } {
  const instr = c.instr;
  const model = ctx.model;
  if (c.heredoc || instr.heredocs.length || model.instructions[instr.index] !== instr) return {};
  if (c.indexInScript !== 0 || c.cmd.depth !== 0 || c.cmd.next !== '&&' || c.words.length !== 2) return {};
  if (c.cmd.assignments.length || c.cmd.redirects.length || c.script.errors.length) return {};
  const dir = c.words[1].value;
  if (!ABS_PATH.test(dir) || c.words[1].hasExpansion) return {};
  // The text after `&&` up to the next command.
  const logical = instr.argsText;
  let p = instr.restStart + c.cmd.end;
  while (p < logical.length && /\s/.test(logical[p])) p++;
  if (logical.slice(p, p + 2) !== '&&') return {};
  p += 2;
  while (p < logical.length && /\s/.test(logical[p])) p++;
  if (p >= logical.length) return {};
  const restDoc = docOffset(instr, p);
  if (ctx.text.slice(c.docStart, restDoc).includes('#')) return {};

  const lower = instr.keywordRaw === instr.keywordRaw.toLowerCase();
  const kw = lower ? 'workdir' : 'WORKDIR';
  const eol = model.lines.eol;
  const lineStart = model.lines.lineStarts[instr.line];
  const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart, instr.keywordStart))![0];
  const edits = [
    { range: ctx.range(instr.keywordStart, instr.keywordStart), newText: `${kw} ${dir}${eol}${indent}` },
    { range: ctx.range(c.docStart, restDoc), newText: '' },
  ];
  const title = `Move \`cd ${dir}\` to WORKDIR ${dir}`;

  // After the RUN, does anything depend on the working directory before an absolute WORKDIR resets it?
  // (Walked from the RUN's position, not by filtering the whole stage: that is quadratic in large stages.)
  const after = model.stages[instr.stageIndex]?.instructions ?? [];
  let reset = false;
  let depends = false;
  for (let i = firstAtOrAfter(after, instr.index + 1); i < after.length; i++) {
    const x = after[i];
    if (absoluteWorkdir(x)) {
      reset = true;
      break;
    }
    if (dependsOnCwd(x)) {
      depends = true;
      break;
    }
  }
  if (!depends && (reset || !shippedStages(model).has(instr.stageIndex))) return { fix: { title, edits } };
  // Otherwise restore the previous WORKDIR when it is known.
  let prev: string | undefined;
  for (const x of instructionsBefore(model, instr)) {
    if (x.keyword === 'WORKDIR') {
      prev = absoluteWorkdir(x);
      break;
    }
  }
  if (prev) {
    edits.push({ range: ctx.range(instr.end, instr.end), newText: `${eol}${indent}${kw} ${prev}` });
    return { fix: { title, edits } };
  }
  return {
    suggestion: { title: `${title} (later instructions then run in ${dir})`, edits, notForFixAll: true },
  };
}

export default defineDockerfileRule(
  {
    id: 'run-cd-use-workdir',
    description: '`cd` in a RUN: set the working directory with `WORKDIR` instead.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3003'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model, false)) {
      if (c.name !== 'cd' || c.cmd.inSubstitution) continue;
      const last = c.words[c.words.length - 1];
      const { fix, suggestion } = workdirFix(ctx, c);
      ctx.report({
        range: ctx.range(c.words[0].docStart, last.docEnd),
        message:
          '`cd` in a RUN only lasts until the end of that RUN and hides where commands run: use `WORKDIR` to set the directory.',
        fix,
        suggestions: suggestion ? [suggestion] : undefined,
      });
    }
  },
);
