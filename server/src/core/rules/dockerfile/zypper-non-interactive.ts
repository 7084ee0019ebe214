import { defineDockerfileRule } from '../rule';
import { callRange, hasShortFlag, hasWordFlag, insertAfterFix, shellCommands, toolCall } from './_packages';

const PROMPTING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

export default defineDockerfileRule(
  {
    id: 'zypper-non-interactive',
    description:
      '`zypper install` (remove, patch...) without `-n` / `-y` stops at a prompt and fails the build.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3034'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['zypper'], PROMPTING);
      if (!call) continue;
      const from = call.toolIndex;
      if (
        hasWordFlag(c, from, '--non-interactive', '--no-confirm') ||
        hasShortFlag(c, from, 'n') ||
        hasShortFlag(c, from, 'y')
      )
        continue;
      ctx.report({
        range: callRange(ctx, call),
        message: `\`zypper ${call.sub!.value}\` without \`-n\` (non-interactive): the build has no terminal to answer its prompts. Add \`-n\`.`,
        fix: insertAfterFix(ctx, call.tool, '-n', 'Add -n (non-interactive)'),
      });
    }
  },
);
