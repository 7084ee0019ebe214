/**
 * The host side of a service's `volumes:` entries, shared by `compose-docker-socket` and
 * `compose-source-bind-mount`. Not a rule (the file name starts with `_`).
 */
import { isMap, isScalar } from 'yaml';
import { getValue, nodeSpan, scalarText, seqItems, type ComposeModel } from '../../compose/model';
import { innerSpan, textMapsToSource } from '../../compose/rule-util';

/** Split a short volume spec `src:dst[:mode]`, keeping `${VAR:-x}` and Windows drive letters whole. */
export function splitVolume(spec: string): string[] {
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

/** The entries of a service's `volumes:` that have a source (short or long syntax). */
export function volumeSources(m: ComposeModel, service: unknown): VolumeSource[] {
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
