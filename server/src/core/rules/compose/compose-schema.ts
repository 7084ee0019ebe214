import { validateSchema } from '../../compose/schema';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-schema',
    description: 'The file does not follow the Compose Specification: unknown keys, wrong types or values.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['invalid-schema'],
  },
  (ctx) => {
    for (const p of validateSchema(ctx.model)) {
      const range = ctx.range(p.start, p.end);
      ctx.report({
        range,
        message: p.message,
        // A typo in a key: the closest allowed key is very likely what was meant, but let the user choose.
        suggestions: p.suggestion
          ? [
              {
                ...ctx.replace(`Rename to \`${p.suggestion}\``, p.start, p.end, p.suggestion),
                notForFixAll: true,
              },
            ]
          : undefined,
      });
    }
  },
);
