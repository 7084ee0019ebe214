import { defineDockerfileRule } from '../rule';
import { callRange, hasShortFlag, hasWordFlag, insertAfterFix, shellCommands, toolCall } from './_packages';

export default defineDockerfileRule(
  {
    id: 'yum-assume-yes',
    description: '`yum install` without `-y` stops at the confirmation prompt and fails the build.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3030'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['yum'], ['install', 'groupinstall', 'localinstall']);
      if (!call || hasShortFlag(c, call.toolIndex, 'y') || hasWordFlag(c, call.toolIndex, '--assumeyes'))
        continue;
      ctx.report({
        range: callRange(ctx, call),
        message: `\`yum ${call.sub!.value}\` without \`-y\`: the build has no terminal to answer its prompt. Add \`-y\`.`,
        fix: insertAfterFix(ctx, call.sub!, '-y', 'Add -y'),
      });
    }
  },
);
