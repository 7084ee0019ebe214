import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import {
  appendToRunFix,
  callOperands,
  callRange,
  isRecursiveRm,
  laterInRun,
  shellCommands,
  toolCall,
} from './_packages';
import { hasCacheMount } from './_run-stage';

function cleansYum(d: RunCommand): boolean {
  const call = toolCall(d, ['yum'], ['clean']);
  if (call) return callOperands(d, call).some((w) => w.value === 'all');
  return isRecursiveRm(d, /^\/var\/cache\/yum(\/.*)?$/);
}

export default defineDockerfileRule(
  {
    id: 'yum-clean-all',
    description:
      '`yum install` without `yum clean all` later in the same RUN leaves the yum cache in the image.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3032'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['yum'], ['install', 'groupinstall', 'localinstall']);
      if (!call || hasCacheMount(c.instr, '/var/cache/yum') || laterInRun(c, cleansYum)) continue;
      ctx.report({
        range: callRange(ctx, call),
        message: '`yum install` leaves its cache in this layer: end the same RUN with `yum clean all`.',
        fix: appendToRunFix(ctx, c, 'yum clean all', 'Add yum clean all at the end of this RUN'),
      });
    }
  },
);
