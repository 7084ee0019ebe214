import { isMap, isScalar } from 'yaml';
import { getValue, scalarText, seqItems, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import { parsePort, parsePortRange } from '../../compose/values';
import { defineComposeRule } from '../rule';

interface Published {
  ip: string;
  from: number;
  to: number;
  proto: string;
  service: string;
}

export default defineComposeRule(
  {
    id: 'compose-no-duplicate-exported-ports',
    description: 'The same host port is published twice (on overlapping interfaces, same protocol).',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['no-duplicate-exported-ports'],
  },
  (ctx) => {
    const m = ctx.model;
    // Ports by `proto/port` (ranges expanded up to 4096 ports; wider ones are compared one by one).
    const byPort = new Map<string, Published[]>();
    const wide: Published[] = [];
    const all = (ip: string) => ip === '*' || ip === '0.0.0.0' || ip === '::';
    const overlaps = (t: Published, p: Omit<Published, 'service'>) =>
      t.proto === p.proto && t.from <= p.to && p.from <= t.to && (t.ip === p.ip || all(t.ip) || all(p.ip));
    for (const svc of services(m)) {
      for (const item of seqItems(m, getValue(m, svc.node, 'ports'))) {
        let pub: Omit<Published, 'service'> | undefined;
        let span: [number, number] | undefined;
        if (isScalar(item)) {
          const l = literal(item);
          if (!l || typeof item.value === 'number') continue;
          const p = parsePort(l.text);
          if (!p?.published) continue;
          const r = parsePortRange(p.published, true);
          if (typeof r === 'string' || r[0] === 0) continue;
          pub = { ip: p.hostIp || '*', from: r[0], to: r[1], proto: (p.protocol ?? 'tcp').toLowerCase() };
          span = [l.start, l.end];
        } else if (isMap(item)) {
          const pv = getValue(m, item, 'published');
          const l = literal(pv);
          if (!l) continue;
          const r = parsePortRange(l.text, true);
          if (typeof r === 'string' || r[0] === 0) continue;
          pub = {
            ip: scalarText(getValue(m, item, 'host_ip')) || '*',
            from: r[0],
            to: r[1],
            proto: (scalarText(getValue(m, item, 'protocol')) ?? 'tcp').toLowerCase(),
          };
          span = [l.start, l.end];
        }
        if (!pub || !span) continue;
        const p = pub;
        let clash = wide.find((t) => overlaps(t, p));
        const narrow = p.to - p.from < 4096;
        if (!clash && narrow)
          for (let port = p.from; port <= p.to && !clash; port++)
            clash = byPort.get(`${p.proto}/${port}`)?.find((t) => overlaps(t, p));
        if (!clash && !narrow) for (const list of byPort.values()) clash ??= list.find((t) => overlaps(t, p));
        if (clash) {
          const port = Math.max(clash.from, p.from);
          ctx.report({
            range: ctx.range(span[0], span[1]),
            message: `Host port ${port}/${p.proto} is already published by service \`${clash.service}\`: the second container cannot bind it.`,
          });
        }
        const entry = { ...p, service: svc.name };
        if (!narrow) wide.push(entry);
        else
          for (let port = p.from; port <= p.to; port++) {
            const k = `${p.proto}/${port}`;
            const list = byPort.get(k);
            if (list) list.push(entry);
            else byPort.set(k, [entry]);
          }
      }
    }
  },
);
