import { defineDockerfileRule } from '../rule';
import { labelPairs, labelSchema } from './_label-schema';

export default defineDockerfileRule(
  {
    id: 'label-empty',
    description: 'A label that the configured label schema lists has an empty value.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    defaultOff: true,
    enabledBy: 'label-schema',
    aliases: ['DL3051'],
  },
  (ctx) => {
    const schema = labelSchema(ctx.config);
    if (!schema) return;
    for (const { pair, value } of labelPairs(ctx.model)) {
      if (!Object.prototype.hasOwnProperty.call(schema, pair.key) || value !== '') continue;
      ctx.report({
        range: ctx.range(pair.keyStart, pair.raw ? pair.valueEnd : pair.keyEnd),
        message: `Label \`${pair.key}\` is empty: give it a value, or remove it if it does not apply.`,
      });
    }
  },
);
