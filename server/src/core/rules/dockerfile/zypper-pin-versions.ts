import { defineDockerfileRule } from '../rule';
import { callOperands, isDynamic, isPathOrUrl, shellCommands, toolCall, wordsRange } from './_packages';

const VALUE_OPTS = ['-t', '--type', '-r', '--repo', '--from', '-p'];

export default defineDockerfileRule(
  {
    id: 'zypper-pin-versions',
    description:
      '`zypper install` of a package without a version (`curl=8.0.1`): rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3037'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['zypper'], ['install', 'in']);
      if (!call) continue;
      for (const w of callOperands(c, call, VALUE_OPTS)) {
        const v = w.value;
        if (isDynamic(w) || !v || /[=<>]/.test(v) || v.endsWith('.rpm') || isPathOrUrl(v) || v.includes('('))
          continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${v}\` is installed without a version: pin it (\`${v}=<version>\`, or a range such as \`'${v}>=<version>'\`).`,
        });
      }
    }
  },
);
