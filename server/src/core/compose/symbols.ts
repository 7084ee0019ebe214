/**
 * The symbols of one compose file: where services, networks, volumes, configs, secrets and models are
 * defined, and every place that refers to one, with exact ranges. Used by the reference checks and by
 * the editor features (hover, go to definition, rename, completion).
 */
import { isMap, isScalar, isSeq } from './yaml-nodes';
import type { Scalar } from 'yaml';
import {
  deref,
  entries,
  getValue,
  nodeSpan,
  scalarText,
  services,
  type ComposeModel,
  type YPair,
} from './model';

export type SymbolKind = 'service' | 'network' | 'volume' | 'config' | 'secret' | 'model';

export const SYMBOL_SECTIONS: Record<SymbolKind, string> = {
  service: 'services',
  network: 'networks',
  volume: 'volumes',
  config: 'configs',
  secret: 'secrets',
  model: 'models',
};

export interface ComposeDefinition {
  kind: SymbolKind;
  name: string;
  /** Offsets of the key naming it. */
  start: number;
  end: number;
  pair: YPair;
  /** The definition's value node (aliases followed), e.g. the service's map. */
  node: unknown;
}

export interface ComposeReference {
  kind: SymbolKind;
  name: string;
  /** Offsets of the name itself inside the scalar (not the `:ro` or `:alias` after it). */
  start: number;
  end: number;
  /** The service that refers (undefined for top-level references). */
  service?: string;
  /** Where: `depends_on`, `links`, `network_mode`, `volumes_from`, `extends`, `networks`, `volumes`, `secrets`, `configs`, `models`, `build.secrets`. */
  via: string;
  /** The scalar node holding the name. */
  node: Scalar;
  /** True when the reference sits in a map merged in with `<<` (not written in the service itself). */
  merged?: boolean;
}

export interface ComposeIndex {
  definitions: ComposeDefinition[];
  references: ComposeReference[];
  /** Definitions by kind and name. */
  byKind: Record<SymbolKind, Map<string, ComposeDefinition>>;
}

const cache = new WeakMap<ComposeModel, ComposeIndex>();

/** Offsets of a scalar's text (inside its quotes). */
function innerSpan(node: Scalar): [number, number] | undefined {
  const s = nodeSpan(node);
  if (!s) return undefined;
  const t = node.type;
  if (t === 'QUOTE_DOUBLE' || t === 'QUOTE_SINGLE') return [s[0] + 1, s[1] - 1];
  return s;
}

/** True for a short-syntax volume source that names a volume (not a path). */
export function isNamedVolumeSource(src: string): boolean {
  return (
    src !== '' &&
    !/^[./~$\\]/.test(src) &&
    !/^[A-Za-z]:[\\/]/.test(src) &&
    !src.includes('/') &&
    !src.includes('${')
  );
}

