import { keyValuePairs } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import { wordVarRefs } from '../../dockerfile/vars';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'env-self-reference',
    description:
      'An ENV value uses a variable set earlier in the same ENV instruction, which it cannot see yet.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3044'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    const esc = ctx.model.escapeChar;
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'ENV') continue;
      const pairs = keyValuePairs(instr, esc);
      const earlier = new Set<string>();
      for (const p of pairs) {
        if (p.raw !== undefined && !p.legacy && p.valueEnd - p.valueStart === p.raw.length) {
          for (const r of wordVarRefs(p.raw, esc)) {
            if (!earlier.has(r.name) || scope.isDefinedAt(instr, r.name)) continue;
            ctx.report({
              range: ctx.range(p.valueStart + r.start, p.valueStart + r.end),
              message: `\`${r.name}\` is set in this same ENV, but values here see only earlier instructions: move \`${r.name}\` to its own ENV line above.`,
            });
          }
        }
        earlier.add(p.key);
      }
    }
  },
);
