import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import { appendToRunFix, callRange, isRecursiveRm, laterInRun, shellCommands, toolCall } from './_packages';
import { hasCacheMount } from './_run-stage';

function cleans(d: RunCommand): boolean {
  return !!toolCall(d, ['zypper'], ['clean', 'cc']) || isRecursiveRm(d, /^\/var\/cache\/zypp(\/.*)?$/);
}

export default defineDockerfileRule(
  {
    id: 'zypper-clean',
    description:
      '`zypper install` without `zypper clean` later in the same RUN leaves the package cache in the image.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3036'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['zypper'], ['install', 'in']);
      if (!call || hasCacheMount(c.instr, '/var/cache/zypp') || laterInRun(c, cleans)) continue;
      ctx.report({
        range: callRange(ctx, call),
        message:
          '`zypper install` leaves its cache in this layer: end the same RUN with `zypper clean --all`.',
        fix: appendToRunFix(ctx, c, 'zypper clean --all', 'Add zypper clean --all at the end of this RUN'),
      });
    }
  },
);
