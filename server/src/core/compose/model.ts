/**
 * The compose document model on the `yaml` package's Document (exact ranges, comments kept).
 * Parsed once per document version and shared by every rule.
 *
 * Besides the Document, this module gives merge-aware access to maps (`<<: *anchor`), alias resolution
 * in O(1) (the yaml package's own `Alias.resolve` scans the whole document), a plain-JS view of the
 * document with alias bombs detected before they are expanded, and the duplicate keys (the yaml
 * package's own check is quadratic and is turned off).
 */
import { parseDocument } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './yaml-nodes';
import type { Alias, Document, Node, Pair, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { LineIndex } from '../text';
import { parseComposeFast } from './fast-yaml';

/**
 * Aliases allowed when converting to plain JS (`doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })`) before we
 * call it an alias bomb. Parsing itself never expands aliases. Real stacks use hundreds of anchors.
 */
export const MAX_ALIAS_COUNT = 10_000;

/** A document whose aliases expand to more nodes than this (and 50x its own size) is an alias bomb. */
export const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Merge-key (`<<`) resolution budget per model: the number of pairs taken from merged maps, summed over every
 * map resolved (each map once: results are memoised). Real stacks need a few thousand; beyond this Berth stops
 * expanding merges and reports "too many aliases or merge keys".
 */
export const MAX_MERGE_WORK = 500_000;

/** Merges nested deeper than this (a map merging a map merging a map...) are not expanded further. */
export const MAX_MERGE_DEPTH = 64;

/**
 * Collections nested deeper than this are not looked into (and the document gets one "nested too deeply"
 * error). Real compose files nest about ten levels.
 */
export const MAX_NESTING_DEPTH = 500;

/** The code of the error `parseCompose` gives for documents nested deeper than `MAX_NESTING_DEPTH`. */
export const NESTED_TOO_DEEPLY = 'NESTED_TOO_DEEPLY';

export interface ComposeModel {
  kind: 'compose';
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  /** YAML syntax errors and warnings, with offsets. `code` is set for `NESTED_TOO_DEEPLY`. */
  errors: { start: number; end: number; message: string; severity: 'error' | 'warning'; code?: string }[];
}

export function parseCompose(text: string): ComposeModel {
  const lines = new LineIndex(text);
  // The fast path builds the same Document for the common subset of YAML (see fast-yaml.ts).
  const doc = parseComposeFast(text) ?? parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const errors: ComposeModel['errors'] = [];
  // The yaml package composes recursively: extreme nesting ends in a caught stack overflow
  // (RESOURCE_EXHAUSTION once per enclosing collection, or TAG_RESOLVE_FAILED when it hits a scalar).
  // Those become one "nested too deeply" error.
  let deep: { start: number; end: number } | undefined;
  const overflowed = (e: YAMLError) => {
    if (e.code !== 'RESOURCE_EXHAUSTION' && !/Maximum call stack size exceeded/i.test(e.message))
      return false;
    if (!deep || e.pos[0] < deep.start) deep = { start: e.pos[0], end: e.pos[1] };
    return true;
  };
  for (const e of doc.errors) {
    if (overflowed(e)) continue;
    errors.push({ start: e.pos[0], end: e.pos[1], message: e.message, severity: 'error' });
  }
  const warnings: ComposeModel['errors'] = [];
  for (const w of doc.warnings) {
    if (overflowed(w)) continue;
    // Compose's merge tags are valid; the YAML library only says it does not know them.
    if (w.code === 'TAG_RESOLVE_FAILED' && /!(reset|override)\b/.test(w.message)) continue;
    warnings.push({ start: w.pos[0], end: w.pos[1], message: w.message, severity: 'warning' });
  }
  // The model's one walk over the document (aliases, duplicate keys, merges) also finds the first node below
  // MAX_NESTING_DEPTH when the composer got that far (it usually does).
  const a = analyze(doc.contents);
  if (a.deep) {
    const span = nodeSpan(a.deep) ?? [0, 0];
    deep = { start: span[0], end: Math.max(span[0], Math.min(span[1], span[0] + 1)) };
  }
  if (deep) errors.push({ ...deep, message: nestedTooDeeply(), severity: 'error', code: NESTED_TOO_DEEPLY });
  errors.push(...warnings);
  const model: ComposeModel = { kind: 'compose', text, lines, doc, errors };
  analyses.set(model, a);
  return model;
}

function nestedTooDeeply(): string {
  return `The document is nested too deeply (more than ${MAX_NESTING_DEPTH} levels): Berth does not check what is below that depth.`;
}

/** The top-level pair with a scalar key `key`, if the document is a map. */
export function topLevelPair(model: ComposeModel, key: string): Pair | undefined {
  const c = model.doc.contents;
  if (!isMap(c)) return undefined;
  for (const p of c.items) if (isScalar(p.key) && p.key.value === key) return p;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Node helpers
// ---------------------------------------------------------------------------------------------

export type YNode = Node;
export type YPair = Pair<unknown, unknown>;

/** [start, end) offsets of a node's value (without trailing comments), or undefined for nodes made up by the library. */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The scalar key of a pair as a string (numbers and booleans as written), or undefined. */
export function keyName(pair: YPair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? '' : String(k.value);
  return undefined;
}

/** A scalar's value as a string (numbers, booleans as text), undefined for non-scalars and null. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  const src = (node as Scalar & { source?: string }).source;
  return typeof src === 'string' ? src : String(v);
}

/** True when a node carries one of compose's merge tags. */
export function tagOf(node: unknown): string | undefined {
  return (node as { tag?: string } | null)?.tag;
}

interface Analysis {
  /** Alias -> the node its anchor names (the last one before it). */
  aliasTargets: Map<Alias, Node>;
  /** Duplicate keys: the later pair's key node, with the first pair. */
  duplicates: { pair: YPair; first: YPair; name: string }[];
  /** Number of nodes in the document as written. */
  nodeCount: number;
  /** Aliases whose anchor is not defined before them. */
  unresolved: Alias[];
  /** Maps with a `<<` key, in document order (of their ends: a map after the maps nested in it). */
  mergeMaps: YAMLMap[];
  /** Maps with a duplicate key or a `<<` key (the others convert to plain JS key by key). */
  irregular: Set<YAMLMap>;
  /** The first collection (pre-order) nested `MAX_NESTING_DEPTH` levels deep, if any. */
  deep?: YAMLMap | YAMLSeq;
}

const analyses = new WeakMap<ComposeModel, Analysis>();

/** The model's analysis (made by `parseCompose`; computed here for models built otherwise). */
function analysis(model: ComposeModel): Analysis {
  let a = analyses.get(model);
  if (!a) {
    a = analyze(model.doc.contents);
    analyses.set(model, a);
  }
  return a;
}

/** One pass over the document: alias targets, duplicate keys (Map per map: linear), merges, nesting depth. */
function analyze(root: unknown): Analysis {
  const anchors = new Map<string, Node>();
  const aliasTargets = new Map<Alias, Node>();
  const duplicates: Analysis['duplicates'] = [];
  const unresolved: Alias[] = [];
  const mergeMaps: YAMLMap[] = [];
  const irregular = new Set<YAMLMap>();
  let deep: YAMLMap | YAMLSeq | undefined;
  let nodeCount = 0;
  // Document order, pre-order: an anchor is known before the aliases that follow it.
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > MAX_NESTING_DEPTH) return;
    nodeCount++;
    if (isAlias(node)) {
      const t = anchors.get(node.source);
      if (t) aliasTargets.set(node, t);
      else unresolved.push(node);
      return;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isMap(node)) {
      if (depth === MAX_NESTING_DEPTH) deep ??= node;
      const items = node.items;
      const seen = items.length > 1 ? new Map<string, YPair>() : undefined;
      let merges = false;
      for (const p of items) {
        if (seen) {
          const k = keyName(p);
          if (k === '<<') merges = true;
          if (k !== undefined && k !== '<<') {
            const f = seen.get(k);
            if (f) {
              duplicates.push({ pair: p, first: f, name: k });
              irregular.add(node);
            } else seen.set(k, p);
          }
        }
        walk(p.key, depth + 1);
        walk(p.value, depth + 1);
      }
      if (merges || (items.length === 1 && keyName(items[0]) === '<<')) {
        mergeMaps.push(node);
        irregular.add(node);
      }
    } else if (isSeq(node)) {
      if (depth === MAX_NESTING_DEPTH) deep ??= node;
      for (const it of node.items) walk(it, depth + 1);
    }
  };
  walk(root, 0);
  return { aliasTargets, duplicates, nodeCount, unresolved, mergeMaps, irregular, deep };
}

