import { defineDockerfileRule } from '../rule';
import { callOperands, isDynamic, isPathOrUrl, shellCommands, toolCall, wordsRange } from './_packages';

const VALUE_OPTS = [
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
  '--repositories-file',
];

export default defineDockerfileRule(
  {
    id: 'apk-pin-versions',
    description:
      '`apk add` of a package without a version (`curl=8.5.0-r0`): rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3018'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apk'], ['add']);
      if (!call) continue;
      for (const w of callOperands(c, call, VALUE_OPTS)) {
        const v = w.value;
        if (isDynamic(w) || !v || /[=~<>]/.test(v) || v.endsWith('.apk') || isPathOrUrl(v)) continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${v}\` is installed without a version: pin it (\`${v}=<version>\`, or \`${v}~<major.minor>\`).`,
        });
      }
    }
  },
);
