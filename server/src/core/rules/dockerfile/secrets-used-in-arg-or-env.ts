import { effective, keyValuePairs } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';
import { secretLikeName } from './_secret-names';

export default defineDockerfileRule(
  {
    id: 'secrets-used-in-arg-or-env',
    description:
      'An ARG or ENV name suggests it carries a secret, which would be stored in the image or its history.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  },
  (ctx) => {
    for (const outer of ctx.model.instructions) {
      const instr = effective(outer);
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      for (const p of keyValuePairs(instr, ctx.model.escapeChar)) {
        if (!p.key || p.key.includes('$') || !secretLikeName(p.key)) continue;
        const where = instr.keyword === 'ENV' ? 'is stored in the image' : 'is recorded in the build history';
        ctx.report({
          range: ctx.range(p.keyStart, p.keyEnd),
          message: `\`${instr.keyword} ${p.key}\` looks like a secret: its value ${where}. Pass secrets with \`RUN --mount=type=secret\` (or at run time) instead.`,
        });
      }
    }
  },
);