/** Split a short volume spec `src:dst[:mode]` (Windows drive letters kept). */
export function splitVolumeSpec(spec: string): string[] {
  // Every `:` splits except after a one-letter drive followed by a slash: without one, `split` says the same.
  const fast = spec.split(':');
  let drive = false;
  for (let i = 0; i < fast.length - 1 && !drive; i++)
    drive = fast[i].length === 1 && /[A-Za-z]/.test(fast[i]) && /^[\\/]/.test(fast[i + 1]);
  if (!drive) return fast;
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':' && !(cur.length === 1 && /[A-Za-z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** The definitions and references of one file. Cached per model. */
export function composeIndex(model: ComposeModel): ComposeIndex {
  let idx = cache.get(model);
  if (idx) return idx;
  const byKind = {
    service: new Map(),
    network: new Map(),
    volume: new Map(),
    config: new Map(),
    secret: new Map(),
    model: new Map(),
  } as ComposeIndex['byKind'];
  const definitions: ComposeDefinition[] = [];
  const references: ComposeReference[] = [];
  const top = model.doc.contents;
  for (const kind of Object.keys(SYMBOL_SECTIONS) as SymbolKind[]) {
    for (const e of entries(model, getValue(model, top, SYMBOL_SECTIONS[kind]))) {
      const span = nodeSpan(e.pair.key) ?? [0, 0];
      const d: ComposeDefinition = {
        kind,
        name: e.key,
        start: span[0],
        end: span[1],
        pair: e.pair,
        node: deref(model, e.pair.value),
      };
      definitions.push(d);
      if (!byKind[kind].has(e.key)) byKind[kind].set(e.key, d);
    }
  }

  const add = (
    kind: SymbolKind,
    node: unknown,
    via: string,
    service: string | undefined,
    merged: boolean,
    pick: (text: string) => string | undefined = (t) => t,
  ) => {
    if (!isScalar(node)) return;
    const text = scalarText(node);
    if (text === undefined) return;
    const name = pick(text);
    if (!name || name.includes('${') || name.includes('$')) return;
    const span = innerSpan(node);
    if (!span) return;
    // The name is at the start of the scalar's text for every syntax we read.
    const src = model.text.slice(span[0], span[1]);
    const at = src.indexOf(name);
    const start = at >= 0 ? span[0] + at : span[0];
    references.push({
      kind,
      name,
      start,
      end: start + name.length,
      service,
      via,
      node,
      merged: merged || undefined,
    });
  };
  // List of names, or map keyed by names.
  const namesIn = (
    kind: SymbolKind,
    node: unknown,
    via: string,
    service: string,
    merged: boolean,
    field?: string,
  ) => {
    const n = deref(model, node);
    if (isSeq(n)) {
      for (const it of n.items) {
        const v = deref(model, it);
        if (isMap(v) && field)
          add(kind, deref(model, getValue(model, v, field) ?? null) ?? null, via, service, merged);
        else add(kind, v, via, service, merged);
      }
    } else if (isMap(n)) {
      for (const e of entries(model, n)) add(kind, e.pair.key, via, service, merged || !e.own);
    }
  };

  for (const svc of services(model)) {
    for (const e of entries(model, svc.node)) {
      const merged = !e.own;
      const v = deref(model, e.pair.value);
      switch (e.key) {
        case 'depends_on':
          namesIn('service', v, 'depends_on', svc.name, merged);
          break;
        case 'links':
          for (const it of isSeq(v) ? v.items : [])
            add('service', deref(model, it), 'links', svc.name, merged, (t) => t.split(':')[0]);
          break;
        case 'network_mode':
          add('service', v, 'network_mode', svc.name, merged, (t) =>
            t.startsWith('service:') ? t.slice(8) : undefined,
          );
          break;
        case 'volumes_from':
          for (const it of isSeq(v) ? v.items : [])
            add('service', deref(model, it), 'volumes_from', svc.name, merged, (t) =>
              t.startsWith('container:') ? undefined : t.split(':')[0],
            );
          break;
        case 'extends':
          if (isScalar(v)) add('service', v, 'extends', svc.name, merged);
          else if (isMap(v) && getValue(model, v, 'file') === undefined)
            add('service', getValue(model, v, 'service'), 'extends', svc.name, merged);
          break;
        case 'networks':
          namesIn('network', v, 'networks', svc.name, merged);
          break;
        case 'secrets':
          namesIn('secret', v, 'secrets', svc.name, merged, 'source');
          break;
        case 'configs':
          namesIn('config', v, 'configs', svc.name, merged, 'source');
          break;
        case 'models':
          namesIn('model', v, 'models', svc.name, merged);
          break;
        case 'volumes':
          for (const it of isSeq(v) ? v.items : []) {
            const item = deref(model, it);
            if (isScalar(item)) {
              add('volume', item, 'volumes', svc.name, merged, (t) => {
                const parts = splitVolumeSpec(t);
                return parts.length >= 2 && isNamedVolumeSource(parts[0]) ? parts[0] : undefined;
              });
            } else if (isMap(item)) {
              const type = scalarText(getValue(model, item, 'type'));
              if (type === undefined || type === 'volume') {
                const src = getValue(model, item, 'source');
                const t = scalarText(src);
                if (t && isNamedVolumeSource(t)) add('volume', src, 'volumes', svc.name, merged);
              }
            }
          }
          break;
        case 'build': {
          if (isMap(v))
            namesIn('secret', getValue(model, v, 'secrets'), 'build.secrets', svc.name, merged, 'source');
          break;
        }
      }
    }
  }
  idx = { definitions, references, byKind };
  cache.set(model, idx);
  return idx;
}
