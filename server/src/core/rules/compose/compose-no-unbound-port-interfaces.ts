import { isMap, isScalar } from '../../compose/yaml-nodes';
import { getValue, seqItems, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue } from '../../compose/project';
import { parsePort } from '../../compose/values';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-no-unbound-port-interfaces',
    description: 'A published port has no host IP, so it listens on every network interface of the host.',
    type: 'security',
    defaultSeverity: 'warning',
    defaultOff: true,
    fixable: false,
    aliases: ['no-unbound-port-interfaces'],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    // Values after interpolation (`${PORT}:80`); unknown ones (a variable without a value) are skipped.
    const lead = (l: NonNullable<ReturnType<typeof scalarValue>>) => {
      const n = interpolationNote(project, l);
      return n ? `${n}: port` : 'Port';
    };
    for (const svc of services(m)) {
      for (const item of seqItems(m, getValue(m, svc.node, 'ports'))) {
        if (isScalar(item)) {
          const l = scalarValue(project, item);
          if (!l) continue;
          const p = typeof item.value === 'number' ? { hostIp: undefined } : parsePort(l.text);
          if (!p || p.hostIp) continue;
          ctx.report({
            range: ctx.range(l.start, l.end),
            message: `${lead(l)} \`${l.text}\` of service \`${svc.name}\` is published on all interfaces: prefix a host IP (\`127.0.0.1:\`) to keep it local.`,
          });
        } else if (isMap(item)) {
          if (getValue(m, item, 'host_ip') !== undefined || getValue(m, item, 'published') === undefined)
            continue;
          const t = scalarValue(project, getValue(m, item, 'published'));
          if (t)
            ctx.report({
              range: ctx.range(t.start, t.end),
              message: `${lead(t)} ${t.text} of service \`${svc.name}\` is published on all interfaces: add \`host_ip: 127.0.0.1\` to keep it local.`,
            });
        }
      }
    }
  },
);
