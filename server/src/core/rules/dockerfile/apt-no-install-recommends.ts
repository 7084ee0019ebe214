import { defineDockerfileRule } from '../rule';
import { callRange, shellCommands, toolCall } from './_packages';

/** apt-get options that take a separate value. */
export const APT_VALUE_FLAGS = new Set(['-o', '-t', '-c', '--option', '--target-release', '--config-file']);

export default defineDockerfileRule(
  {
    id: 'apt-no-install-recommends',
    description:
      '`apt-get install` without `--no-install-recommends` pulls in packages the image does not need.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3015'],
  },
  (ctx) => {
    // The command actually run, as for apt-assume-yes and apt-pin-versions: through `sudo`, `env X=1`...
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apt-get', 'apt'], ['install']);
      if (!call) continue;
      const ok = c.words
        .slice(call.toolIndex + 1)
        .some(
          (w) =>
            w.value === '--no-install-recommends' ||
            /^(-o|--option)=?APT::Install-Recommends=(false|0|no)$/i.test(w.value) ||
            w.value === 'APT::Install-Recommends=false',
        );
      if (ok) continue;
      const install = call.sub!;
      ctx.report({
        range: callRange(ctx, call),
        message: `\`${call.name} install\` without \`--no-install-recommends\`: recommended packages bloat the image.`,
        fix: ctx.replace(
          'Add --no-install-recommends',
          install.docEnd,
          install.docEnd,
          ' --no-install-recommends',
        ),
      });
    }
  },
);
