/**
 * Small helpers shared by the compose rules.
 */
import { isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import type { RuleContext } from '../rules/rule';
import type { Report } from '../types';
import { hasInterpolation } from './interpolate';
import { nodeSpan, scalarText, type ComposeModel } from './model';

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
