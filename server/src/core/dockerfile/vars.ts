/**
 * Dockerfile variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:+alt}`, `${VAR+alt}`, `${VAR:?err}`; `\$` is a literal dollar.
 * Returns undefined when a referenced variable has no value and no default applies.
 */
export type Lookup = (name: string) => string | undefined;

export interface VarRef {
  name: string;
  start: number;
  end: number;
  /** The `${VAR:-x}` operator and word, if any. */
  op?: string;
  word?: string;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Every variable reference in `s`, in order. */
export function findVarRefs(s: string, esc = '\\'): VarRef[] {
  const refs: VarRef[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === esc) {
      i++;
      continue;
    }
    if (c !== '$') continue;
    if (s[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (j >= s.length) break; // unterminated
      const inner = s.slice(i + 2, j);
      NAME.lastIndex = 0;
      const m = NAME.exec(inner);
      if (m) {
        const rest = inner.slice(m[0].length);
        const om = /^(:?[-+?])([\s\S]*)$/.exec(rest);
        refs.push({ name: m[0], start: i, end: j + 1, op: om?.[1], word: om?.[2] });
      }
      i = j;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(s);
      if (m) {
        refs.push({ name: m[0], start: i, end: i + 1 + m[0].length });
        i += m[0].length;
      }
    }
  }
  return refs;
}

export function expandVars(s: string, lookup: Lookup, esc = '\\'): string | undefined {
  if (!s.includes('$')) return s;
  let out = '';
  let last = 0;
  for (const r of findVarRefs(s, esc)) {
    out += s.slice(last, r.start);
    last = r.end;
    const v = lookup(r.name);
    const set = v !== undefined;
    const nonEmpty = set && v !== '';
    let val: string | undefined;
    switch (r.op) {
      case ':-':
        val = nonEmpty ? v : expandVars(r.word ?? '', lookup, esc);
        break;
      case '-':
        val = set ? v : expandVars(r.word ?? '', lookup, esc);
        break;
      case ':+':
        val = nonEmpty ? expandVars(r.word ?? '', lookup, esc) : '';
        break;
      case '+':
        val = set ? expandVars(r.word ?? '', lookup, esc) : '';
        break;
      default:
        val = v;
    }
    if (val === undefined) return undefined;
    out += val;
  }
  return out + s.slice(last);
}

/** The variable reference starting at `s[i]` (which must be `$`), or undefined when `$` is literal. */
export function varRefAt(s: string, i: number): VarRef | undefined {
  if (s[i] !== '$') return undefined;
  if (s[i + 1] === '{') {
    let depth = 1;
    let j = i + 2;
    while (j < s.length && depth > 0) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (j >= s.length) return undefined;
    const inner = s.slice(i + 2, j);
    NAME.lastIndex = 0;
    const m = NAME.exec(inner);
    if (!m) return undefined;
    const om = /^(:?[-+?])([\s\S]*)$/.exec(inner.slice(m[0].length));
    return { name: m[0], start: i, end: j + 1, op: om?.[1], word: om?.[2] };
  }
  NAME.lastIndex = i + 1;
  const m = NAME.exec(s);
  return m ? { name: m[0], start: i, end: i + 1 + m[0].length } : undefined;
}

function refValue(r: VarRef, lookup: Lookup, esc: string): string | undefined {
  const v = lookup(r.name);
  const set = v !== undefined;
  const nonEmpty = set && v !== '';
  switch (r.op) {
    case ':-':
      return nonEmpty ? v : evalWord(r.word ?? '', lookup, esc);
    case '-':
      return set ? v : evalWord(r.word ?? '', lookup, esc);
    case ':+':
      return nonEmpty ? evalWord(r.word ?? '', lookup, esc) : '';
    case '+':
      return set ? evalWord(r.word ?? '', lookup, esc) : '';
    default:
      return v;
  }
}

/**
 * Evaluate one Dockerfile word the way BuildKit does for ENV/ARG/FROM/LABEL values: quotes removed,
 * escapes resolved, variables expanded outside single quotes. Undefined when a variable without a
 * default has no known value.
 */
export function evalWord(raw: string, lookup: Lookup, esc = '\\'): string | undefined {
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
    if (q === "'") {
      if (c === q) q = '';
      else out += c;
      continue;
    }
    if (c === '$') {
      const r = varRefAt(raw, i);
      if (r) {
        const v = refValue(r, lookup, esc);
        if (v === undefined) return undefined;
        out += v;
        i = r.end - 1;
        continue;
      }
      out += c;
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

/** Variable references of a word outside single quotes (offsets into `raw`). */
export function wordVarRefs(raw: string, esc = '\\'): VarRef[] {
  const out: VarRef[] = [];
  let q = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === esc && q !== "'") {
      i++;
      continue;
    }
    if (q === "'") {
      if (c === q) q = '';
      continue;
    }
    if (c === '$') {
      const r = varRefAt(raw, i);
      if (r) {
        out.push(r);
        // Nested references in the default word: `${A:-$B}`.
        if (r.word)
          for (const n of wordVarRefs(r.word, esc))
            out.push({
              ...n,
              start: n.start + r.end - 1 - r.word.length,
              end: n.end + r.end - 1 - r.word.length,
            });
        i = r.end - 1;
      }
      continue;
    }
    if (q) {
      if (c === q) q = '';
    } else if (c === '"' || c === "'") q = c;
  }
  return out;
}
