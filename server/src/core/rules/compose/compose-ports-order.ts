import { isMap, isScalar, isSeq } from '../../compose/yaml-nodes';
import { getValue, scalarText, services } from '../../compose/model';
import { checkOrder, naturalCompare } from '../../compose/order';
import { parsePort } from '../../compose/values';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-ports-order',
    description: '`ports` are not sorted by published port.',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['service-ports-alphabetical-order'],
  },
  (ctx) => {
    const m = ctx.model;
    for (const svc of services(m)) {
      const ports = getValue(m, svc.node, 'ports');
      if (!isSeq(ports)) continue;
      const key = (x: unknown): string => {
        if (isScalar(x)) {
          const t = scalarText(x) ?? '';
          const p = parsePort(t);
          return p ? (p.published ?? p.target) : t;
        }
        if (isMap(x))
          return scalarText(getValue(m, x, 'published')) ?? scalarText(getValue(m, x, 'target')) ?? '';
        return '';
      };
      checkOrder(
        ctx,
        ports,
        key,
        naturalCompare,
        (x, b) => `Port ${key(x)} should come before ${key(b)} (sorted by published port).`,
      );
    }
  },
);
