/**
 * Small helpers shared by the compose rules.
 */
import { isMap, isPair, isScalar, isSeq } from './yaml-nodes';
import type { Scalar } from 'yaml';
import type { RuleContext } from '../rules/rule';
import type { Report } from '../types';
import { hasInterpolation } from './interpolate';
import { deref, entries, nodeSpan, scalarText, type ComposeModel } from './model';

/** `ctx.report` that drops a second finding on the same span with the same message (values shared through anchors). */
export function onceReporter(ctx: RuleContext<ComposeModel>): (r: Report) => void {
  const seen = new Set<string>();
  return (r) => {
    const k = `${r.range.start.line}:${r.range.start.character}:${r.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    ctx.report(r);
  };
}

/** A scalar's text when it is a literal (no interpolation), with its node. */
export function literal(
  node: unknown,
): { text: string; node: Scalar; start: number; end: number } | undefined {
  if (!isScalar(node)) return undefined;
  const text = scalarText(node);
  const span = nodeSpan(node);
  if (text === undefined || !span || hasInterpolation(text)) return undefined;
  return { text, node, start: span[0], end: span[1] };
}

/** Offsets of a scalar's text without its quotes. */
export function innerSpan(node: Scalar): [number, number] | undefined {
  const s = nodeSpan(node);
  if (!s) return undefined;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return [s[0] + 1, s[1] - 1];
  return s;
}

/** True for plain or single-quoted scalars and double-quoted ones without escapes: text offsets map 1:1. */
export function textMapsToSource(model: ComposeModel, node: Scalar): boolean {
  const s = innerSpan(node);
  if (!s) return false;
  const src = model.text.slice(s[0], s[1]);
  return src === scalarText(node);
}

/** The indentation (spaces) of the line holding `offset`. */
export function indentAt(model: ComposeModel, offset: number): string {
  const line = model.lines.positionAt(offset).line;
  return /^[ ]*/.exec(model.lines.lineText(line))![0];
}

const dollarScalars = new WeakMap<ComposeModel, Scalar[]>();

/**
 * The scalars of the document whose value is a string containing `$`, except map keys, in document order:
 * what `visit(doc, { Scalar })` meets when it skips `key === 'key'`, without its per-node cost. Aliases are
 * not followed. Cached per model (the interpolation rules share it).
 */
export function scalarsWithDollar(model: ComposeModel): Scalar[] {
  let out = dollarScalars.get(model);
  if (out) return out;
  out = [];
  // Pre-order, iterative (a deep document does not overflow the stack); `keys` marks a pair's key.
  const nodes: unknown[] = [model.doc.contents];
  const keys: boolean[] = [false];
  while (nodes.length) {
    const node = nodes.pop();
    const isKey = keys.pop();
    if (isScalar(node)) {
      if (!isKey && typeof node.value === 'string' && node.value.includes('$')) out.push(node);
    } else if (isPair(node)) {
      nodes.push(node.value, node.key);
      keys.push(false, true);
    } else if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        nodes.push(items[i]);
        keys.push(false);
      }
    }
  }
  dollarScalars.set(model, out);
  return out;
}

/**
 * `getValue(model, node, key)` for each of `keys` in one pass over the map's entries (own and merged),
 * instead of one lookup per key: the values (aliases followed) of the keys that are set.
 */
export function valuesOf(
  model: ComposeModel,
  node: unknown,
  keys: ReadonlySet<string>,
): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const e of entries(model, node)) if (keys.has(e.key)) out.set(e.key, deref(model, e.pair.value));
  return out;
}
