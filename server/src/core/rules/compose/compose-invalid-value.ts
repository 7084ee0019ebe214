import { isMap, isScalar, isSeq } from '../../compose/yaml-nodes';
import { deref, entries, getValue, seqItems, services, type ComposeModel } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue } from '../../compose/project';
import { literal, onceReporter, valuesOf } from '../../compose/rule-util';
import {
  checkBoolean,
  checkByteSize,
  checkDuration,
  checkExtraHost,
  checkHostIp,
  checkPort,
  checkRestart,
  isIP,
  isIPv4,
  isIPv6,
  parsePortRange,
} from '../../compose/values';
import { defineComposeRule } from '../rule';

const SERVICE_BOOLEANS = ['privileged', 'read_only', 'stdin_open', 'tty', 'init', 'oom_kill_disable'];
const SERVICE_SIZES = ['mem_limit', 'memswap_limit', 'mem_reservation', 'shm_size'];
const HEALTH_DURATIONS = ['interval', 'timeout', 'start_period', 'start_interval'];
/** The service keys this rule reads. */
const SERVICE_KEYS = new Set([
  ...SERVICE_BOOLEANS,
  ...SERVICE_SIZES,
  'stop_grace_period',
  'restart',
  'scale',
  'healthcheck',
  'build',
  'deploy',
  'ports',
  'expose',
  'extra_hosts',
  'volumes',
  'networks',
]);