/** Aliases (`*name`) with no anchor (`&name`) defined before them. */
export function unresolvedAliases(model: ComposeModel): Alias[] {
  return analysis(model).unresolved;
}

/** Follow aliases to the node they stand for (the same node when it is not an alias). */
export function deref(model: ComposeModel, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 64 && isAlias(n); i++) n = analysis(model).aliasTargets.get(n as Alias);
  return n;
}

/** Duplicate keys in any map of the document (later occurrences). */
export function duplicateKeys(model: ComposeModel): Analysis['duplicates'] {
  return analysis(model).duplicates;
}

/** True when a pair's value carries Compose's `!reset` tag: the key is removed, as if it were not written. */
export function isReset(pair: YPair): boolean {
  const v = pair.value as { tag?: string } | null;
  return v !== null && typeof v === 'object' && v.tag === '!reset';
}

/**
 * The pairs of a map as Compose sees them: its own pairs, then keys taken from `<<` merges that the map
 * does not set itself. `own` tells whether the pair is written in this map (edits go there) or merged.
 * A key whose value is tagged `!reset` is left out (Compose removes it), and so is the same key from a merge;
 * `withReset` keeps those pairs (flagged `reset`), for features that show the document as written.
 */
export function entries(
  model: ComposeModel,
  node: unknown,
  withReset = false,
): { key: string; pair: YPair; own: boolean; reset?: true }[] {
  const idx = resolved(model, node);
  return withReset ? (idx.all ?? idx.list) : idx.list;
}

