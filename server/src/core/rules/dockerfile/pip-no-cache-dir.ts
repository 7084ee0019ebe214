import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import { callRange, hasWordFlag, insertAfterFix, pipInstall, sameRun, shellCommands } from './_packages';
import { runMounts, varAt } from './_run-stage';

const TRUTHY = new Set(['1', 'true', 'on', 'yes']);
const truthy = (v: string | null | undefined) => typeof v === 'string' && TRUTHY.has(v.trim().toLowerCase());

function assignmentTruthy(words: { value: string }[]): boolean {
  return words.some((w) => w.value.startsWith('PIP_NO_CACHE_DIR=') && truthy(w.value.slice(17)));
}

/** `PIP_NO_CACHE_DIR=1 pip install`, `env PIP_NO_CACHE_DIR=1 pip install`, or an earlier `export PIP_NO_CACHE_DIR=1`. */
function setInRun(c: RunCommand, toolIndex: number): boolean {
  if (assignmentTruthy(c.cmd.assignments) || assignmentTruthy(c.words.slice(0, toolIndex))) return true;
  for (const d of sameRun(c)) {
    if (d === c) break;
    if (d.name === 'export' && assignmentTruthy(d.words.slice(1))) return true;
    if (!d.name && assignmentTruthy(d.cmd.assignments)) return true;
  }
  return false;
}

export default defineDockerfileRule(
  {
    id: 'pip-no-cache-dir',
    description: "`pip install` without `--no-cache-dir` keeps pip's download cache in the image.",
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3042'],
  },
  (ctx) => {
    const model = ctx.model;
    for (const c of shellCommands(model)) {
      const call = pipInstall(c);
      if (!call || hasWordFlag(c, call.toolIndex, '--no-cache-dir')) continue;
      if (truthy(varAt(model, c.instr, 'PIP_NO_CACHE_DIR')) || setInRun(c, call.toolIndex)) continue;
      if (
        runMounts(c.instr).some(
          (m) =>
            (m.type === 'cache' || m.type === 'tmpfs') && /(\/\.cache(\/pip)?|pip)\/?$/.test(m.target ?? ''),
        )
      )
        continue;
      ctx.report({
        range: callRange(ctx, call),
        message:
          '`pip install` keeps its download cache in this layer: add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`).',
        fix: insertAfterFix(ctx, call.sub!, '--no-cache-dir', 'Add --no-cache-dir'),
      });
    }
  },
);
