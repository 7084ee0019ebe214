import { defineDockerfileRule } from '../rule';
import { APT_VALUE_FLAGS } from './apt-no-install-recommends';
import { callOperands, isDynamic, shellCommands, toolCall, wordsRange } from './_packages';

export default defineDockerfileRule(
  {
    id: 'apt-pin-versions',
    description:
      '`apt-get install` of a package without a version (`curl=7.88.1-10`): rebuilds may install something else.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3008'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apt-get', 'apt'], ['install']);
      if (!call) continue;
      for (const w of callOperands(c, call, APT_VALUE_FLAGS)) {
        const v = w.value;
        if (isDynamic(w) || !v || v.includes('=') || v.includes('/') || v.endsWith('.deb')) continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${v}\` is installed without a version: pin it (\`${v}=<version>\`) so that a rebuild installs the same package.`,
        });
      }
    }
  },
);