interface EntryIndex {
  list: { key: string; pair: YPair; own: boolean }[];
  byKey: Map<string, YPair>;
  /** Keys removed with `!reset` (own or merged), when there are any. */
  reset?: Set<string>;
  /** `list` with the `!reset` pairs in their places, when there are any. */
  all?: { key: string; pair: YPair; own: boolean; reset?: true }[];
}
const EMPTY_INDEX: EntryIndex = { list: [], byKey: new Map() };

/** Merge resolution of one model: memoised per map, with a budget (see `MAX_MERGE_WORK`). */
interface MergeState {
  /** By map node. A Map, not a WeakMap: the nodes live as long as the model, and weak tables slow the GC down. */
  cache: Map<object, EntryIndex>;
  /** Maps being resolved (a map merging itself, through an alias inside its own anchor). */
  active: Set<object>;
  /** Pairs taken from merged maps so far. */
  work: number;
  /** Set once the budget or the depth limit is exceeded: the `<<` pair where it happened. */
  overflow?: YPair;
  /** Every merging map has been resolved once, in document order. */
  primed?: boolean;
}
const mergeStates = new WeakMap<ComposeModel, MergeState>();

/** The last model asked about and its state: rules ask about one model hundreds of thousands of times in a row. */
let lastMergeModel: ComposeModel | undefined;
let lastMergeState: MergeState | undefined;

function mergeState(model: ComposeModel): MergeState {
  if (model === lastMergeModel) return lastMergeState!;
  let st = mergeStates.get(model);
  if (!st) {
    st = { cache: new Map(), active: new Set(), work: 0 };
    mergeStates.set(model, st);
  }
  lastMergeModel = model;
  lastMergeState = st;
  return st;
}

