/**
 * The Dockerfile document model: one parse per document version, shared by every rule.
 *
 * Offsets are into the document text; `LineIndex` turns them into LSP positions.
 * Instruction arguments are kept as a "logical" string (line continuations and the comment
 * lines inside them removed) with a table mapping each logical offset back to the document.
 */
import type { Range } from '../types';
import type { LineIndex } from '../text';
import { unquote } from './parser';

export interface Directive {
  /** Lower-cased directive name: `syntax`, `escape`, `check`. */
  name: string;
  value: string;
  range: Range;
  valueStart: number;
  valueEnd: number;
}

export interface Comment {
  /** Text after `#`, trimmed. */
  text: string;
  start: number;
  end: number;
  line: number;
}

/** A `--name=value` flag at the start of an instruction's arguments. */
export interface Flag {
  name: string;
  /** Undefined for a bare `--flag`. */
  value?: string;
  /** Offsets of the whole flag `--name=value` in the document. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** A whitespace-separated argument (after the flags), with quotes kept in `raw`. */
export interface Arg {
  raw: string;
  /** Quotes removed, escapes resolved. */
  value: string;
  start: number;
  end: number;
  /** Offsets of the word in the instruction's `argsText` (logical offsets). */
  logicalStart: number;
  logicalEnd: number;
}

export interface Heredoc {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body lines. */
  stripTabs: boolean;
  /** The delimiter was quoted: no variable expansion in the body. */
  quoted: boolean;
  /** Offsets of the `<<EOF` word in the document. */
  markerStart: number;
  markerEnd: number;
  /** Offsets of the body in the document (from the line after the instruction up to, not including, the terminator line). */
  bodyStart: number;
  bodyEnd: number;
  body: string;
  /** False when the file ended before the terminator line. */
  terminated: boolean;
}

export interface Instruction {
  /** Keyword upper-cased: `RUN`, `FROM`... */
  keyword: string;
  /** Keyword as written. */
  keywordRaw: string;
  keywordStart: number;
  keywordEnd: number;
  /** Whole instruction, continuation lines and heredoc bodies included. */
  start: number;
  end: number;
  /** Line of the keyword (0-based) and last line. */
  line: number;
  endLine: number;
  /** Arguments as one logical string (continuations removed). */
  argsText: string;
  /** Document offset of each character of `argsText` (length argsText.length + 1; last entry is the end). */
  argsMap: Int32Array;
  flags: Flag[];
  /** Arguments after the flags, split on whitespace (quotes respected). */
  args: Arg[];
  /** Logical offset in argsText where the arguments after the flags start. */
  restStart: number;
  /** Exec (JSON array) form, when the rest of the arguments parse as a JSON string array. */
  json?: { values: string[]; ranges: { start: number; end: number }[] };
  heredocs: Heredoc[];
  /** For ONBUILD: the wrapped instruction. */
  onbuild?: Instruction;
  /** Index of the stage this instruction belongs to, -1 before the first FROM. */
  stageIndex: number;
  /** Index in `DockerfileModel.instructions`. */
  index: number;
  /** Comments directly above the instruction (no blank line between), nearest last. */
  leadingComments: Comment[];
  /** Lines inside a continuation that were empty (BuildKit's NoEmptyContinuation). */
  emptyContinuationLines: number[];
}

export interface Stage {
  index: number;
  from: Instruction;
  /** The `AS name` name as written, if any. */
  name?: string;
  nameStart?: number;
  nameEnd?: number;
  /** The `AS` keyword as written. */
  asRaw?: string;
  asStart?: number;
  /** Image reference as written (may contain `$VAR`). */
  image: string;
  imageStart: number;
  imageEnd: number;
  /** Image reference with global ARG defaults substituted; undefined when a variable has no value. */
  imageResolved?: string;
  /** When the base is an earlier stage: its index. */
  baseStage?: number;
  platform?: Flag;
  instructions: Instruction[];
}

export interface DockerfileModel {
  kind: 'dockerfile';
  text: string;
  lines: LineIndex;
  escapeChar: '\\' | '`';
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  /** Lines the parser could not understand (not an instruction keyword). */
  problems: { start: number; end: number; message: string }[];
}

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Document offset of a logical offset in an instruction's arguments. */
export function docOffset(instr: Instruction, logical: number): number {
  const map = instr.argsMap;
  if (logical <= 0) return map.length ? map[0] : instr.keywordEnd;
  if (logical >= map.length) return map[map.length - 1];
  return map[logical];
}

/** Document offset just after a logical character (for range ends). */
export function docEndOffset(instr: Instruction, logicalEnd: number): number {
  if (logicalEnd <= 0) return docOffset(instr, 0);
  return docOffset(instr, logicalEnd - 1) + 1;
}

export function flag(instr: Instruction, name: string): Flag | undefined {
  for (const f of instr.flags) if (f.name === name) return f;
  return undefined;
}

/** A `key=value` pair of ENV, LABEL or ARG (or the legacy `ENV key value` form). */
export interface KeyValue {
  /** The key as written, quotes removed. */
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Value as written (quotes kept); undefined for `ARG name` without a default. */
  raw?: string;
  /** Value with quotes removed and escapes resolved (variables not expanded). */
  value?: string;
  /** Document offsets of the value (equal to keyEnd when there is none). */
  valueStart: number;
  valueEnd: number;
  /** Offset of the `=`, or -1. */
  eqOffset: number;
  /** The whole pair. */
  start: number;
  end: number;
  /** Written in the legacy whitespace form `ENV key value` / `LABEL key value`. */
  legacy: boolean;
}

const kvCache = new WeakMap<Instruction, KeyValue[]>();

/**
 * The pairs of an ENV, LABEL or ARG instruction (ONBUILD: pass `instr.onbuild`). ENV/LABEL follow
 * BuildKit: when the first word has no `=`, the rest of the line is the value of that single key.
 */
export function keyValuePairs(instr: Instruction, esc = '\\'): KeyValue[] {
  const hit = kvCache.get(instr);
  if (hit) return hit;
  const out: KeyValue[] = [];
  const args = instr.args;
  const legacyCapable = instr.keyword === 'ENV' || instr.keyword === 'LABEL';
  if (legacyCapable && args.length && !args[0].raw.includes('=')) {
    const k = args[0];
    if (args.length > 1) {
      const ls = args[1].logicalStart;
      const raw = instr.argsText.slice(ls);
      out.push({
        key: unquote(k.raw, esc),
        keyStart: k.start,
        keyEnd: k.end,
        raw,
        value: unquote(raw, esc),
        valueStart: args[1].start,
        valueEnd: args[args.length - 1].end,
        eqOffset: -1,
        start: k.start,
        end: args[args.length - 1].end,
        legacy: true,
      });
    } else {
      out.push({
        key: unquote(k.raw, esc),
        keyStart: k.start,
        keyEnd: k.end,
        valueStart: k.end,
        valueEnd: k.end,
        eqOffset: -1,
        start: k.start,
        end: k.end,
        legacy: true,
      });
    }
  } else {
    for (const a of args) {
      const eq = indexOfUnquoted(a.raw, '=', esc);
      if (eq < 0) {
        out.push({
          key: unquote(a.raw, esc),
          keyStart: a.start,
          keyEnd: a.end,
          valueStart: a.end,
          valueEnd: a.end,
          eqOffset: -1,
          start: a.start,
          end: a.end,
          legacy: false,
        });
        continue;
      }
      const raw = a.raw.slice(eq + 1);
      const keyEnd = docEndOffset(instr, a.logicalStart + eq);
      const eqOffset = docOffset(instr, a.logicalStart + eq);
      out.push({
        key: unquote(a.raw.slice(0, eq), esc),
        keyStart: a.start,
        keyEnd,
        raw,
        value: unquote(raw, esc),
        valueStart: raw.length ? docOffset(instr, a.logicalStart + eq + 1) : eqOffset + 1,
        valueEnd: raw.length ? a.end : eqOffset + 1,
        eqOffset,
        start: a.start,
        end: a.end,
        legacy: false,
      });
    }
  }
  kvCache.set(instr, out);
  return out;
}

function indexOfUnquoted(s: string, ch: string, esc: string): number {
  let q = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === esc && q !== "'") {
      i++;
      continue;
    }
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (c === ch) return i;
  }
  return -1;
}

