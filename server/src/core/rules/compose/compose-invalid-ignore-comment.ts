import { suppressionsOf } from '../../engine';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-invalid-ignore-comment',
    description:
      'A suppression comment (`# berth-ignore`, `# dclint disable...`) is malformed or names an unknown rule, so it suppresses nothing.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const p of suppressionsOf(ctx.model, ctx.config).problems) {
      ctx.report({ range: ctx.range(p.start, p.end), message: p.message });
    }
  },
);