function entryIndex(model: ComposeModel, node: unknown, depth = 0): EntryIndex {
  const map = deref(model, node);
  if (!isMap(map)) return EMPTY_INDEX;
  const st = mergeState(model);
  const cached = st.cache.get(map);
  if (cached) return cached;
  if (st.active.size && st.active.has(map)) return EMPTY_INDEX;
  const list: EntryIndex['list'] = [];
  const byKey = new Map<string, YPair>();
  const merges: { item: unknown; pair: YPair }[] = [];
  // `!reset` keys: removed, with the same key from merges. `all` is only built when there is one.
  let reset: Set<string> | undefined;
  let all: EntryIndex['all'];
  for (const p of map.items) {
    const k = keyName(p);
    if (k === undefined) continue;
    if (k === '<<') {
      const v = deref(model, p.value);
      if (isSeq(v)) for (const item of v.items) merges.push({ item, pair: p });
      else merges.push({ item: p.value, pair: p });
      continue;
    }
    if (byKey.has(k) || reset?.has(k)) continue;
    if (isReset(p)) {
      reset ??= new Set();
      reset.add(k);
      all ??= list.slice();
      all.push({ key: k, pair: p, own: true, reset: true });
      continue;
    }
    byKey.set(k, p);
    const e = { key: k, pair: p, own: true };
    list.push(e);
    all?.push(e);
  }
  if (merges.length) {
    st.active.add(map);
    for (const { item, pair } of merges) {
      if (!st.overflow && depth >= MAX_MERGE_DEPTH) st.overflow = pair;
      if (st.overflow) break;
      const subIdx = entryIndex(model, item, depth + 1);
      const sub = subIdx.list;
      st.work += sub.length;
      if (st.work > MAX_MERGE_WORK) {
        st.overflow ??= pair;
        break;
      }
      for (const e of sub) {
        if (byKey.has(e.key) || reset?.has(e.key)) continue;
        byKey.set(e.key, e.pair);
        const me = { key: e.key, pair: e.pair, own: false };
        list.push(me);
        all?.push(me);
      }
      // A key the merged map resets is removed here too, unless this map (or an earlier merge) sets it.
      if (subIdx.reset)
        for (const k of subIdx.reset)
          if (!byKey.has(k)) {
            reset ??= new Set();
            reset.add(k);
          }
    }
    st.active.delete(map);
  }
  const idx: EntryIndex = { list, byKey };
  if (reset) {
    idx.reset = reset;
    idx.all = all ?? list;
  }
  st.cache.set(map, idx);
  return idx;
}

/**
 * The merge-aware index of a map. The first call resolves every merging map of the document in document
 * order (anchors before their aliases), so that results and the budget do not depend on which rule asks first.
 */
function resolved(model: ComposeModel, node: unknown): EntryIndex {
  // The cached index first: this runs for every key lookup of every rule (hundreds of thousands of
  // times on a 2,000-service file), so the common case takes two lookups and no further calls.
  const st = mergeState(model);
  if (st.primed) {
    const idx = st.cache.get(node as object);
    if (idx) return idx;
  } else mergeOverflow(model);
  return entryIndex(model, node);
}

/**
 * Where merge-key resolution went over budget (`MAX_MERGE_WORK` pairs, or merges nested deeper than
 * `MAX_MERGE_DEPTH`), after resolving every map of the document that has a `<<` key; undefined normally.
 * Once over budget, `entries` stops expanding merges for the maps not resolved yet.
 */
export function mergeOverflow(model: ComposeModel): YPair | undefined {
  const st = mergeState(model);
  if (!st.primed) {
    st.primed = true;
    for (const m of analysis(model).mergeMaps) {
      if (st.overflow) break;
      entryIndex(model, m);
    }
  }
  return st.overflow;
}

/** The pair for `key` in a map (own or merged). */
export function getPair(model: ComposeModel, node: unknown, key: string): YPair | undefined {
  return resolved(model, node).byKey.get(key);
}

/** The value node for `key` in a map (aliases followed). */
export function getValue(model: ComposeModel, node: unknown, key: string): unknown {
  const p = getPair(model, node, key);
  return p ? deref(model, p.value) : undefined;
}

