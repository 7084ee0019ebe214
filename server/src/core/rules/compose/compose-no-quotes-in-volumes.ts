import { isScalar } from '../../compose/yaml-nodes';
import { getValue, seqItems, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import { defineComposeRule } from '../rule';

/** Text that reads back as the same string when written without quotes. */
const SAFE_PLAIN = /^[A-Za-z0-9._/~$][^#'"\s,[\]{}]*$/;

export default defineComposeRule(
  {
    id: 'compose-no-quotes-in-volumes',
    description: 'A short-syntax volume is quoted where quotes are not needed (style).',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['no-quotes-in-volumes'],
  },
  (ctx) => {
    const m = ctx.model;
    for (const svc of services(m)) {
      for (const item of seqItems(m, getValue(m, svc.node, 'volumes'))) {
        if (!isScalar(item) || (item.type !== 'QUOTE_DOUBLE' && item.type !== 'QUOTE_SINGLE')) continue;
        const l = literal(item) ?? undefined;
        const text = typeof item.value === 'string' ? item.value : undefined;
        const span = item.range;
        if (!text || !span) continue;
        const raw = m.text.slice(span[0] + 1, span[1] - 1);
        const safe = raw === text && SAFE_PLAIN.test(text) && !text.includes(': ') && !text.endsWith(':');
        ctx.report({
          range: ctx.range(span[0], span[1]),
          message: `The volume \`${text}\` does not need quotes.`,
          fix: safe && l !== null ? ctx.replace('Remove the quotes', span[0], span[1], text) : undefined,
        });
      }
    }
  },
);
