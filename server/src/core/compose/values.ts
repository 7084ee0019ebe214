/**
 * Parsers for the value formats Compose accepts: durations, byte sizes, port mappings, restart policies,
 * booleans, extra_hosts entries and IP addresses. Each returns a reason string when the value is invalid,
 * undefined when it is fine.
 */

const DURATION = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

/** Go duration syntax (`1m30s`, `500ms`, `0`), as Compose parses `interval`, `timeout`, `stop_grace_period`. */
export function checkDuration(v: string): string | undefined {
  if (v === '0' || DURATION.test(v)) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return `"${v}" has no unit: write \`${v}s\` (units: ns, us, ms, s, m, h)`;
  if (/^\d+\s*(sec|secs|second|seconds|min|mins|minutes?|hours?|d|days?)$/i.test(v)) {
    const n = /^\d+/.exec(v)![0];
    const u = v.slice(n.length).trim().toLowerCase();
    const to = u.startsWith('s') ? 's' : u.startsWith('mi') ? 'm' : u.startsWith('h') ? 'h' : undefined;
    if (to) return `"${v}" is not a duration: write \`${n}${to}\``;
  }
  return `"${v}" is not a duration (examples: \`30s\`, \`1m30s\`, \`500ms\`)`;
}

const BYTES = /^(\d+(\.\d+)?)\s?([kKmMgGtTpP])?[iI]?[bB]?$/;

/** Byte sizes (`512m`, `1g`, `1.5GB`, `1024`), as Compose parses `mem_limit`, `shm_size`, `memory`. */
export function checkByteSize(v: string): string | undefined {
  if (BYTES.test(v)) return undefined;
  return `"${v}" is not a size (examples: \`512m\`, \`1g\`, \`1024k\`)`;
}

const RESTART = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;

export function checkRestart(v: string): string | undefined {
  if (RESTART.test(v)) return undefined;
  return `"${v}" is not a restart policy: use \`no\`, \`always\`, \`on-failure\`, \`on-failure:<retries>\` or \`unless-stopped\``;
}

const BOOL_STRINGS = new Set([
  'true',
  'false',
  'True',
  'False',
  'TRUE',
  'FALSE',
  'yes',
  'no',
  'Yes',
  'No',
  'YES',
  'NO',
  'y',
  'n',
  'Y',
  'N',
  'on',
  'off',
  'On',
  'Off',
  'ON',
  'OFF',
  '1',
  '0',
]);

export function checkBoolean(v: string): string | undefined {
  if (BOOL_STRINGS.has(v)) return undefined;
  return `"${v}" is not a boolean: use \`true\` or \`false\``;
}

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const v4 = last.includes('.');
  if (v4 && !isIPv4(last)) return false;
  const n = groups.length + (v4 ? 1 : 0);
  if (groups.slice(0, v4 ? -1 : undefined).some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? n < 8 : n === 8;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** `host:ip`, `host=ip`, or map `host: ip` (value given separately). */
export function checkExtraHost(entry: string): string | undefined {
  const m = /^([^:=]+)[:=](.*)$/.exec(entry);
  if (!m) return `"${entry}" is not \`hostname:ip\``;
  return checkHostIp(m[2]);
}

export function checkHostIp(ipRaw: string): string | undefined {
  const ip = ipRaw.replace(/^\[(.*)\]$/, '$1');
  if (ip === 'host-gateway' || isIP(ip)) return undefined;
  return `"${ipRaw}" is not an IP address (or \`host-gateway\`)`;
}

export interface PortMapping {
  hostIp?: string;
  /** Published (host) port or range as written, undefined when only the container port is given. */
  published?: string;
  target: string;
  protocol?: string;
  /** Offsets inside the string: host IP, published port, target. */
  hostIpStart?: number;
  publishedStart?: number;
  targetStart: number;
}

/**
 * Split a short port mapping `[[ip:]host:]container[/proto]` (IPv6 hosts in brackets or bare). Several rules
 * parse the same mappings: results are kept per string (frozen, shared: callers copy before changing one).
 */
export function parsePort(spec: string): Readonly<PortMapping> | undefined {
  let r = portCache.get(spec);
  if (r === undefined && !portCache.has(spec)) {
    if (portCache.size >= PORT_CACHE_MAX) portCache.clear();
    r = splitPort(spec);
    if (r) Object.freeze(r);
    portCache.set(spec, r);
  }
  return r;
}
const portCache = new Map<string, PortMapping | undefined>();
const PORT_CACHE_MAX = 20_000;

function splitPort(spec: string): PortMapping | undefined {
  let s = spec;
  let protocol: string | undefined;
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    protocol = s.slice(slash + 1);
    s = s.slice(0, slash);
  }
  let hostIp: string | undefined;
  let hostIpStart: number | undefined;
  let rest = s;
  let offset = 0;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0 || s[close + 1] !== ':') return undefined;
    hostIp = s.slice(1, close);
    hostIpStart = 1;
    rest = s.slice(close + 2);
    offset = close + 2;
  } else {
    const parts = s.split(':');
    if (parts.length > 3) {
      // Bare IPv6: everything before the last two parts.
      hostIp = parts.slice(0, -2).join(':');
      hostIpStart = 0;
      offset = hostIp.length + 1;
      rest = parts.slice(-2).join(':');
    } else if (parts.length === 3) {
      hostIp = parts[0];
      hostIpStart = 0;
      offset = hostIp.length + 1;
      rest = parts.slice(1).join(':');
    }
  }
  const hp = rest.split(':');
  if (hp.length === 1) return { hostIp, hostIpStart, target: hp[0], targetStart: offset, protocol };
  if (hp.length === 2)
    return {
      hostIp,
      hostIpStart,
      published: hp[0] === '' ? undefined : hp[0],
      publishedStart: offset,
      target: hp[1],
      targetStart: offset + hp[0].length + 1,
      protocol,
    };
  return undefined;
}