/** The instruction itself, or the one wrapped by ONBUILD. */
export function effective(instr: Instruction): Instruction {
  return instr.keyword === 'ONBUILD' && instr.onbuild ? instr.onbuild : instr;
}

/** One `key=value` item of a CSV flag value such as `--mount=type=cache,target=/root/.cache`. */
export interface FlagOption {
  key: string;
  /** Undefined for a bare key (`readonly`). */
  value?: string;
  /** Document offsets (exact when the flag is on one line and unquoted). */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

/** The comma-separated `key=value` items of a flag value (`--mount`, `--secret`...). Keys lower-cased. */
export function flagOptions(f: Flag): FlagOption[] {
  const v = f.value ?? '';
  const out: FlagOption[] = [];
  let i = 0;
  while (i <= v.length) {
    // CSV: a field may be double-quoted.
    let j = i;
    let q = false;
    while (j < v.length && (q || v[j] !== ',')) {
      if (v[j] === '"') q = !q;
      j++;
    }
    const field = v.slice(i, j);
    if (field.trim()) {
      const eq = field.indexOf('=');
      const key = (eq >= 0 ? field.slice(0, eq) : field).trim().toLowerCase();
      const val = eq >= 0 ? field.slice(eq + 1).replace(/^"(.*)"$/, '$1') : undefined;
      const s = Math.min(f.valueStart + i, f.valueEnd);
      const e = Math.min(f.valueStart + j, f.valueEnd);
      out.push({
        key,
        value: val,
        start: s,
        end: e,
        valueStart: eq >= 0 ? Math.min(s + eq + 1, e) : e,
        valueEnd: e,
      });
    }
    i = j + 1;
  }
  return out;
}
