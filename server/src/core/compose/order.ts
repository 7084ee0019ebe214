/**
 * Shared logic of the ordering rules: given the items of a collection and a sort key, report the first
 * item out of place with a fix that reorders the whole collection (keeping comments and unknown keys).
 */
import type { RuleContext } from '../rules/rule';
import { reorderItems } from './edit';
import { nodeSpan, type ComposeModel } from './model';

/**
 * `a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })` with the collator made once:
 * `localeCompare` with options builds a new collator on every call (slow when sorting thousands of keys).
 */
const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
/** `a.localeCompare(b)` (the default locale and options), with the collator made once. */
const DEFAULT_COLLATOR = new Intl.Collator();

export function naturalCompare(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The same as `a.localeCompare(b)`, faster. */
export function localeCompare(a: string, b: string): number {
  return DEFAULT_COLLATOR.compare(a, b);
}

/**
 * `rank(i)` gives each item's sort key (compared with `compare`); a stable sort decides the wanted order.
 * Reports at the first item whose position changes.
 */
export function checkOrder<K>(
  ctx: RuleContext<ComposeModel>,
  collection: { items: unknown[]; flow?: boolean },
  rank: (item: unknown, index: number) => K,
  compare: (a: K, b: K) => number,
  message: (item: unknown, expectedBefore: unknown) => string,
): void {
  const items = collection.items;
  if (items.length < 2) return;
  const keys = items.map((it, i) => rank(it, i));
  // Already in order (the usual case): the stable sort below would keep every item in place.
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = compare(keys[i - 1], keys[i]) <= 0;
  if (sorted) return;
  const order = items.map((_, i) => i).sort((a, b) => compare(keys[a], keys[b]) || a - b);
  const first = order.findIndex((o, i) => o !== i);
  if (first < 0) return;
  // The first item that is out of place: the one currently at `first` should come later.
  const misplaced = items[order[first]];
  const span = nodeSpan((misplaced as { key?: unknown }).key ?? misplaced);
  if (!span) return;
  const edit = reorderItems(ctx.model, collection, order);
  ctx.report({
    range: ctx.range(span[0], span[1]),
    message: message(misplaced, items[first]),
    fix: edit ? { title: 'Sort', edits: [edit] } : undefined,
  });
}