/** Port or range `8000-8010`; returns [from, to] or a reason. */
export function parsePortRange(s: string, allowZero = false): [number, number] | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return `"${s}" is not a port number`;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  const min = allowZero ? 0 : 1;
  if (a < min || a > 65535 || b < min || b > 65535)
    return `port ${a > 65535 || a < min ? a : b} is out of range (1-65535)`;
  if (b < a) return `the range ${s} ends before it starts`;
  return [a, b];
}

/** Check a short port mapping; undefined when fine. Interpolated parts are skipped by the caller. */
export function checkPort(spec: string): string | undefined {
  const p = parsePort(spec);
  if (!p) return `"${spec}" is not a port mapping (\`[host_ip:][host_port:]container_port[/protocol]\`)`;
  if (p.protocol !== undefined && !/^(tcp|udp|sctp)$/i.test(p.protocol))
    return `"${p.protocol}" is not a protocol: use tcp, udp or sctp`;
  if (p.hostIp !== undefined && p.hostIp !== '' && !isIP(p.hostIp))
    return `"${p.hostIp}" is not an IP address`;
  const t = parsePortRange(p.target);
  if (typeof t === 'string') return t;
  if (p.published !== undefined) {
    const h = parsePortRange(p.published, true);
    if (typeof h === 'string') return h;
    if (h[1] - h[0] !== t[1] - t[0] && t[0] !== t[1])
      return `the host range ${p.published} and the container range ${p.target} have different sizes`;
  }
  return undefined;
}

/** A value Berth knows for a key, with what it means (for completion). */
export interface ValueChoice {
  value: string;
  doc: string;
}

/**
 * Values of service keys whose schema has no `enum` (only a description or a pattern), by the path of keys
 * below the service: completion offers them. `restart: no` must be quoted in YAML 1.1 readers: it is written `"no"`.
 */
export const SERVICE_VALUE_CHOICES: Record<string, ValueChoice[]> = {
  restart: [
    { value: 'no', doc: 'Never restart the container (the default).' },
    { value: 'always', doc: 'Always restart it when it stops; after a daemon restart too.' },
    {
      value: 'on-failure',
      doc: 'Restart it when it exits with a non-zero code (`on-failure:<retries>` caps the attempts).',
    },
    {
      value: 'unless-stopped',
      doc: 'Like `always`, except when it was stopped by hand (it stays stopped after a daemon restart).',
    },
  ],
  pull_policy: [
    { value: 'always', doc: 'Always pull the image from the registry.' },
    { value: 'never', doc: 'Never pull: use the local image, fail when it is missing.' },
    { value: 'missing', doc: 'Pull only when the image is not available locally (the default).' },
    { value: 'build', doc: 'Always build the image (from `build`), even when it exists.' },
    { value: 'if_not_present', doc: 'Same as `missing` (older name).' },
    { value: 'daily', doc: 'Pull when the local image was last pulled more than a day ago.' },
    { value: 'weekly', doc: 'Pull when the local image was last pulled more than a week ago.' },
  ],
  network_mode: [
    { value: 'bridge', doc: "Docker's default bridge network (not the project's networks)." },
    { value: 'host', doc: "The host's network stack: no isolation, `ports` are ignored." },
    { value: 'none', doc: 'No networking at all (loopback only).' },
  ],
  ipc: [
    { value: 'shareable', doc: 'Its own IPC namespace, which other containers may join.' },
    { value: 'private', doc: 'Its own IPC namespace, not shareable.' },
    { value: 'host', doc: "The host's IPC namespace." },
  ],
  pid: [{ value: 'host', doc: "The host's PID namespace: the container sees every process of the host." }],
  userns_mode: [{ value: 'host', doc: "The host's user namespace (no user remapping)." }],
  'deploy.restart_policy.condition': [
    { value: 'none', doc: 'Never restart.' },
    { value: 'on-failure', doc: 'Restart when the container exits with a non-zero code.' },
    { value: 'any', doc: 'Restart whatever the exit code (the default).' },
  ],
};
