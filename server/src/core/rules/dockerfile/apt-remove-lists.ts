import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import { appendToRunFix, callRange, isRecursiveRm, laterInRun, shellCommands, toolCall } from './_packages';
import { hasCacheMount, isOnbuildTarget, outerInstruction, shippedStages } from './_run-stage';

const LISTS = /^\/var\/lib\/apt(\/lists)?(\/.*)?$/;

export default defineDockerfileRule(
  {
    id: 'apt-remove-lists',
    description:
      '`apt-get update` without `rm -rf /var/lib/apt/lists/*` in the same RUN leaves the package lists in the image.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3009'],
  },
  (ctx) => {
    const shipped = shippedStages(ctx.model);
    const done = new Set<unknown>();
    for (const c of shellCommands(ctx.model)) {
      if (done.has(c.instr)) continue;
      const call = toolCall(c, ['apt-get', 'apt', 'aptitude'], ['update']);
      if (!call) continue;
      done.add(c.instr);
      const onbuild = isOnbuildTarget(ctx.model, c.instr);
      const stage = outerInstruction(ctx.model, c.instr).stageIndex;
      if (!onbuild && stage >= 0 && !shipped.has(stage)) continue;
      if (hasCacheMount(c.instr, '/var/lib/apt/lists')) continue;
      // `rm -rf /var/lib/apt/lists/*`, or apt 3's `apt-get dist-clean`, which removes them too.
      const cleans = (d: RunCommand) =>
        isRecursiveRm(d, LISTS) || !!toolCall(d, ['apt-get', 'apt'], ['dist-clean']);
      if (laterInRun(c, cleans)) continue;
      ctx.report({
        range: callRange(ctx, call),
        message:
          'The package lists downloaded by `' +
          `${call.name} update\` stay in this layer: end the same RUN with \`rm -rf /var/lib/apt/lists/*\`.`,
        fix: appendToRunFix(
          ctx,
          c,
          'rm -rf /var/lib/apt/lists/*',
          'Remove the apt lists at the end of this RUN',
        ),
      });
    }
  },
);