/** Items of a sequence (aliases followed), or [] when the node is not a sequence. */
export function seqItems(model: ComposeModel, node: unknown): unknown[] {
  const s = deref(model, node);
  return isSeq(s) ? (s as YAMLSeq).items.map((i) => deref(model, i)) : [];
}

/** The services of the file: name, the key node and the service's map (aliases followed). */
export function services(model: ComposeModel): { name: string; pair: YPair; node: unknown }[] {
  let list = serviceCache.get(model);
  if (!list) {
    const s = getValue(model, model.doc.contents, 'services');
    list = entries(model, s).map((e) => ({ name: e.key, pair: e.pair, node: deref(model, e.pair.value) }));
    serviceCache.set(model, list);
  }
  return list;
}
const serviceCache = new WeakMap<ComposeModel, { name: string; pair: YPair; node: unknown }[]>();

/** Key node span of a pair, for findings that point at a key. */
export function keySpan(pair: YPair): [number, number] | undefined {
  return nodeSpan(pair.key);
}

// ---------------------------------------------------------------------------------------------
// Plain JS view (for schema validation), alias bombs detected before expansion.
// ---------------------------------------------------------------------------------------------

export interface PlainResult {
  /** The document as plain JS; merges applied, `!reset` keys dropped, aliases shared (not copied). */
  value: unknown;
  /** Set when the document's aliases would expand to too many nodes: `value` is then undefined. */
  aliasBomb?: { message: string; start: number; end: number };
}

const plains = new WeakMap<ComposeModel, PlainResult>();

/**
 * The document as plain JS values, for validation. Linear in the document's size: aliases share the
 * converted value of their anchor, and the expanded size is computed first so that a billion-laughs file
 * gives a clear `aliasBomb` instead of hanging.
 */
