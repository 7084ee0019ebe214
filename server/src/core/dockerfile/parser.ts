/**
 * A linear, never-throwing Dockerfile parser following BuildKit's rules: parser directives,
 * `# escape=` (backslash or backtick), line continuations (comment and empty lines inside them
 * are dropped), heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several per instruction), flags,
 * exec (JSON) form, ONBUILD, stages.
 */
import { LineIndex } from '../text';
import { evalWord } from './vars';
import type { Comment, Directive, DockerfileModel, Flag, Heredoc, Instruction, Stage } from './model';

const DIRECTIVE_RE = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Parse a Dockerfile. With `previous` (the model of an earlier version of the same document, as the
 * language server keeps it), instructions that end before the first changed character are taken over
 * as they are (same objects, so the per-instruction caches of `run.ts` and `model.ts` stay warm):
 * their text, offsets, lines, index, leading comments and stage are necessarily the same. Only the rest
 * of the document is parsed again. The result equals a fresh parse (a test compares them on random
 * edits of the corpus).
 */
export function parseDockerfile(text: string, previous?: DockerfileModel): DockerfileModel {
  const lines = new LineIndex(text);
  const n = lines.lineCount;
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  const problems: DockerfileModel['problems'] = [];
  let escapeChar: '\\' | '`' = '\\';

  const lineStart = (l: number) => lines.lineStarts[l] + (l === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const lineContent = (l: number) => text.slice(lineStart(l), lines.lineEnd(l));

  // Parser directives: only at the very top, before any comment, blank line or instruction.
  let line = 0;
  for (; line < n; line++) {
    const content = lineContent(line);
    const m = DIRECTIVE_RE.exec(content);
    if (!m || !KNOWN_DIRECTIVES.has(m[1].toLowerCase())) break;
    const name = m[1].toLowerCase();
    if (directives.some((d) => d.name === name)) break; // a repeated directive is a comment
    const s = lineStart(line);
    const valueStart = s + content.indexOf(m[2], content.indexOf('=') + 1);
    directives.push({
      name,
      value: m[2],
      range: lines.range(s, s + content.length),
      valueStart,
      valueEnd: valueStart + m[2].length,
    });
    comments.push({ text: content.trim().slice(1).trim(), start: s, end: s + content.length, line });
    if (name === 'escape' && (m[2] === '`' || m[2] === '\\')) escapeChar = m[2];
  }

  const esc = escapeChar;
  /** Does the line end with the escape character (ignoring trailing blanks)? Returns its offset or -1. */
  const continuationAt = (l: number): number => {
    const s = lineStart(l);
    let e = lines.lineEnd(l) - 1;
    while (e >= s && isSpace(text.charCodeAt(e))) e--;
    if (e < s || text[e] !== esc) return -1;
    // BuildKit: an escaped escape (`C:\\dir\\`) at the end of a line is no continuation.
    return e === s || text[e - 1] !== esc ? e : -1;
  };

  const reuse = reusablePrefix(previous, text, escapeChar, directives);
  let pendingComments: Comment[] = [];
  while (line < n) {
    const s = lineStart(line);
    if (reuse && s < reuse.limit) {
      const old = reuse.at(s);
      if (old) {
        // Its comments inside continuation lines were collected while parsing it: take them over too.
        comments.push(...reuse.innerComments(old));
        pendingComments = [];
        instructions.push(old);
        line = old.endLine + 1;
        continue;
      }
    }
    const e = lines.lineEnd(line);
    let p = s;
    while (p < e && isSpace(text.charCodeAt(p))) p++;
    if (p === e) {
      pendingComments = [];
      line++;
      continue;
    }
    if (text[p] === '#') {
      const c: Comment = { text: text.slice(p + 1, e).trim(), start: p, end: e, line };
      comments.push(c);
      pendingComments.push(c);
      line++;
      continue;
    }
    const instr = parseInstructionAt(line, p);
    instr.leadingComments = pendingComments;
    pendingComments = [];
    instr.index = instructions.length;
    instructions.push(instr);
    line = instr.endLine + 1;
  }

  function parseInstructionAt(firstLine: number, p: number): Instruction {
    const kwStart = p;
    const e0 = lines.lineEnd(firstLine);
    while (p < e0 && !isSpace(text.charCodeAt(p)) && !(text[p] === esc && continuationAt(firstLine) === p))
      p++;
    const kwEnd = p;
    const keywordRaw = text.slice(kwStart, kwEnd);
    while (p < e0 && isSpace(text.charCodeAt(p))) p++;

    // Collect the logical arguments across continuation lines: [from, to) segments of the text.
    const segments: number[] = [];
    const emptyContinuationLines: number[] = [];
    let l = firstLine;
    let from = p;
    for (;;) {
      const cont = continuationAt(l);
      const to = cont >= 0 ? cont : lines.lineEnd(l);
      if (to > from) segments.push(from, to);
      if (cont < 0) break;
      // Continue on the next line that is neither a comment nor empty.
      let next = l + 1;
      for (; next < n; next++) {
        const ns = lineStart(next);
        const ne = lines.lineEnd(next);
        let q = ns;
        while (q < ne && isSpace(text.charCodeAt(q))) q++;
        if (q === ne) {
          emptyContinuationLines.push(next);
          continue;
        }
        if (text[q] === '#') {
          comments.push({ text: text.slice(q + 1, ne).trim(), start: q, end: ne, line: next });
          continue;
        }
        break;
      }
      if (next >= n) {
        // File ends inside a continuation.
        l = Math.max(l, next - 1);
        break;
      }
      l = next;
      from = lineStart(next);
    }
    // Trailing whitespace is not part of the arguments.
    while (segments.length) {
      const k = segments.length - 1;
      while (segments[k] > segments[k - 1] && isSpace(text.charCodeAt(segments[k] - 1))) segments[k]--;
      if (segments[k] > segments[k - 1]) break;
      segments.length -= 2;
    }
    let length = 0;
    for (let k = 0; k < segments.length; k += 2) length += segments[k + 1] - segments[k];
    // argsMap[i]: the document offset of argsText[i]; one more entry for the end of the arguments.
    const argsMap = new Int32Array(length + 1);
    let argsText = '';
    let o = 0;
    for (let k = 0; k < segments.length; k += 2) {
      argsText += text.slice(segments[k], segments[k + 1]);
      for (let i = segments[k]; i < segments[k + 1]; i++) argsMap[o++] = i;
    }
    const argsEnd = length > 0 ? argsMap[length - 1] + 1 : kwEnd;
    argsMap[length] = argsEnd;
    const keyword = keywordRaw.toUpperCase();

    const instr: Instruction = {
      keyword,
      keywordRaw,
      keywordStart: kwStart,
      keywordEnd: kwEnd,
      start: kwStart,
      end: Math.max(argsEnd, kwEnd, lines.lineEnd(l)),
      line: firstLine,
      endLine: l,
      argsText,
      argsMap,
      flags: [],
      args: [],
      restStart: 0,
      heredocs: [],
      stageIndex: -1,
      index: -1,
      leadingComments: [],
      emptyContinuationLines,
    };
    splitArguments(instr, keyword === 'ONBUILD' ? '' : keyword);

    // Heredocs: bodies follow the instruction's last line.
    const heredocKeyword =
      keyword === 'ONBUILD'
        ? (instr.onbuild?.keyword ?? '')
        : HEREDOC_INSTRUCTIONS.has(keyword)
          ? keyword
          : '';
    if (HEREDOC_INSTRUCTIONS.has(heredocKeyword)) {
      const markers = findHeredocMarkers(argsText);
      let bodyLine = l + 1;
      for (const m of markers) {
        const bodyStart = bodyLine < n ? lineStart(bodyLine) : text.length;
        let terminated = false;
        let k = bodyLine;
        for (; k < n; k++) {
          let content = lineContent(k);
          if (m.stripTabs) content = content.replace(/^\t+/, '');
          if (content === m.delimiter) {
            terminated = true;
            break;
          }
        }
        const bodyEnd = k < n ? lineStart(k) : text.length;
        const hd: Heredoc = {
          delimiter: m.delimiter,
          stripTabs: m.stripTabs,
          quoted: m.quoted,
          markerStart: docOffsetOf(argsMap, m.start),
          markerEnd: docOffsetOf(argsMap, m.end - 1) + 1,
          bodyStart,
          bodyEnd,
          body: text.slice(bodyStart, bodyEnd),
          terminated,
        };
        instr.heredocs.push(hd);
        if (terminated) {
          instr.endLine = k;
          instr.end = lines.lineEnd(k);
          bodyLine = k + 1;
        } else {
          instr.endLine = n - 1;
          instr.end = text.length;
          problems.push({
            start: hd.markerStart,
            end: hd.markerEnd,
            message: `Heredoc \`${m.delimiter}\` is not terminated: add a line \`${m.delimiter}\``,
          });
          break;
        }
      }
    }
    return instr;
  }

  function splitArguments(instr: Instruction, keyword: string): void {
    const a = instr.argsText;
    let i = 0;
    // Flags: `--name[=value]` words at the start. ONBUILD takes none; its inner instruction does.
    if (keyword !== '') {
      while (i < a.length && a.startsWith('--', i)) {
        const fs = i;
        let j = i + 2;
        let q = 0;
        while (j < a.length) {
          const c = a.charCodeAt(j);
          if (q) {
            if (c === q) q = 0;
          } else if (c === 34 || c === 39) q = c;
          else if (isSpace(c)) break;
          j++;
        }
        const word = a.slice(fs + 2, j);
        const eq = word.indexOf('=');
        const name = eq >= 0 ? word.slice(0, eq) : word;
        const f: Flag = {
          name,
          value: eq >= 0 ? unquote(word.slice(eq + 1), esc) : undefined,
          start: docOffsetOf(instr.argsMap, fs),
          end: docOffsetOf(instr.argsMap, j - 1) + 1,
          nameStart: docOffsetOf(instr.argsMap, fs + 2),
          nameEnd: docOffsetOf(instr.argsMap, fs + 2 + name.length - 1) + 1,
          valueStart: eq >= 0 ? docOffsetOf(instr.argsMap, fs + 3 + eq) : 0,
          valueEnd: docOffsetOf(instr.argsMap, j - 1) + 1,
        };
        if (eq < 0) f.valueStart = f.valueEnd;
        instr.flags.push(f);
        i = j;
        while (i < a.length && isSpace(a.charCodeAt(i))) i++;
      }
    }
    instr.restStart = i;
    if (keyword === '') {
      instr.onbuild = parseOnbuild(instr, i);
      return;
    }
    // Exec form.
    let first = i;
    while (first < a.length && /\s/.test(a[first])) first++;
    if (a.charCodeAt(first) === 91 /* [ */) {
      const json = parseJsonArray(a.slice(i));
      if (json) {
        instr.json = {
          values: json.values,
          ranges: json.ranges.map((r) => ({
            start: docOffsetOf(instr.argsMap, i + r.start),
            end: docOffsetOf(instr.argsMap, i + r.end - 1) + 1,
          })),
        };
      }
    }
    // The words made into Args directly (no intermediate word objects: this runs for every
    // instruction of every version of the document).
    const map = instr.argsMap;
    const args = instr.args;
    for (let k = i; k < a.length;) {
      const w = wordEnd(a, k, esc);
      if (w.end > w.start) {
        const raw = a.slice(w.start, w.end);
        args.push({
          raw,
          value: unquote(raw, esc),
          start: docOffsetOf(map, w.start),
          end: docOffsetOf(map, w.end - 1) + 1,
          logicalStart: w.start,
          logicalEnd: w.end,
        });
      }
      k = w.end;
    }
  }

  function parseOnbuild(outer: Instruction, from: number): Instruction | undefined {
    const a = outer.argsText;
    let k = from;
    while (k < a.length && !isSpace(a.charCodeAt(k))) k++;
    if (k === from) return undefined;
    let r = k;
    while (r < a.length && isSpace(a.charCodeAt(r))) r++;
    const sub = Int32Array.from(outer.argsMap.subarray(r));
    const inner: Instruction = {
      ...outer,
      keyword: a.slice(from, k).toUpperCase(),
      keywordRaw: a.slice(from, k),
      keywordStart: docOffsetOf(outer.argsMap, from),
      keywordEnd: docOffsetOf(outer.argsMap, k - 1) + 1,
      argsText: a.slice(r),
      argsMap: sub.length ? sub : Int32Array.from([outer.argsMap[outer.argsMap.length - 1]]),
      flags: [],
      args: [],
      heredocs: outer.heredocs,
      onbuild: undefined,
      leadingComments: [],
    };
    splitArguments(inner, inner.keyword === 'ONBUILD' ? 'ONBUILD-NESTED' : inner.keyword);
    return inner;
  }

  const model: DockerfileModel = {
    kind: 'dockerfile',
    text,
    lines,
    escapeChar,
    directives,
    comments,
    instructions,
    stages: [],
    globalArgs: [],
    problems,
  };
  buildStages(model);
  return model;
}

interface PrefixReuse {
  /** Instructions starting before this offset may be taken over (see `at`). */
  limit: number;
  /** The previous model's instruction starting at `offset`, when it can be taken over. */
  at(offset: number): Instruction | undefined;
  /** Comments the previous parse collected inside the instruction's continuation lines. */
  innerComments(instr: Instruction): Comment[];
}

/**
 * What of `previous` a parse of `text` can take over: the instructions that end (line break included)
 * before the first character where the texts differ, when the parser directives are the same.
 */
function reusablePrefix(
  previous: DockerfileModel | undefined,
  text: string,
  escapeChar: string,
  directives: Directive[],
): PrefixReuse | undefined {
  if (!previous || previous.escapeChar !== escapeChar || !previous.instructions.length) return undefined;
  if (previous.directives.length !== directives.length) return undefined;
  for (let i = 0; i < directives.length; i++) {
    const a = previous.directives[i];
    const b = directives[i];
    if (a.name !== b.name || a.value !== b.value || a.valueStart !== b.valueStart) return undefined;
  }
  const old = previous.text;
  const max = Math.min(old.length, text.length);
  let same = 0;
  while (same < max && old.charCodeAt(same) === text.charCodeAt(same)) same++;
  // An instruction is kept when its end, plus a line break of up to two characters, lies in the common prefix.
  const byStart = new Map<number, Instruction>();
  for (const instr of previous.instructions) {
    if (instr.end + 2 > same) break;
    byStart.set(instr.start, instr);
  }
  if (!byStart.size) return undefined;
  const oldComments = previous.comments;
  let ci = 0;
  return {
    limit: Math.min(same, text.length),
    at: (offset) => byStart.get(offset),
    innerComments(instr) {
      const out: Comment[] = [];
      while (ci < oldComments.length && oldComments[ci].start < instr.start) ci++;
      while (ci < oldComments.length && oldComments[ci].start < instr.end) out.push(oldComments[ci++]);
      return out;
    },
  };
}

function docOffsetOf(map: Int32Array, logical: number): number {
  if (logical < 0) return map[0] ?? 0;
  if (logical >= map.length) return map[map.length - 1] ?? 0;
  return map[logical];
}

/** One result object, reused: `wordEnd` is called once per word of every instruction. */
const word = { start: 0, end: 0 };

/**
 * The next whitespace-separated word of `a` at or after `from` (blanks skipped; quotes and escapes
 * respected): its [start, end). Empty (start = end = a.length) when only blanks are left. The result
 * is overwritten by the next call.
 */
function wordEnd(a: string, from: number, esc: string): { start: number; end: number } {
  let i = from;
  while (i < a.length && isSpace(a.charCodeAt(i))) i++;
  word.start = i;
  let q = '';
  while (i < a.length) {
    const c = a[i];
    if (c === esc && q !== "'" && i + 1 < a.length) {
      i += 2;
      continue;
    }
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
    else if (isSpace(a.charCodeAt(i))) break;
    i++;
  }
  word.end = i;
  return word;
}

/** Remove quotes and resolve escapes the way BuildKit's word processing does for literal text. */
export function unquote(raw: string, esc = '\\'): string {
  // Most words have neither quotes nor escapes: they are their own value (no string built per character).
  if (raw.indexOf('"') < 0 && raw.indexOf("'") < 0 && raw.indexOf(esc) < 0) return raw;
  let out = '';
  let q = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === esc && q !== "'" && i + 1 < raw.length) {
      const n = raw[++i];
      // Inside double quotes the escape only escapes `"`, `$` and itself (BuildKit's shell lexer).
      out += q === '"' && n !== '"' && n !== '$' && n !== esc ? c + n : n;
      continue;
    }
    if (q) {
      if (c === q) q = '';
      else out += c;
    } else if (c === '"' || c === "'") q = c;
    else out += c;
  }
  return out;
}

