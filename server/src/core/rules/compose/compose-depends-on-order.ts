import { isMap, isSeq } from '../../compose/yaml-nodes';
import { getValue, keyName, scalarText, services, type YPair } from '../../compose/model';
import { checkOrder, naturalCompare } from '../../compose/order';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-depends-on-order',
    description: '`depends_on` entries are not in alphabetical order.',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['service-dependencies-alphabetical-order'],
  },
  (ctx) => {
    const m = ctx.model;
    for (const svc of services(m)) {
      const d = getValue(m, svc.node, 'depends_on');
      const name = (x: unknown) => (isSeq(d) ? scalarText(x) : keyName(x as YPair)) ?? '';
      if (!isSeq(d) && !isMap(d)) continue;
      checkOrder(
        ctx,
        d,
        name,
        naturalCompare,
        (x, b) => `\`${name(x)}\` should come before \`${name(b)}\` in \`depends_on\` (alphabetical order).`,
      );
    }
  },
);
