import { duplicateKeys, nodeSpan } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'duplicate-key',
    description: 'A key appears twice in the same mapping: YAML forbids it and Compose refuses the file.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['compose-duplicate-key'],
  },
  (ctx) => {
    for (const d of duplicateKeys(ctx.model)) {
      const s = nodeSpan(d.pair.key);
      const f = nodeSpan(d.first.key);
      if (!s) continue;
      const line = f ? ctx.model.lines.positionAt(f[0]).line + 1 : undefined;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Duplicate key \`${d.name}\`${line ? ` (first set on line ${line})` : ''}: Compose refuses the file. Keep one and merge their content.`,
      });
    }
  },
);
