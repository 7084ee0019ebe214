import { isScalar } from '../../compose/yaml-nodes';
import { getValue, seqItems, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-require-quotes-in-ports',
    description:
      'A port mapping with a colon is not quoted: YAML 1.1 parsers read `22:22` as a number in base 60.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['require-quotes-in-ports'],
  },
  (ctx) => {
    const m = ctx.model;
    const q = ctx.options.quoteType === 'single' ? "'" : '"';
    for (const svc of services(m)) {
      for (const item of seqItems(m, getValue(m, svc.node, 'ports'))) {
        if (!isScalar(item) || item.type !== 'PLAIN') continue;
        const l = literal(item);
        if (!l || typeof item.value !== 'string' || !item.value.includes(':')) continue;
        if (l.end - l.start !== l.text.length) continue;
        ctx.report({
          range: ctx.range(l.start, l.end),
          message: `Quote the port mapping \`${l.text}\`: unquoted, \`xx:yy\` with numbers below 60 is a base-60 number for YAML 1.1 tools.`,
          fix: ctx.replace('Quote the port mapping', l.start, l.end, `${q}${l.text}${q}`),
        });
      }
    }
  },
);
