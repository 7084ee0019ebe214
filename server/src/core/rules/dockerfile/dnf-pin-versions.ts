import { defineDockerfileRule } from '../rule';
import { hasRpmVersion, rpmInstallOperands, shellCommands, wordsRange } from './_packages';

export default defineDockerfileRule(
  {
    id: 'dnf-pin-versions',
    description:
      '`dnf install` of a package without a version (`httpd-2.4.57`): rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3041'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const found = rpmInstallOperands(c, ['dnf', 'microdnf']);
      if (!found) continue;
      for (const w of found.words) {
        const v = w.value;
        if (found.module ? v.includes(':') : hasRpmVersion(v)) continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: found.module
            ? `Module \`${v}\` is installed without a stream: pin it (\`${v}:<stream>\`).`
            : `\`${v}\` is installed without a version: pin it (\`${v}-<version>\`).`,
        });
      }
    }
  },
);