export default defineComposeRule(
  {
    id: 'compose-invalid-value',
    description:
      'A value Compose cannot parse: a duration, byte size, port mapping, restart policy, boolean, IP or a negative count.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m: ComposeModel = ctx.model;
    const report = onceReporter(ctx);
    const project = projectOf(ctx);
    const check = (node: unknown, fn: (s: string) => string | undefined, what: string) => {
      // The value Compose validates: after interpolation (`${RESTART:-alwayz}`); unknown values are skipped.
      const l = scalarValue(project, node);
      // Numbers where a string is required are the schema's business (compose-schema).
      if (!l || (fn === checkDuration && typeof l.node.value === 'number')) return;
      const why = fn(l.text);
      if (!why) return;
      const note = interpolationNote(project, l);
      report({
        range: ctx.range(l.start, l.end),
        message: `Invalid ${what}: ${note ? `${note}, and ` : ''}${why}.`,
      });
    };
    const nonNegative = (node: unknown, what: string) => {
      const l = literal(node);
      if (l && typeof l.node.value === 'number' && l.node.value < 0)
        report({ range: ctx.range(l.start, l.end), message: `\`${what}\` cannot be negative.` });
    };
    for (const svc of services(m)) {
      const s = svc.node;
      if (!isMap(s)) continue;
      // The service's keys in one pass (most of the keys checked here are not set); nested maps only when set.
      const vals = valuesOf(m, s, SERVICE_KEYS);
      for (const k of SERVICE_BOOLEANS) check(vals.get(k), checkBoolean, `\`${k}\``);
      for (const k of SERVICE_SIZES) check(vals.get(k), checkByteSize, `\`${k}\``);
      check(vals.get('stop_grace_period'), checkDuration, '`stop_grace_period`');
      check(vals.get('restart'), checkRestart, '`restart`');
      nonNegative(vals.get('scale'), 'scale');
      const hc = vals.get('healthcheck');
      if (hc !== undefined)
        for (const k of HEALTH_DURATIONS) check(getValue(m, hc, k), checkDuration, `healthcheck \`${k}\``);
      const build = vals.get('build');
      if (build !== undefined) check(getValue(m, build, 'shm_size'), checkByteSize, '`build.shm_size`');
      const deploy = vals.get('deploy');
      if (deploy !== undefined) {
        nonNegative(getValue(m, deploy, 'replicas'), 'deploy.replicas');
        const res = getValue(m, deploy, 'resources');
        for (const part of ['limits', 'reservations'])
          check(
            getValue(m, getValue(m, res, part), 'memory'),
            checkByteSize,
            `\`deploy.resources.${part}.memory\``,
          );
        const rp = getValue(m, deploy, 'restart_policy');
        for (const k of ['delay', 'window'])
          check(getValue(m, rp, k), checkDuration, `\`restart_policy.${k}\``);
        for (const k of ['delay', 'monitor']) {
          check(
            getValue(m, getValue(m, deploy, 'update_config'), k),
            checkDuration,
            `\`update_config.${k}\``,
          );
          check(
            getValue(m, getValue(m, deploy, 'rollback_config'), k),
            checkDuration,
            `\`rollback_config.${k}\``,
          );
        }
      }
      // Ports: short syntax strings (numbers are container ports), long syntax.
      for (const p of seqItems(m, vals.get('ports'))) {
        if (isScalar(p)) {
          if (typeof p.value === 'number') {
            const l = literal(p);
            if (l && (p.value < 1 || p.value > 65535 || !Number.isInteger(p.value)))
              report({
                range: ctx.range(l.start, l.end),
                message: `Invalid port: ${p.value} is out of range (1-65535).`,
              });
          } else check(p, checkPort, 'port mapping');
        } else if (isMap(p)) {
          check(
            getValue(m, p, 'target'),
            (t) => {
              const r = parsePortRange(t);
              return typeof r === 'string' ? r : undefined;
            },
            'port `target`',
          );
          check(
            getValue(m, p, 'published'),
            (t) => {
              const r = parsePortRange(t, true);
              return typeof r === 'string' ? r : undefined;
            },
            'port `published`',
          );
          check(
            getValue(m, p, 'host_ip'),
            (t) => (isIP(t) ? undefined : `"${t}" is not an IP address`),
            'port `host_ip`',
          );
          check(
            getValue(m, p, 'protocol'),
            (t) => (/^(tcp|udp|sctp)$/i.test(t) ? undefined : `"${t}" is not tcp, udp or sctp`),
            'port `protocol`',
          );
        }
      }
      for (const e of seqItems(m, vals.get('expose')))
        check(
          e,
          (t) => {
            const r = parsePortRange(t.replace(/\/(tcp|udp|sctp)$/i, ''));
            return typeof r === 'string' ? r : undefined;
          },
          '`expose` port',
        );
      const eh = vals.get('extra_hosts');
      if (isSeq(eh)) for (const e of eh.items) check(deref(m, e), checkExtraHost, '`extra_hosts` entry');
      else if (isMap(eh))
        for (const e of entries(m, eh)) {
          const v = deref(m, e.pair.value);
          if (isSeq(v)) for (const x of v.items) check(deref(m, x), checkHostIp, `\`extra_hosts.${e.key}\``);
          else check(v, checkHostIp, `\`extra_hosts.${e.key}\``);
        }
      // Static addresses on the service's networks (map form).
      const nets = vals.get('networks');
      if (isMap(nets))
        for (const e of entries(m, nets)) {
          const n = deref(m, e.pair.value);
          if (!isMap(n)) continue;
          check(
            getValue(m, n, 'ipv4_address'),
            (t) => (isIPv4(t) ? undefined : `"${t}" is not an IPv4 address`),
            `\`networks.${e.key}.ipv4_address\``,
          );
          check(
            getValue(m, n, 'ipv6_address'),
            (t) => (isIPv6(t) ? undefined : `"${t}" is not an IPv6 address`),
            `\`networks.${e.key}.ipv6_address\``,
          );
          for (const ip of seqItems(m, getValue(m, n, 'link_local_ips')))
            check(ip, (t) => (isIP(t) ? undefined : `"${t}" is not an IP address`), '`link_local_ips` entry');
        }
      // tmpfs size in long-syntax volumes.
      for (const vol of seqItems(m, vals.get('volumes'))) {
        if (!isMap(vol)) continue;
        check(getValue(m, getValue(m, vol, 'tmpfs'), 'size'), checkByteSize, '`tmpfs.size`');
      }
    }
    for (const sec of ['networks', 'volumes']) {
      for (const e of entries(m, getValue(m, m.doc.contents, sec))) {
        const v = deref(m, e.pair.value);
        for (const k of ['external', 'internal', 'attachable', 'enable_ipv6', 'enable_ipv4'])
          check(getValue(m, v, k), checkBoolean, `\`${k}\``);
      }
    }
  },
);
