import { isMap } from '../../compose/yaml-nodes';
import { keyName, type YPair } from '../../compose/model';
import { checkOrder, localeCompare } from '../../compose/order';
import { TOP_LEVEL_ORDER } from '../../compose/edit';
import { defineComposeRule } from '../rule';

/** The order shared with the edits that add a top-level section (compose/edit.ts). */
const DEFAULT_ORDER = TOP_LEVEL_ORDER;

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
      (a, b) => a.r - b.r || localeCompare(a.k, b.k),
      (p, b) => `Top-level \`${keyName(p as YPair)}\` should come before \`${keyName(b as YPair)}\`.`,
    );
  },
);
