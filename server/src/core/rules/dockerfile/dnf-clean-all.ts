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

const INSTALLING = ['install', 'groupinstall', 'localinstall', 'reinstall', 'upgrade', 'update'];

function cleans(d: RunCommand): boolean {
  const call = toolCall(d, ['dnf', 'microdnf', 'yum'], ['clean']);
  if (call) return callOperands(d, call).some((w) => w.value === 'all');
  return isRecursiveRm(d, /^\/var\/cache\/(dnf|yum)(\/.*)?$/);
}

export default defineDockerfileRule(
  {
    id: 'dnf-clean-all',
    description:
      '`dnf install` without `dnf clean all` later in the same RUN leaves the package cache in the image.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3040'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['dnf', 'microdnf'], INSTALLING);
      if (!call || hasCacheMount(c.instr, '/var/cache/dnf', '/var/cache/yum') || laterInRun(c, cleans))
        continue;
      ctx.report({
        range: callRange(ctx, call),
        message: `\`${call.name} ${call.sub!.value}\` leaves its cache in this layer: end the same RUN with \`${call.name} clean all\`.`,
        fix: appendToRunFix(
          ctx,
          c,
          `${call.name} clean all`,
          `Add ${call.name} clean all at the end of this RUN`,
        ),
      });
    }
  },
);
