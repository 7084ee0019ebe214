import { keyValuePairs } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'legacy-key-value-format',
    description: '`ENV key value` / `LABEL key value`: the whitespace form is deprecated, write `key=value`.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['LegacyKeyValueFormat'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'LABEL') continue;
      const [p] = keyValuePairs(instr, ctx.model.escapeChar);
      if (!p || !p.legacy || p.raw === undefined) continue;
      const valueText = ctx.text.slice(p.valueStart, p.valueEnd);
      let fix;
      // Only when the value is written on one line exactly as the parser read it.
      if (valueText === p.raw.trimEnd()) {
        const multiWord = instr.args.length > 2;
        const hasQuoteOrEscape = /["'\\`]/.test(valueText);
        if (!multiWord) fix = ctx.replace('Use `key=value`', p.keyEnd, p.valueStart, '=');
        else if (!hasQuoteOrEscape)
          fix = {
            title: 'Use `key="value"`',
            edits: [{ range: ctx.range(p.keyEnd, p.valueEnd), newText: `="${valueText}"` }],
          };
      }
      ctx.report({
        range: ctx.range(p.keyStart, p.keyEnd),
        message: `Write \`${instr.keyword} ${p.key}=<value>\`: the form without \`=\` is deprecated and reads the rest of the line as one value.`,
        fix,
      });
    }
  },
);
