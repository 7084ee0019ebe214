/**
 * "Pick a tag for `<image>`…": a code action with no edit of its own but a client command,
 * `berth.pickImageTag`. The client shows the tags Berth knows for the image (refactors/known-tags.ts)
 * in a quick pick, plus "Type a tag…", then inserts or replaces exactly the tag and nothing else.
 * Offered as a suggestion of the compose-image-tag rule and next to the Dockerfile "Pin the base image
 * tag" refactoring.
 *
 * Everything here is pure and shared: the core builds the arguments (`pickImageTagCommand`), the client
 * (client/src/commands/refactors.ts) checks them (`asPickImageTagArgs`), lists the choices
 * (`tagChoices`), validates what the user types (`parseTagInput`) and computes the edit (`tagEdit`).
 */
import type { Command, Range, TextEdit } from './types';

export const PICK_IMAGE_TAG = 'berth.pickImageTag';

export interface PickImageTagArgs {
  /** The document. The core does not know URIs: the LSP adapter adds it (server.ts, `withDocumentUri`). */
  uri?: string;
  /** The image as written, without its tag: `postgres`, `registry:5000/team/app`. */
  image: string;
  /**
   * The tag to replace (`latest`, without the `:`), or, when the image has no tag, the empty range just
   * after the image name, where `:<tag>` goes. On one line.
   */
  range: Range;
  /** The tag at `range` (`latest`); undefined when the image has none. */
  current?: string;
  /** Tags Berth knows for the image, the recommended one first; empty when it knows none. */
  tags: string[];
}

/** A Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

/** The code action's command, e.g. "Pick a tag for `postgres`…". */
export function pickImageTagCommand(args: PickImageTagArgs): Command {
  const { current, ...rest } = args;
  const arg: PickImageTagArgs = current === undefined ? rest : { ...rest, current };
  return { title: `Pick a tag for \`${args.image}\`…`, command: PICK_IMAGE_TAG, arguments: [arg] };
}

/** What the user chose: a tag, a digest (`sha256:<hex>`), or both (`18@sha256:...`). */
export interface TagValue {
  tag?: string;
  digest?: string;
}

/**
 * Parse what the user typed: `18`, `:18`, `@sha256:<64 hex>`, `sha256:<64 hex>` or `18@sha256:<64 hex>`
 * (surrounding spaces ignored). Returns the value, or an error message for the input box.
 */
export function parseTagInput(input: string): TagValue | string {
  let s = input.trim();
  if (s === '') return 'Type a tag (e.g. 1.2.3) or a digest (@sha256:<64 hex digits>).';
  if (s.startsWith(':')) s = s.slice(1);
  let digest: string | undefined;
  const at = s.indexOf('@');
  if (at >= 0) {
    digest = s.slice(at + 1).toLowerCase();
    s = s.slice(0, at);
  } else if (/^sha256:/i.test(s)) {
    digest = s.toLowerCase();
    s = '';
  }
  if (digest !== undefined && !DIGEST_RE.test(digest))
    return 'A digest is `@sha256:` followed by 64 hexadecimal digits.';
  if (s === '') return digest !== undefined ? { digest } : 'Type a tag.';
  if (!TAG_RE.test(s))
    return 'A tag is 1 to 128 letters, digits, `_`, `.` or `-`, and does not start with `.` or `-`.';
  return digest !== undefined ? { tag: s, digest } : { tag: s };
}

/** One entry of the quick pick: a known tag (`tag` set) or "Type a tag…" (`tag` undefined). */
export interface TagChoice {
  label: string;
  description?: string;
  tag?: string;
}

/** The quick pick entries: the known tags, the first described as recommended, then "Type a tag…". */
export function tagChoices(args: PickImageTagArgs): TagChoice[] {
  const out: TagChoice[] = args.tags.map((tag, i) => ({
    label: tag,
    description: i === 0 ? `recommended: ${args.image}:${tag}` : `${args.image}:${tag}`,
    tag,
  }));
  out.push({ label: 'Type a tag…', description: 'any tag, or a digest (@sha256:…)' });
  return out;
}

/** The arguments as the client receives them (JSON from the server), or undefined when malformed. */
export function asPickImageTagArgs(raw: unknown): PickImageTagArgs | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const a = raw as Record<string, unknown>;
  const pos = (p: unknown): p is { line: number; character: number } =>
    !!p &&
    typeof p === 'object' &&
    Number.isInteger((p as { line: unknown }).line) &&
    Number.isInteger((p as { character: unknown }).character);
  const r = a.range as Record<string, unknown> | undefined;
  if (typeof a.uri !== 'string' || typeof a.image !== 'string' || !r || !pos(r.start) || !pos(r.end))
    return undefined;
  if (a.current !== undefined && typeof a.current !== 'string') return undefined;
  if (!Array.isArray(a.tags) || !a.tags.every((t) => typeof t === 'string' && TAG_RE.test(t)))
    return undefined;
  return {
    uri: a.uri,
    image: a.image,
    range: { start: r.start, end: r.end },
    current: a.current,
    tags: a.tags as string[],
  };
}

/**
 * The edit that writes `value` into the line `lineText` (the text of line `args.range.start.line`
 * now): replaces the current tag, or inserts `:<tag>` after the image name; a digest alone replaces
 * `:<current>` (or is inserted) as `@sha256:...`. Returns an error message when the line no longer
 * holds the image as it was when the action was offered (the user edited it in between).
 */
export function tagEdit(lineText: string, args: PickImageTagArgs, value: TagValue): TextEdit | string {
  const { start, end } = args.range;
  const changed = `The image \`${args.image}\` changed since the action was offered: nothing was edited.`;
  if (start.line !== end.line || end.character < start.character || end.character > lineText.length)
    return changed;
  const s = start.character;
  const e = end.character;
  const suffix = value.digest !== undefined ? `@${value.digest}` : '';
  /** The image name ends at `at` and starts after a space, quote or `=`, not inside a longer name. */
  const nameEndsAt = (at: number) =>
    lineText.slice(0, at).endsWith(args.image) &&
    !/[\w.:/@-]$/.test(lineText.slice(0, at - args.image.length));
  if (args.current !== undefined) {
    if (lineText.slice(s, e) !== args.current || lineText[s - 1] !== ':') return changed;
    if (!nameEndsAt(s - 1)) return changed;
    if (value.tag === undefined)
      return { range: { start: { line: start.line, character: s - 1 }, end }, newText: suffix };
    return { range: { start, end }, newText: value.tag + suffix };
  }
  if (s !== e || !nameEndsAt(s)) return changed;
  // The name must end here: no tag, digest or longer name written since.
  if (/^[\w.:@/-]/.test(lineText.slice(s))) return changed;
  return { range: { start, end }, newText: (value.tag !== undefined ? `:${value.tag}` : '') + suffix };
}
