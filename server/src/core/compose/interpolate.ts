/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, and `$$` for a literal `$`.
 * Defaults may themselves contain references (`${A:-${B}}`).
 */

export type VarOp = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VarRef {
  name: string;
  /** Offsets in the string: the whole `${...}` / `$NAME`, and the name. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** The operator after the name, if any. */
  op?: VarOp;
  /** The text after the operator (default, error message or alternative), as written. */
  arg?: string;
  /** True for `$NAME` without braces. */
  bare: boolean;
  /** True when the reference is inside another reference's default/alternative. */
  nested: boolean;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** True when a reference gives a value even when the variable is unset (`:-`, `-`, `:+`, `+`). */
export function hasFallback(ref: VarRef): boolean {
  return ref.op === ':-' || ref.op === '-' || ref.op === ':+' || ref.op === '+';
}

/** Index of the `}` closing the `${` whose content starts at `i`, or -1. */
function closingBrace(s: string, i: number): number {
  let depth = 1;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '$' && s[j + 1] === '$') {
      j++;
      continue;
    }
    if (c === '$' && s[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** Every variable reference in `s` (nested ones included, in order of appearance). */
export function findVarRefs(s: string, base = 0, nested = false): VarRef[] {
  const out: VarRef[] = [];
  if (s.indexOf('$') < 0) return out;
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '$') continue;
    const n = s[i + 1];
    if (n === '$') {
      i++;
      continue;
    }
    if (n === '{') {
      const close = closingBrace(s, i + 2);
      if (close < 0) break;
      NAME.lastIndex = i + 2;
      const m = NAME.exec(s);
      if (m) {
        const nameEnd = i + 2 + m[0].length;
        const rest = s.slice(nameEnd, close);
        const opm = /^(:-|:\?|:\+|-|\?|\+)/.exec(rest);
        const ref: VarRef = {
          name: m[0],
          start: base + i,
          end: base + close + 1,
          nameStart: base + i + 2,
          nameEnd: base + nameEnd,
          bare: false,
          nested,
        };
        if (opm) {
          ref.op = opm[1] as VarOp;
          ref.arg = rest.slice(opm[1].length);
        }
        if (rest === '' || opm) {
          out.push(ref);
          if (ref.arg) out.push(...findVarRefs(ref.arg, base + nameEnd + (opm ? opm[1].length : 0), true));
        }
      }
      i = close;
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(s);
    if (m) {
      out.push({
        name: m[0],
        start: base + i,
        end: base + i + 1 + m[0].length,
        nameStart: base + i + 1,
        nameEnd: base + i + 1 + m[0].length,
        bare: true,
        nested,
      });
      i += m[0].length;
    }
  }
  return out;
}

export interface InterpolationResult {
  value: string;
  /** Variables that were unset and had no default (they became ''). */
  missing: string[];
  /** `${VAR:?message}` / `${VAR?message}` failures. */
  errors: { name: string; message: string }[];
}

/** Interpolate `s` as Compose does; `lookup` returns undefined for unset variables. */
export function interpolate(s: string, lookup: (name: string) => string | undefined): InterpolationResult {
  const res: InterpolationResult = { value: '', missing: [], errors: [] };
  res.value = run(s, lookup, res);
  return res;
}

function run(s: string, lookup: (name: string) => string | undefined, res: InterpolationResult): string {
  if (s.indexOf('$') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '{') {
      const close = closingBrace(s, i + 2);
      if (close < 0) {
        out += s.slice(i);
        break;
      }
      const body = s.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?|:\+|-|\?|\+)([\s\S]*))?$/.exec(body);
      if (!m) {
        out += s.slice(i, close + 1);
        i = close;
        continue;
      }
      const [, name, op, arg = ''] = m;
      const v = lookup(name);
      switch (op) {
        case undefined:
          if (v === undefined) res.missing.push(name);
          out += v ?? '';
          break;
        case ':-':
          out += v === undefined || v === '' ? run(arg, lookup, res) : v;
          break;
        case '-':
          out += v === undefined ? run(arg, lookup, res) : v;
          break;
        case ':?':
        case '?':
          if (v === undefined || (op === ':?' && v === '')) {
            res.errors.push({ name, message: run(arg, lookup, res) || `${name} is required` });
          }
          out += v ?? '';
          break;
        case ':+':
          out += v !== undefined && v !== '' ? run(arg, lookup, res) : '';
          break;
        case '+':
          out += v !== undefined ? run(arg, lookup, res) : '';
          break;
      }
      i = close;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1, i + 256));
    if (m) {
      const v = lookup(m[0]);
      if (v === undefined) res.missing.push(m[0]);
      out += v ?? '';
      i += m[0].length;
      continue;
    }
    out += c;
  }
  return out;
}

/** True when `s` contains an interpolation (not only `$$`). */
export function hasInterpolation(s: string): boolean {
  return s.indexOf('$') >= 0 && findVarRefs(s).length > 0;
}
