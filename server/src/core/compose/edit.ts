/**
 * Minimal text edits on a compose document: add an entry to a (top-level or nested) mapping, insert a key
 * in a service, with the file's own indentation and line breaks. Never reprints the document.
 */
import { isAlias, isMap, isScalar, isSeq } from './yaml-nodes';
import type { Alias, YAMLMap } from 'yaml';
import { LineIndex } from '../text';
import type { FileEdit, FileSystem, TextEdit } from '../types';
import { deref, keyName, nodeSpan, topLevelPair, type ComposeModel, type YPair } from './model';

/** The indentation unit of the file (from the first nested block map), two spaces by default. */
export function indentUnit(model: ComposeModel): string {
  const top = model.doc.contents;
  if (isMap(top)) {
    for (const p of top.items) {
      const v = p.value;
      if (isMap(v) && v.items.length && !v.flow) {
        const k = nodeSpan(v.items[0].key);
        if (k) {
          const col = model.lines.positionAt(k[0]).character;
          if (col > 0) return ' '.repeat(col);
        }
      }
    }
  }
  return '  ';
}

/** Column of a node's first character. */
export function columnOf(model: ComposeModel, node: unknown): number | undefined {
  const s = nodeSpan(node);
  return s ? model.lines.positionAt(s[0]).character : undefined;
}

/** End offset of the last line a node occupies (before its line break). */
function endOfLastLine(model: ComposeModel, node: unknown): number | undefined {
  const s = nodeSpan(node);
  if (!s) return undefined;
  const line = model.lines.positionAt(Math.max(s[0], s[1] - 1)).line;
  return model.lines.lineEnd(line);
}

function edit(model: ComposeModel, start: number, end: number, newText: string): TextEdit {
  return { range: model.lines.range(start, end), newText };
}

/**
 * True when a one-line value can follow `key: ` on the same line: a scalar or a flow collection. A line that
 * is itself a block mapping entry (`file: ./x`, `key:`) or a sequence item (`- x`) cannot (a plain scalar
 * never holds `: ` or ends with `:`); it goes on its own, more indented line.
 */