/** Parse a JSON array of strings, with the offsets of each element (quotes included). */
export function parseJsonArray(
  s: string,
): { values: string[]; ranges: { start: number; end: number }[] } | undefined {
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  ws();
  if (s[i] !== '[') return undefined;
  i++;
  const values: string[] = [];
  const ranges: { start: number; end: number }[] = [];
  ws();
  if (s[i] === ']') {
    i++;
    ws();
    return i === s.length ? { values, ranges } : undefined;
  }
  for (;;) {
    ws();
    if (s[i] !== '"') return undefined;
    const st = i;
    i++;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) return undefined;
    i++;
    try {
      const v = JSON.parse(s.slice(st, i));
      if (typeof v !== 'string') return undefined;
      values.push(v);
    } catch {
      return undefined;
    }
    ranges.push({ start: st, end: i });
    ws();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === ']') {
      i++;
      ws();
      return i === s.length ? { values, ranges } : undefined;
    }
    return undefined;
  }
}

function atWordStart(a: string, i: number): boolean {
  let ws = i;
  while (ws > 0 && a.charCodeAt(ws - 1) >= 48 && a.charCodeAt(ws - 1) <= 57) ws--;
  return ws === 0 || isSpace(a.charCodeAt(ws - 1));
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` words outside quotes (not `<<<`). */
export function findHeredocMarkers(
  a: string,
): { delimiter: string; stripTabs: boolean; quoted: boolean; start: number; end: number }[] {
  const out: { delimiter: string; stripTabs: boolean; quoted: boolean; start: number; end: number }[] = [];
  let q = '';
  for (let i = 0; i < a.length; i++) {
    const c = a[i];
    if (q) {
      if (c === q) q = '';
      continue;
    }
    if (c === '"' || c === "'") {
      q = c;
      continue;
    }
    // BuildKit only takes a heredoc at the start of a word (an fd number may precede it: `3<<EOF`).
    if (c === '<' && a[i + 1] === '<' && a[i + 2] !== '<' && atWordStart(a, i)) {
      const m = /^<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/.exec(a.slice(i, i + 200));
      if (m) {
        out.push({
          delimiter: m[3],
          stripTabs: m[1] === '-',
          quoted: m[2] !== '',
          start: i,
          end: i + m[0].length,
        });
        i += m[0].length - 1;
      }
    }
  }
  return out;
}

function buildStages(model: DockerfileModel): void {
  const globals = new Map<string, string | undefined>();
  const byName = new Map<string, number>();
  let current: Stage | undefined;
  for (const instr of model.instructions) {
    if (instr.keyword === 'FROM') {
      const [image, as, name] = instr.args;
      const st: Stage = {
        index: model.stages.length,
        from: instr,
        image: image?.value ?? '',
        imageStart: image?.start ?? instr.keywordEnd,
        imageEnd: image?.end ?? instr.keywordEnd,
        instructions: [],
        platform: instr.flags.find((f) => f.name === 'platform'),
      };
      if (as && as.value.toLowerCase() === 'as') {
        st.asRaw = as.raw;
        st.asStart = as.start;
        if (name) {
          st.name = name.value;
          st.nameStart = name.start;
          st.nameEnd = name.end;
        }
      }
      st.imageResolved = image ? evalWord(image.raw, (v) => globals.get(v), model.escapeChar) : '';
      const base = byName.get((st.imageResolved ?? st.image).toLowerCase());
      if (base !== undefined) st.baseStage = base;
      if (st.name) {
        const key = st.name.toLowerCase();
        if (!byName.has(key)) byName.set(key, st.index);
      }
      model.stages.push(st);
      current = st;
    } else if (!current && instr.keyword === 'ARG') {
      model.globalArgs.push(instr);
      for (const w of instr.args) {
        const eq = w.raw.indexOf('=');
        const k = eq >= 0 ? w.raw.slice(0, eq) : w.raw;
        const v = eq >= 0 ? w.raw.slice(eq + 1) : undefined;
        globals.set(
          k,
          v === undefined ? globals.get(k) : evalWord(v, (x) => globals.get(x), model.escapeChar),
        );
      }
    }
    instr.stageIndex = current ? current.index : -1;
    if (current && instr.keyword !== 'FROM') current.instructions.push(instr);
  }
}
