import { defineDockerfileRule } from '../rule';
import { hasShortFlag, hasWordFlag, insertAfterFix, shellCommands, toolCall } from './_packages';
import { externalBase, isAlpineLike, outerInstruction } from './_run-stage';

export default defineDockerfileRule(
  {
    id: 'wget-progress',
    description: '`wget` without `--progress` (or `-q`/`-nv`) floods the build log with its progress bar.',
    type: 'style',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3047'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['wget']);
      if (!call) continue;
      const i = call.toolIndex;
      if (
        hasWordFlag(c, i, '--progress', '--quiet', '--no-verbose', '--output-file', '--append-output', '-nv')
      )
        continue;
      if (hasShortFlag(c, i, 'q') || hasShortFlag(c, i, 'o') || hasShortFlag(c, i, 'a')) continue;
      // BusyBox wget (Alpine) has no --progress: only offer -q there.
      const busybox = isAlpineLike(externalBase(ctx.model, outerInstruction(ctx.model, c.instr).stageIndex));
      const fix = busybox
        ? undefined
        : insertAfterFix(ctx, call.tool, '--progress=dot:giga', 'Add --progress=dot:giga');
      ctx.report({
        range: ctx.range(call.tool.docStart, call.tool.docEnd),
        message: busybox
          ? '`wget` prints a progress bar line after line in the build log: add `-q`.'
          : '`wget` prints its progress bar line after line in the build log: add `--progress=dot:giga` (or `-q` / `-nv`).',
        fix,
        suggestions: busybox
          ? [{ ...insertAfterFix(ctx, call.tool, '-q', 'Add -q'), notForFixAll: true }]
          : undefined,
      });
    }
  },
);