export function isInlineValue(line: string): boolean {
  const t = line.trim();
  if (/^[{["']/.test(t)) return true;
  if (/^-(\s|$)/.test(t)) return false;
  const plain = t.replace(/\s+#.*$/, '');
  return !/:(\s|$)/.test(plain);
}

/** `key: value` (one inline line) or `key:` with the value lines below it, indented by `unit`. */
function renderEntry(indent: string, unit: string, eol: string, key: string, valueLines: string[]): string {
  if (valueLines.length === 1 && isInlineValue(valueLines[0])) return `${indent}${key}: ${valueLines[0]}`;
  return `${indent}${key}:` + valueLines.map((l) => `${eol}${indent}${unit}${l}`).join('');
}

/** The value lines as one flow value (`{file: ./x}` for one `file: ./x` line), or undefined when they are not. */
function flowValue(valueLines: string[]): string | undefined {
  if (valueLines.length !== 1) return undefined;
  const v = valueLines[0];
  if (isInlineValue(v)) return v;
  const m = /^([A-Za-z0-9_.-]+): (.+)$/.exec(v.trim());
  return m && isInlineValue(m[2]) && !/[,{}[\]]/.test(m[2]) ? `{${m[1]}: ${m[2]}}` : undefined;
}

/**
 * Edits that add `key: value` to the mapping held by `pair` (`value` is written inline after `key:` when it
 * is one scalar or flow line, else each line goes below, indented one more level: see `isInlineValue`). `parentIndent` is the column of
 * `pair`'s key. Returns undefined when the layout is one we do not edit (e.g. an alias).
 */
export function addToMap(
  model: ComposeModel,
  pair: YPair,
  key: string,
  valueLines: string[],
): TextEdit | undefined {
  const eol = model.lines.eol;
  const unit = indentUnit(model);
  const keyCol = columnOf(model, pair.key);
  if (keyCol === undefined) return undefined;
  const v = pair.value;
  const render = (indent: string) => renderEntry(indent, unit, eol, key, valueLines);
  if (v === null || (isScalar(v) && (v.value === null || v.value === undefined))) {
    // `volumes:` with nothing after it.
    const ks = nodeSpan(pair.key)!;
    const colon = model.text.indexOf(':', ks[1]);
    if (colon < 0) return undefined;
    const at = model.lines.lineEnd(model.lines.positionAt(colon).line);
    const lineText = model.text.slice(colon + 1, at);
    if (!/^\s*(#.*)?$/.test(lineText)) return undefined;
    return edit(model, at, at, eol + render(' '.repeat(keyCol) + unit));
  }
  if (!isMap(v)) return undefined;
  const map = v as YAMLMap;
  if (map.flow) {
    const s = nodeSpan(map);
    if (!s || model.text[s[1] - 1] !== '}') return undefined;
    const value = flowValue(valueLines);
    if (value === undefined) return undefined;
    const inner = model.text.slice(s[0] + 1, s[1] - 1);
    if (inner.trim() === '') return edit(model, s[0], s[1], `{${key}: ${value}}`);
    const trimmedEnd = s[0] + 1 + inner.replace(/\s+$/, '').length;
    const trailingComma = model.text[trimmedEnd - 1] === ',';
    return edit(model, trimmedEnd, trimmedEnd, `${trailingComma ? ' ' : ', '}${key}: ${value}`);
  }
  if (!map.items.length) return undefined;
  const first = map.items[0];
  const col = columnOf(model, first.key);
  if (
    col === undefined ||
    model.lines.positionAt(nodeSpan(first.key)![0]).line ===
      model.lines.positionAt(nodeSpan(pair.key)![0]).line
  )
    return undefined;
  const last = map.items[map.items.length - 1];
  const end = endOfLastLine(model, last.value ?? last.key) ?? endOfLastLine(model, last.key);
  if (end === undefined) return undefined;
  return edit(model, end, end, eol + render(' '.repeat(col)));
}

/**
 * An edit that appends `key: value` (or `key:` followed by more indented lines) to a block map, after
 * its last entry, at the column of its first key. Undefined for flow maps and empty maps.
 */
export function appendToBlockMap(
  model: ComposeModel,
  map: unknown,
  key: string,
  valueLines: string[],
): TextEdit | undefined {
  const m = deref(model, map);
  if (!isMap(m) || (m as YAMLMap).flow || !(m as YAMLMap).items.length) return undefined;
  const items = (m as YAMLMap).items;
  const col = columnOf(model, items[0].key);
  if (col === undefined) return undefined;
  const last = items[items.length - 1];
  const end = endOfLastLine(model, last.value ?? last.key);
  if (end === undefined) return undefined;
  const eol = model.lines.eol;
  const unit = indentUnit(model);
  return edit(model, end, end, eol + renderEntry(' '.repeat(col), unit, eol, key, valueLines));
}

/**
 * The usual order of top-level keys (as `compose-top-level-order` has it): a new top-level section goes after
 * the keys that come before it, so that adding one does not make the file out of order.
 */
export const TOP_LEVEL_ORDER = [
  'x-*',
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
];

function topLevelRank(key: string): number {
  const r = TOP_LEVEL_ORDER.indexOf(key.startsWith('x-') ? 'x-*' : key);
  return r < 0 ? TOP_LEVEL_ORDER.length : r;
}

/**
 * An edit that adds `key` under the top-level `section` (made when missing: after the last top-level key
 * that comes before it in `TOP_LEVEL_ORDER`, else at the end of the file).
 */
export function addTopLevelEntry(
  model: ComposeModel,
  section: string,
  key: string,
  valueLines: string[],
): TextEdit | undefined {
  const pair = topLevelPair(model, section);
  if (pair) return addToMap(model, pair, key, valueLines);
  const top = model.doc.contents;
  if (!isMap(top) || top.flow) return undefined;
  const eol = model.lines.eol;
  const unit = indentUnit(model);
  const text = model.text;
  const body = renderEntry(unit, unit, eol, key, valueLines);
  const block = `${section}:${eol}${body}${eol}`;
  // After the last key that comes before `section`, when a key follows it (else: the end of the file).
  const rank = topLevelRank(section);
  let after = -1;
  top.items.forEach((p, i) => {
    const k = keyName(p);
    if (k !== undefined && topLevelRank(k) < rank) after = i;
  });
  if (after >= 0 && after < top.items.length - 1) {
    const prev = top.items[after];
    const lineEnd = endOfLastLine(model, prev.value ?? prev.key);
    if (lineEnd !== undefined) {
      const lines = model.lines;
      // Start of the line after `prev`, past the indented comment lines that still belong to its block.
      const lineText = (l: number) => text.slice(lines.lineStarts[l], lines.lineEnd(l));
      // A block's range can run over the comments and blank lines after it: back to its last content line.
      const first = lines.positionAt(nodeSpan(prev.key)?.[0] ?? 0).line;
      let last = lines.positionAt(lineEnd).line;
      while (last > first && /^\s*(#.*)?$/.test(lineText(last))) last--;
      let line = last + 1;
      const lineCount = lines.lineStarts.length;
      for (let l = line; l < lineCount; l++) {
        const t = lineText(l);
        if (/^[ \t]+#/.test(t)) line = l + 1;
        else if (t.trim() !== '') break;
      }
      const next = top.items[after + 1];
      const nextStart = nodeSpan(next.key)?.[0];
      if (line < lineCount && nextStart !== undefined && lines.lineStarts[line] <= nextStart) {
        const at = lines.lineStarts[line];
        // Blank lines between top-level sections: keep the file's layout.
        const blank = lineText(line).trim() === '' ? eol : '';
        return edit(model, at, at, `${blank}${block}`);
      }
    }
  }
  const end = text.length;
  const needsEol = end > 0 && !text.endsWith('\n') && !text.endsWith('\r');
  return edit(model, end, end, `${needsEol ? eol : ''}${eol}${block}`);
}

/** The key's deref'd map value, or undefined. */
export function mapOf(model: ComposeModel, pair: YPair | undefined): YAMLMap | undefined {
  const v = pair ? deref(model, pair.value) : undefined;
  return isMap(v) ? (v as YAMLMap) : undefined;
}

/**
 * One edit that puts the items of a block map or block sequence in `order` (indices into `items`). Each
 * item moves with the comment lines directly above it and everything up to the end of its last line; blank
 * lines between items stay where they are. Returns undefined for flow collections, items sharing a line, or
 * an order that changes nothing.
 */
export function reorderItems(
  model: ComposeModel,
  collection: { items: unknown[]; flow?: boolean },
  order: number[],
): TextEdit | undefined {
  if (collection.flow || collection.items.length < 2) return undefined;
  if (order.every((o, i) => o === i)) return undefined;
  const lines = model.lines;
  const text = model.text;
  const chunks: { start: number; end: number }[] = [];
  for (const it of collection.items) {
    const first = isPairLike(it) ? nodeSpan(it.key) : nodeSpan(it);
    const lastNode = isPairLike(it) ? (it.value ?? it.key) : it;
    const last = nodeSpan(lastNode) ?? first;
    if (!first || !last) return undefined;
    let line = lines.positionAt(first[0]).line;
    // A sequence item starts at its `- `.
    let start = lines.lineStarts[line];
    if (text.slice(start, first[0]).trim() !== '' && !/^\s*-\s*$/.test(text.slice(start, first[0])))
      return undefined;
    // Comment lines directly above move with the item.
    while (line > 0 && /^\s*#/.test(lines.lineText(line - 1))) {
      line--;
      start = lines.lineStarts[line];
    }
    const endLine = lines.positionAt(Math.max(first[0], last[1] - 1)).line;
    chunks.push({ start, end: lines.lineEnd(endLine) });
  }
  for (let i = 1; i < chunks.length; i++) if (chunks[i].start <= chunks[i - 1].end) return undefined;
  const s = chunks[0].start;
  const e = chunks[chunks.length - 1].end;
  // Walking the items for their anchors and aliases is the costly part when thousands of services are
  // sorted: only done when the text says that an alias may move before an anchor.
  const from = Math.min(s, nodeSpan(collection)?.[0] ?? 0);
  if (
    mayPutAliasBeforeAnchor(text, from, chunks, order) &&
    !anchorsStayBeforeAliases(collection.items, order)
  )
    return undefined;
  let out = '';
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[order[i]];
    out += text.slice(c.start, c.end);
    if (i + 1 < chunks.length) out += text.slice(chunks[i].end, chunks[i + 1].start);
  }
  return edit(model, s, e, out);
}

/** Anchors (`&a`) defined and aliases (`*a`) used inside a node. */
function anchorsAndAliases(
  node: unknown,
  out: { anchors: Set<string>; aliases: Set<string> },
  depth = 0,
): void {
  if (!node || typeof node !== 'object' || depth > 100) return;
  if (isAlias(node)) {
    out.aliases.add((node as Alias).source);
    return;
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) out.anchors.add(anchor);
  if (isPairLike(node)) {
    anchorsAndAliases(node.key, out, depth + 1);
    anchorsAndAliases(node.value, out, depth + 1);
  } else if (isMap(node) || isSeq(node))
    for (const it of (node as YAMLMap).items) anchorsAndAliases(it, out, depth + 1);
}

/** False when the new order would put an alias before the anchor it refers to (YAML would reject the file). */
function anchorsStayBeforeAliases(items: unknown[], order: number[]): boolean {
  const info = items.map((it) => {
    const o = { anchors: new Set<string>(), aliases: new Set<string>() };
    anchorsAndAliases(it, o);
    return o;
  });
  if (!info.some((x) => x.anchors.size)) return true;
  const newPos: number[] = [];
  order.forEach((orig, pos) => (newPos[orig] = pos));
  // Alias name -> the items that use it (not items x items: thousands of services can be sorted).
  const users = new Map<string, number[]>();
  info.forEach((x, j) => {
    for (const a of x.aliases) {
      const list = users.get(a);
      if (list) list.push(j);
      else users.set(a, [j]);
    }
  });
  for (let i = 0; i < info.length; i++)
    for (const a of info[i].anchors)
      for (const j of users.get(a) ?? []) if (j !== i && newPos[i] > newPos[j]) return false;
  return true;
}

/**
 * False when the new order cannot put an alias before an anchor, judged from the text alone (no walk of
 * the items): an item's anchors (`&a`) and aliases (`*a`) are written between the end of the previous item
 * (`from` for the first: a sequence item's `- &a` line comes before its content) and its own end, so when
 * no item with a `*` there moves before an item with a `&` there, no alias can.
 */
function mayPutAliasBeforeAnchor(
  text: string,
  from: number,
  chunks: { start: number; end: number }[],
  order: number[],
): boolean {
  if (!text.slice(from, chunks[chunks.length - 1].end).includes('&')) return false;
  const newPos: number[] = [];
  order.forEach((orig, pos) => (newPos[orig] = pos));
  const amp: number[] = [];
  // The two smallest new positions of items with a `*` (an item's own alias does not count).
  let star1 = Infinity;
  let star1Item = -1;
  let star2 = Infinity;
  for (let i = 0; i < chunks.length; i++) {
    const part = text.slice(i === 0 ? from : chunks[i - 1].end, chunks[i].end);
    if (part.includes('&')) amp.push(i);
    if (part.includes('*')) {
      const p = newPos[i];
      if (p < star1) {
        star2 = star1;
        star1 = p;
        star1Item = i;
      } else if (p < star2) star2 = p;
    }
  }
  return amp.some((i) => (i === star1Item ? star2 : star1) < newPos[i]);
}

function isPairLike(x: unknown): x is YPair {
  return !!x && typeof x === 'object' && 'key' in x && 'value' in x;
}

/**
 * A `Fix.otherFiles` entry that appends `lines` to a file, creating it when it does not exist. Lines
 * already present in the file (exact match) are not added again; undefined when there is nothing to add.
 */
export function appendLinesEdit(fs: FileSystem, path: string, lines: string[]): FileEdit | undefined {
  const text = fs.readFile(path);
  if (text === undefined) {
    return {
      path,
      create: true,
      edits: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          newText: lines.join('\n') + '\n',
        },
      ],
    };
  }
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const add = lines.filter((l) => !have.has(l.trim()));
  if (!add.length) return undefined;
  const li = new LineIndex(text);
  const eol = li.eol;
  const end = li.positionAt(text.length);
  const prefix = text.length && !text.endsWith('\n') ? eol : '';
  return { path, edits: [{ range: { start: end, end }, newText: prefix + add.join(eol) + eol }] };
}

/** True when an ignore file (`.gitignore`, `.dockerignore`) already ignores `.env` at the top level. */
export function ignoresDotenv(text: string): boolean {
  return text.split(/\r?\n/).some((l) => /^\s*\/?(\*\*\/)?\.env\*?\s*$/.test(l));
}