export function toPlain(model: ComposeModel): PlainResult {
  let r = plains.get(model);
  if (r) return r;
  const a = analysis(model);
  const limit = Math.max(MAX_EXPANDED_NODES, a.nodeCount * 50);
  if (a.aliasTargets.size) {
    // Expanded size = nodes as written + what each alias adds. Only anchored subtrees are walked (memoised),
    // so the cost is the size of the anchors, not of the document.
    const memo = new Map<unknown, number>();
    let worst: Alias | undefined;
    let worstSize = 0;
    // `depth` counts aliases followed (an alias chain deeper than 64 is a bomb); `level` counts every step
    // down (collections and aliases) and stops the walk below MAX_NESTING_DEPTH (parseCompose reports that).
    const expanded = (target: unknown, depth: number, level: number): number => {
      const m = memo.get(target);
      if (m !== undefined) return m;
      memo.set(target, limit + 1); // an alias inside its own anchor is a cycle: a bomb too
      const s = depth > 64 ? limit + 1 : walk(target, depth, level);
      memo.set(target, s);
      return s;
    };
    const walk = (n: unknown, depth: number, level: number): number => {
      if (n === null || typeof n !== 'object' || level > MAX_NESTING_DEPTH) return 1;
      if (isAlias(n)) {
        const t = a.aliasTargets.get(n);
        return t ? expanded(t, depth + 1, level + 1) : 1;
      }
      let s = 1;
      if (isMap(n) || isSeq(n)) {
        for (const it of (n as YAMLMap | YAMLSeq).items) {
          s += isPair(it)
            ? walk(it.key, depth, level + 1) + walk(it.value, depth, level + 1)
            : walk(it, depth, level + 1);
          if (s > limit) return limit + 1;
        }
      }
      return s;
    };
    let total = a.nodeCount;
    for (const [alias, target] of a.aliasTargets) {
      const e = expanded(target, 0, 0);
      if (e > worstSize) {
        worstSize = e;
        worst = alias;
      }
      total += e - 1;
      if (total > limit) break;
    }
    if (total > limit) {
      const span = nodeSpan(worst) ?? [0, 0];
      r = {
        value: undefined,
        aliasBomb: {
          message: `Too many aliases or merge keys: this document would expand to more than ${limit.toLocaleString('en-US')} values (an "alias bomb"). Berth does not expand it.`,
          start: span[0],
          end: span[1],
        },
      };
      plains.set(model, r);
      return r;
    }
  }
  const overflow = mergeOverflow(model);
  if (overflow) {
    const span = nodeSpan(overflow.key) ?? [0, 0];
    r = {
      value: undefined,
      aliasBomb: {
        message: `Too many aliases or merge keys: resolving the merge keys (\`<<\`) of this document takes more than ${MAX_MERGE_WORK.toLocaleString('en-US')} steps or ${MAX_MERGE_DEPTH} levels. Berth does not expand them all.`,
        start: span[0],
        end: span[1],
      },
    };
    plains.set(model, r);
    return r;
  }
  // Anchored nodes are converted once and shared by their aliases. Below MAX_NESTING_DEPTH: null.
  const conv = new Map<unknown, unknown>();
  const { aliasTargets, irregular } = a;
  const hasOwn = Object.prototype.hasOwnProperty;
  const js = (n: unknown, level: number): unknown => {
    if (n === null || n === undefined || level > MAX_NESTING_DEPTH) return null;
    if (isAlias(n)) {
      const t = aliasTargets.get(n);
      return t ? js(t, level + 1) : null;
    }
    const anchored = !!(n as { anchor?: string }).anchor;
    if (anchored) {
      const c = conv.get(n);
      if (c !== undefined) return c;
    }
    if (isScalar(n)) return n.value ?? null;
    if (isSeq(n)) {
      const arr: unknown[] = [];
      if (anchored) conv.set(n, arr);
      const items = n.items;
      for (let i = 0; i < items.length; i++) arr.push(js(items[i], level + 1));
      return arr;
    }
    if (!isMap(n)) return null;
    const obj: Record<string, unknown> = {};
    if (anchored) conv.set(n, obj);
    const items = n.items as YPair[];
    // Keys written once (no duplicate key in this map, no merge): assigned directly, without `hasOwnProperty`.
    if (!irregular.has(n)) {
      for (let i = 0; i < items.length; i++) {
        const p = items[i];
        const key = p.key;
        if (!isScalar(key)) continue;
        const kv = key.value;
        const k = typeof kv === 'string' ? kv : kv === null ? '' : String(kv);
        const v = p.value;
        if (k === '__proto__' || tagOf(v) === '!reset') continue;
        obj[k] = js(v, level + 1);
      }
      return obj;
    }
    const put = (k: string, v: unknown) => {
      if (k === '__proto__' || hasOwn.call(obj, k)) return;
      if (tagOf(v) === '!reset') return;
      obj[k] = js(v, level + 1);
    };
    if (items.some((p) => isScalar(p.key) && p.key.value === '<<')) {
      // `entries` gives each key once: no `hasOwnProperty` needed.
      for (const e of entries(model, n)) {
        const v = e.pair.value;
        if (e.key === '__proto__' || tagOf(v) === '!reset') continue;
        obj[e.key] = js(v, level + 1);
      }
    } else {
      for (const p of items) {
        const k = keyName(p);
        if (k !== undefined) put(k, p.value);
      }
    }
    return obj;
  };
  r = { value: js(model.doc.contents, 0) };
  plains.set(model, r);
  return r;
}

/**
 * The node at a JSON-pointer-like path (`['services', 'web', 'ports', '0']`), merge keys and aliases
 * followed. Returns the deepest node reached, its pair (when reached through a map key) and whether the
 * whole path was found.
 */
export function nodeAtPath(
  model: ComposeModel,
  path: string[],
): { node: unknown; pair?: YPair; complete: boolean } {
  let node: unknown = model.doc.contents;
  let pair: YPair | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const n = deref(model, node);
    if (isMap(n)) {
      const p = getPair(model, n, seg);
      if (!p) return { node, pair, complete: false };
      pair = p;
      node = p.value;
    } else if (isSeq(n)) {
      const it = (n as YAMLSeq).items[Number(seg)];
      if (it === undefined) return { node, pair, complete: false };
      pair = undefined;
      node = it;
    } else return { node, pair, complete: false };
  }
  return { node, pair, complete: true };
}
