/**
 * The `.env` syntax Compose reads: `KEY=value`, `export KEY=value`, `# comments`, inline comments after
 * unquoted values (` #`), 'single' quotes (literal), "double" quotes (escapes, may span lines), and
 * interpolation of earlier variables in unquoted and double-quoted values.
 */
import { interpolate } from './interpolate';

export interface DotenvEntry {
  name: string;
  /** The value after quotes, escapes and interpolation; undefined for a bare `KEY` line (taken from the shell). */
  value: string | undefined;
  /** The value as written (between the `=` and the end or comment, quotes kept). */
  raw: string;
  /** 0-based line of the key. */
  line: number;
  /** Offsets in the file: whole entry, the name, the value as written. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
  quote?: '"' | "'";
}

export interface Dotenv {
  entries: DotenvEntry[];
  /** Last definition wins, as in Compose. */
  map: Map<string, DotenvEntry>;
  problems: { line: number; start: number; end: number; message: string }[];
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** Parse a `.env` file. `lookup` gives values of variables not defined earlier in the file (the shell). */
export function parseDotenv(
  text: string,
  lookup: (name: string) => string | undefined = () => undefined,
): Dotenv {
  const entries: DotenvEntry[] = [];
  const map = new Map<string, DotenvEntry>();
  const problems: Dotenv['problems'] = [];
  const get = (n: string) => {
    const e = map.get(n);
    return e ? e.value : lookup(n);
  };
  let i = 0;
  let line = 0;
  const len = text.length;
  const lineEnd = (from: number) => {
    let e = text.indexOf('\n', from);
    if (e < 0) e = len;
    return e;
  };
  while (i < len) {
    const le = lineEnd(i);
    const rawLine = text.slice(i, le).replace(/\r$/, '');
    const m = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*([=:])?[ \t]*/.exec(rawLine);
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      i = le + 1;
      line++;
      continue;
    }
    if (!m || (!m[4] && rawLine.slice(m[0].length).trim() !== '')) {
      problems.push({
        line,
        start: i,
        end: i + rawLine.length,
        message: `Not a KEY=value line: ${trimmed.slice(0, 40)}`,
      });
      i = le + 1;
      line++;
      continue;
    }
    const nameStart = i + m[1].length + (m[2]?.length ?? 0);
    const name = m[3];
    const vStart = i + m[0].length;
    let value: string | undefined;
    let raw: string;
    let vEnd: number;
    let quote: DotenvEntry['quote'];
    let linesUsed = 0;
    const q = text[vStart];
    if (!m[4]) {
      value = lookup(name);
      raw = '';
      vEnd = vStart;
    } else if (q === "'" || q === '"') {
      quote = q;
      let j = vStart + 1;
      let v = '';
      while (j < len && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < len) {
          const e = ESCAPES[text[j + 1]];
          v += e !== undefined ? e : '\\' + text[j + 1];
          j += 2;
          continue;
        }
        if (text[j] === '\n') linesUsed++;
        v += text[j];
        j++;
      }
      if (j >= len) {
        problems.push({
          line,
          start: vStart,
          end: len,
          message: `The quoted value of ${name} is not closed`,
        });
      }
      vEnd = Math.min(j + 1, len);
      raw = text.slice(vStart, vEnd);
      value = q === '"' ? interpolate(v, get).value : v;
    } else {
      let rest = text.slice(vStart, le).replace(/\r$/, '');
      const c = /(^|\s)#/.exec(rest);
      if (c) rest = rest.slice(0, c.index);
      rest = rest.replace(/\s+$/, '');
      raw = rest;
      vEnd = vStart + rest.length;
      value = interpolate(rest, get).value;
    }
    const entry: DotenvEntry = {
      name,
      value,
      raw,
      line,
      start: i,
      end: vEnd,
      nameStart,
      nameEnd: nameStart + name.length,
      valueStart: vStart,
      valueEnd: vEnd,
      quote,
    };
    entries.push(entry);
    map.set(name, entry);
    const after = lineEnd(vEnd);
    line += linesUsed + 1;
    i = Math.max(after, le) + 1;
    if (linesUsed) i = after + 1;
  }
  return { entries, map, problems };
}
