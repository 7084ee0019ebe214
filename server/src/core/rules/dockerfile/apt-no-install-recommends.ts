import { allRunCommands, subcommandIndex } from '../../dockerfile/run';
import { defineDockerfileRule } from '../rule';

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
    for (const c of allRunCommands(ctx.model.instructions)) {
      if (c.name !== 'apt-get' && c.name !== 'apt') continue;
      const sub = subcommandIndex(c.words, APT_VALUE_FLAGS);
      if (sub < 0 || c.words[sub].value !== 'install') continue;
      const ok = c.words.some(
        (w) =>
          w.value === '--no-install-recommends' ||
          /^(-o|--option)=?APT::Install-Recommends=(false|0|no)$/i.test(w.value) ||
          w.value === 'APT::Install-Recommends=false',
      );
      if (ok) continue;
      const install = c.words[sub];
      ctx.report({
        range: ctx.range(c.words[0].docStart, install.docEnd),
        message: `\`${c.name} install\` without \`--no-install-recommends\`: recommended packages bloat the image.`,
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
