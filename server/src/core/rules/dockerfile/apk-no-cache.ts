import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import {
  callRange,
  hasWordFlag,
  insertAfterFix,
  isRecursiveRm,
  laterInRun,
  shellCommands,
  toolCall,
} from './_packages';
import { hasCacheMount } from './_run-stage';

export default defineDockerfileRule(
  {
    id: 'apk-no-cache',
    description: '`apk add` without `--no-cache` keeps the package index in the image.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3019'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apk'], ['add']);
      if (!call || hasWordFlag(c, call.toolIndex, '--no-cache', '--no-network')) continue;
      if (hasCacheMount(c.instr, '/var/cache/apk', '/etc/apk/cache')) continue;
      if (laterInRun(c, (d: RunCommand) => isRecursiveRm(d, /^\/var\/cache\/apk(\/.*)?$/))) continue;
      ctx.report({
        range: callRange(ctx, call),
        message: '`apk add` without `--no-cache` leaves the package index in this layer. Add `--no-cache`.',
        fix: insertAfterFix(ctx, call.sub!, '--no-cache', 'Add --no-cache'),
      });
    }
  },
);
