import { defineDockerfileRule } from '../rule';
import { flagValue } from '../../dockerfile/shell';
import { hasShortFlag, hasWordFlag, insertAfterFix, shellCommands, toolCall } from './_packages';

export default defineDockerfileRule(
  {
    id: 'useradd-no-log-init',
    description:
      '`useradd` with a large UID and without `-l`/`--no-log-init` writes a huge sparse lastlog file into the image.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3046'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['useradd']);
      if (!call || hasShortFlag(c, call.toolIndex, 'l') || hasWordFlag(c, call.toolIndex, '--no-log-init'))
        continue;
      const uid = flagValue(c.cmd, '-u', '--uid');
      if (!uid || uid.word.hasExpansion || !/^\d{6,}$/.test(uid.value)) continue;
      ctx.report({
        range: ctx.range(call.tool.docStart, call.tool.docEnd),
        message: `\`useradd\` with UID ${uid.value} records it in /var/log/lastlog and faillog, sparse files that grow with the UID and can bloat the image by gigabytes. Add \`-l\` (\`--no-log-init\`).`,
        fix: insertAfterFix(ctx, call.tool, '-l', 'Add -l (--no-log-init)'),
      });
    }
  },
);
