/**
 * Where the cursor is in a YAML document, from the text alone (the document is usually incomplete
 * while one types): the chain of keys above it by indentation, and whether it is in a key, after
 * `key:` on the same line, or in a `- ` sequence item.
 */

export interface YamlContext {
  /** Keys from the root to the map holding the cursor's entry (sequence levels skipped). */
  path: string[];
  /** The cursor is after `key:` on its line (block or flow value): that key. */
  key?: string;
  /** The cursor is in a `- ` item of a block sequence (the sequence is the value of the last key of `path`). */
  inSeqItem: boolean;
  /** The cursor is where a key would be written (a bare word at the start of an entry). */
  keyPosition: boolean;
  /** The value (or item) text from its start to the cursor. */
  valuePrefix: string;
}

interface LineShape {
  indent: number;
  dashCols: number[];
  /** Column where the entry's content starts (after indentation and dashes). */
  contentCol: number;
  key?: string;
  /** Column where the value starts (after `key:` and spaces). */
  valueCol?: number;
  blank: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#{}[\],:&*!|>][^#]*?)[ \t]*:(?=[ \t]|$)/;

export function lineShape(s: string): LineShape {
  let i = 0;
  while (i < s.length && s[i] === ' ') i++;
  const indent = i;
  const dashCols: number[] = [];
  while (s[i] === '-' && (i + 1 === s.length || s[i + 1] === ' ')) {
    dashCols.push(i);
    i++;
    while (s[i] === ' ') i++;
  }
  const rest = s.slice(i);
  const blank = rest.trim() === '' || rest.trimStart().startsWith('#');
  const m = KEY_RE.exec(rest);
  let key: string | undefined;
  let valueCol: number | undefined;
  if (m) {
    const raw = m[1].trim();
    key =
      raw.startsWith('"') || raw.startsWith("'")
        ? raw.slice(1, -1).replace(/''/g, "'").replace(/\\"/g, '"')
        : raw;
    valueCol = i + m[0].length;
    while (s[valueCol] === ' ' || s[valueCol] === '\t') valueCol++;
  }
  return { indent, dashCols, contentCol: i, key, valueCol, blank: blank && dashCols.length === 0 };
}

/** Keys of the maps enclosing an entry that starts at column `col` on line `line`. */
function ancestors(lines: string[], line: number, col: number, allowEqual: boolean): string[] {
  const path: string[] = [];
  for (let l = line - 1; l >= 0; l--) {
    if (col === 0 && !allowEqual) break;
    const sh = lineShape(lines[l]);
    if (sh.blank || sh.key === undefined) continue;
    const lineCol = sh.dashCols.length ? sh.dashCols[0] : sh.contentCol;
    const keyCol = sh.contentCol;
    // A `- ` at this column belongs to a sequence whose key may sit at the same column (compact style).
    const isParent = keyCol < col || (allowEqual && keyCol === col && !sh.dashCols.length);
    if (!isParent) continue;
    path.unshift(sh.key);
    if (lineCol === 0 && !sh.dashCols.length) break;
    col = lineCol;
    allowEqual = sh.dashCols.length > 0;
  }
  return path;
}

/** The context of the cursor at (`line`, `character`) in `text`. */
export function yamlContextAt(text: string, line: number, character: number): YamlContext {
  const lines = text.split(/\r\n|\r|\n/);
  const full = lines[line] ?? '';
  const before = full.slice(0, character);
  const sh = lineShape(before);
  if (sh.key !== undefined && sh.valueCol !== undefined) {
    // `- key: value` in a sequence of maps: the sequence's own key is the parent.
    const anchorCol = sh.dashCols.length ? sh.dashCols[0] : sh.contentCol;
    const path = ancestors(lines, line, anchorCol, sh.dashCols.length > 0);
    return {
      path,
      key: sh.key,
      inSeqItem: false,
      keyPosition: false,
      valuePrefix: before.slice(sh.valueCol),
    };
  }
  if (sh.dashCols.length) {
    const path = ancestors(lines, line, sh.dashCols[0], true);
    return { path, inSeqItem: true, keyPosition: false, valuePrefix: before.slice(sh.contentCol) };
  }
  const path = ancestors(lines, line, sh.contentCol, false);
  return { path, inSeqItem: false, keyPosition: true, valuePrefix: before.slice(sh.contentCol) };
}
