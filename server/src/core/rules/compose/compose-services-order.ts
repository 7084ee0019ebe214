import { isMap } from '../../compose/yaml-nodes';
import { getValue, keyName, type YPair } from '../../compose/model';
import { checkOrder, naturalCompare } from '../../compose/order';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-services-order',
    description: 'Services are not in alphabetical order.',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['services-alphabetical-order'],
  },
  (ctx) => {
    const services = getValue(ctx.model, ctx.model.doc.contents, 'services');
    if (!isMap(services)) return;
    checkOrder(
      ctx,
      services,
      (p) => keyName(p as YPair) ?? '',
      naturalCompare,
      (p, before) =>
        `Service \`${keyName(p as YPair)}\` should come before \`${keyName(before as YPair)}\` (alphabetical order).`,
    );
  },
);
