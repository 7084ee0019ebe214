/**
 * Applying text edits: used by the CLI's --fix, the rule tester and the fix-all action.
 */
import { LineIndex } from './text';
import type { Finding, Fix, TextEdit } from './types';

export class OverlapError extends Error {}

/** Apply non-overlapping edits to `text`. Throws OverlapError when two edits overlap. */
export function applyEdits(text: string, edits: TextEdit[], lines = new LineIndex(text)): string {
  const abs = edits
    .map((e, i) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText, i }))
    .sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let out = '';
  let last = 0;
  for (const e of abs) {
    if (e.s < last) throw new OverlapError('overlapping edits');
    out += text.slice(last, e.s) + e.t;
    last = e.e;
  }
  return out + text.slice(last);
}

/**
 * Pick the fixes of `findings` that can be applied together in one pass: in document order,
 * skipping a fix whose edits overlap an already chosen one (the next pass gets it).
 */
export function compatibleFixes(findings: Finding[], lines: LineIndex): Fix[] {
  const chosen: Fix[] = [];
  const taken: [number, number][] = [];
  const candidates = findings
    .filter((f) => f.fix && !f.fix.notForFixAll)
    .map((f) => f.fix as Fix)
    .map((fix) => ({
      fix,
      spans: fix.edits.map(
        (e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number],
      ),
    }))
    .sort((a, b) => (a.spans[0]?.[0] ?? 0) - (b.spans[0]?.[0] ?? 0));
  for (const c of candidates) {
    // Touching edits at the same point are fine only when neither is an insertion at the other's boundary.
    const clash = c.spans.some(([s, e]) =>
      taken.some(([ts, te]) => (s < te && ts < e) || (s === ts && (s === e || ts === te))),
    );
    if (clash) continue;
    chosen.push(c.fix);
    taken.push(...c.spans);
  }
  return chosen;
}
