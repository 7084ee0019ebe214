import { getPair, keySpan, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-no-duplicate-container-names',
    description: 'Two services use the same `container_name`.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['no-duplicate-container-names'],
  },
  (ctx) => {
    const m = ctx.model;
    const seen = new Map<string, string>();
    for (const svc of services(m)) {
      const p = getPair(m, svc.node, 'container_name');
      const l = literal(p?.value);
      if (!p || !l) continue;
      const first = seen.get(l.text);
      if (first === undefined) {
        seen.set(l.text, svc.name);
        continue;
      }
      const s = keySpan(p) && [l.start, l.end];
      if (!s) continue;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Container name \`${l.text}\` is already used by service \`${first}\`: container names are unique on a host, so one of the two fails to start.`,
      });
    }
  },
);
