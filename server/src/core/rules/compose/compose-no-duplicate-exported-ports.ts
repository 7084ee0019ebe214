import { isMap, isScalar } from '../../compose/yaml-nodes';
import { getValue, scalarText, seqItems, services } from '../../compose/model';
import { projectOf, scalarValue } from '../../compose/project';
import { parsePort, parsePortRange } from '../../compose/values';
import { defineComposeRule } from '../rule';

interface Published {
  ip: string;
  from: number;
  to: number;
  proto: string;
  service: string;
  /** Order of publication: the earliest clash is the one reported. */
  seq: number;
}

/** The publishers of one `proto/port`: the first of all, the first on all interfaces, the first per host IP. */
interface Slot {
  port: number;
  first: Published;
  all?: Published;
  /** Host IP -> first publisher, for IPs other than `first`'s (made when needed). */
  byIp?: Map<string, Published>;
}

const allInterfaces = (ip: string) => ip === '*' || ip === '0.0.0.0' || ip === '::';

/** The earliest publisher in `slot` that `p` clashes with (all interfaces clash with every host IP). */
function clashIn(slot: Slot, ip: string): Published | undefined {
  if (allInterfaces(ip)) return slot.first;
  const a = slot.all;
  const b = slot.first.ip === ip ? slot.first : slot.byIp?.get(ip);
  return a && b ? (a.seq < b.seq ? a : b) : (a ?? b);
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
    // Publishers by `proto/port`, then by host IP: O(1) per port (ranges expanded up to 4096 ports; wider
    // ones are kept apart and compared one by one).
    const byProto = new Map<string, Map<number, Slot>>();
    const slotsOf = (proto: string) => {
      let s = byProto.get(proto);
      if (!s) byProto.set(proto, (s = new Map()));
      return s;
    };
    const wide: Published[] = [];
    let seq = 0;
    const overlaps = (t: Published, p: Omit<Published, 'service' | 'seq'>) =>
      t.proto === p.proto &&
      t.from <= p.to &&
      p.from <= t.to &&
      (t.ip === p.ip || allInterfaces(t.ip) || allInterfaces(p.ip));
    const project = projectOf(ctx);
    /** A scalar's interpolated text; a variable without a value: as written (a value no other port has). */
    const valueText = (n: unknown) => scalarValue(project, n)?.text ?? scalarText(n);
    for (const svc of services(m)) {
      for (const item of seqItems(m, getValue(m, svc.node, 'ports'))) {
        let pub: Omit<Published, 'service' | 'seq'> | undefined;
        let span: [number, number] | undefined;
        if (isScalar(item)) {
          // After interpolation (`${WEB_PORT:-8080}:80`); unknown values are skipped.
          const l = scalarValue(project, item);
          if (!l || typeof item.value === 'number') continue;
          const p = parsePort(l.text);
          if (!p?.published) continue;
          const r = parsePortRange(p.published, true);
          if (typeof r === 'string' || r[0] === 0) continue;
          pub = { ip: p.hostIp || '*', from: r[0], to: r[1], proto: (p.protocol ?? 'tcp').toLowerCase() };
          span = [l.start, l.end];
        } else if (isMap(item)) {
          const pv = getValue(m, item, 'published');
          const l = scalarValue(project, pv);
          if (!l) continue;
          const r = parsePortRange(l.text, true);
          if (typeof r === 'string' || r[0] === 0) continue;
          pub = {
            ip: valueText(getValue(m, item, 'host_ip')) || '*',
            from: r[0],
            to: r[1],
            proto: (valueText(getValue(m, item, 'protocol')) ?? 'tcp').toLowerCase(),
          };
          span = [l.start, l.end];
        }
        if (!pub || !span) continue;
        const p = pub;
        let clash = wide.find((t) => overlaps(t, p));
        const narrow = p.to - p.from < 4096;
        const slots = slotsOf(p.proto);
        if (!clash && narrow)
          for (let port = p.from; port <= p.to && !clash; port++) {
            const slot = slots.get(port);
            if (slot) clash = clashIn(slot, p.ip);
          }
        if (!clash && !narrow)
          for (const slot of slots.values()) {
            if (slot.port < p.from || slot.port > p.to) continue;
            clash = clashIn(slot, p.ip);
            if (clash) break;
          }
        if (clash) {
          const port = Math.max(clash.from, p.from);
          ctx.report({
            range: ctx.range(span[0], span[1]),
            message: `Host port ${port}/${p.proto} is already published by service \`${clash.service}\`: the second container cannot bind it.`,
          });
        }
        const entry: Published = { ...p, service: svc.name, seq: seq++ };
        if (!narrow) wide.push(entry);
        else
          for (let port = p.from; port <= p.to; port++) {
            const slot = slots.get(port);
            const all = allInterfaces(p.ip);
            if (!slot) slots.set(port, { port, first: entry, all: all ? entry : undefined });
            else if (all) slot.all ??= entry;
            else if (slot.first.ip !== p.ip && !slot.byIp?.has(p.ip))
              (slot.byIp ??= new Map()).set(p.ip, entry);
          }
      }
    }
  },
);
