import { isMap } from 'yaml';
import { keyName, type YPair } from '../../compose/model';
import { checkOrder } from '../../compose/order';
import { defineComposeRule } from '../rule';

const DEFAULT_ORDER = [
  'x-*',
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
];

export default defineComposeRule(
  {
    id: 'compose-top-level-order',
    description:
      'Top-level keys are not in the usual order (x-*, version, name, include, services, networks, volumes, secrets, configs).',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['top-level-properties-order'],
  },
  (ctx) => {
    const top = ctx.model.doc.contents;
    if (!isMap(top)) return;
    const order = Array.isArray(ctx.options.customOrder)
      ? (ctx.options.customOrder as string[])
      : DEFAULT_ORDER;
    const unknown = order.length;
    checkOrder(
      ctx,
      top,
      (p) => {
        const k = keyName(p as YPair) ?? '';
        const r = k.startsWith('x-') ? order.indexOf('x-*') : order.indexOf(k);
        // Keys this rule does not know keep their relative order, after the known ones.
        return { r: r < 0 ? unknown : r, k: k.startsWith('x-') ? k : '' };
      },
      (a, b) => a.r - b.r || a.k.localeCompare(b.k),
      (p, b) => `Top-level \`${keyName(p as YPair)}\` should come before \`${keyName(b as YPair)}\`.`,
    );
  },
);
