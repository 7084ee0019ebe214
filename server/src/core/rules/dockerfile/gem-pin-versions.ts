import { defineDockerfileRule } from '../rule';
import {
  callOperands,
  hasWordFlag,
  isDynamic,
  isPathOrUrl,
  shellCommands,
  toolCall,
  wordsRange,
} from './_packages';

const VALUE_OPTS = [
  '-i',
  '--install-dir',
  '-n',
  '--bindir',
  '-s',
  '--source',
  '-P',
  '--trust-policy',
  '-g',
  '--file',
  '--platform',
  '--build-root',
  '-p',
  '--http-proxy',
];

export default defineDockerfileRule(
  {
    id: 'gem-pin-versions',
    description:
      '`gem install` without a version (`gem install rake:13.1.0` or `-v`): rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3028'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['gem'], ['install', 'i']);
      if (!call || hasWordFlag(c, call.toolIndex, '-v', '--version')) continue;
      for (const w of callOperands(c, call, VALUE_OPTS)) {
        const v = w.value;
        if (isDynamic(w) || !v || v.includes(':') || v.endsWith('.gem') || isPathOrUrl(v)) continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${v}\` is installed without a version: pin it (\`${v}:<version>\` or \`-v <version>\`).`,
        });
      }
    }
  },
);
