import { defineDockerfileRule } from '../rule';
import { labelPairs, labelSchema } from './_label-schema';

export default defineDockerfileRule(
  {
    id: 'label-not-in-schema',
    description: 'With `strict-labels`, a LABEL key that the configured label schema does not list.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    defaultOff: true,
    enabledBy: 'label-schema',
    aliases: ['DL3050'],
  },
  (ctx) => {
    const schema = labelSchema(ctx.config);
    if (!schema || !ctx.config.strictLabels) return;
    for (const { pair } of labelPairs(ctx.model)) {
      if (Object.prototype.hasOwnProperty.call(schema, pair.key)) continue;
      ctx.report({
        range: ctx.range(pair.keyStart, pair.keyEnd),
        message: `Label \`${pair.key}\` is not in the label schema, and \`strict-labels\` is on: add it to the schema or remove it.`,
      });
    }
  },
);
