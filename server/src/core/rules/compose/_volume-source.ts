/**
 * The host side of a service's `volumes:` entries, shared by `compose-docker-socket` and
 * `compose-source-bind-mount`. Not a rule (the file name starts with `_`).
 */
import { isMap, isScalar } from '../../compose/yaml-nodes';
import { getValue, nodeSpan, scalarText, seqItems, type ComposeModel } from '../../compose/model';
import { innerSpan, textMapsToSource } from '../../compose/rule-util';

/** Split a short volume spec `src:dst[:mode]`, keeping `${VAR:-x}` and Windows drive letters whole. */
export function splitVolume(spec: string): string[] {
  // Without `$`, every `:` splits except after a one-letter drive followed by a slash: most specs.
  if (!spec.includes('$')) {
    const fast = spec.split(':');
    let drive = false;
    for (let i = 0; i < fast.length - 1 && !drive; i++)
      drive = fast[i].length === 1 && /[A-Za-z]/.test(fast[i]) && /^[\\/]/.test(fast[i + 1]);
    if (!drive) return fast;
  }
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '$' && spec[i + 1] === '{') {
      depth++;
      cur += '${';
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
      cur += c;
    } else if (
      c === ':' &&
      depth === 0 &&
      !(cur.length === 1 && /[A-Za-z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))
    ) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

export interface VolumeSource {
  /** The host path (or volume name) as written. */
  source: string;
  target?: string;
  /** `type:` of the long syntax; undefined for the short syntax. */
  type?: string;
  readOnly: boolean;
  /** Offsets of the source text (the whole scalar when it cannot be mapped exactly). */
  start: number;
  end: number;
}

const cache = new WeakMap<object, readonly VolumeSource[]>();

/**
 * The entries of a service's `volumes:` that have a source (short or long syntax). Cached per service node
 * (a node belongs to one model): several rules read them.
 */
export function volumeSources(m: ComposeModel, service: unknown): readonly VolumeSource[] {
  const key = service !== null && typeof service === 'object' ? service : undefined;
  let out = key && cache.get(key);
  if (!out) {
    out = collectVolumeSources(m, service);
    if (key) cache.set(key, out);
  }
  return out;
}

function collectVolumeSources(m: ComposeModel, service: unknown): VolumeSource[] {
  const out: VolumeSource[] = [];
  for (const item of seqItems(m, getValue(m, service, 'volumes'))) {
    if (isScalar(item) && typeof item.value === 'string') {
      const parts = splitVolume(item.value);
      if (parts.length < 2) continue;
      const inner = innerSpan(item);
      const span =
        inner && textMapsToSource(m, item) ? [inner[0], inner[0] + parts[0].length] : nodeSpan(item);
      if (!span) continue;
      out.push({
        source: parts[0],
        target: parts[1],
        readOnly: parts.length > 2 && parts[2].split(',').includes('ro'),
        start: span[0],
        end: span[1],
      });
    } else if (isMap(item)) {
      const src = getValue(m, item, 'source');
      const source = scalarText(src);
      const span = nodeSpan(src);
      if (source === undefined || !span) continue;
      out.push({
        source,
        target: scalarText(getValue(m, item, 'target')),
        type: scalarText(getValue(m, item, 'type')),
        readOnly: /^(true|yes|on)$/i.test(scalarText(getValue(m, item, 'read_only')) ?? ''),
        start: span[0],
        end: span[1],
      });
    }
  }
  return out;
}
