/**
 * `.dockerignore` pattern matching as BuildKit does it (moby/patternmatcher and
 * moby/buildkit's ignorefile):
 *
 * - each pattern is cleaned like Go's `filepath.Clean` (`./a//b/` -> `a/b`, `a/../b` -> `b`) and a
 *   leading `/` is dropped: patterns are relative to the context root;
 * - `*` matches any run of characters except `/`, `?` one character except `/`, `[...]` a class
 *   (`[^...]` negated), `\` escapes the next character;
 * - `**` matches any number of directories (zero included): `**\/x` matches `x` and `a/b/x`,
 *   `a/**` everything under `a`;
 * - a pattern that starts with `**` and has no other wildcard, class or escape is a plain suffix
 *   test (patternmatcher's `suffixMatch`): `**.log` matches every path ending in `.log` (`a.log`,
 *   `x/y.log`), not only files named `.log` (Podman/Buildah read it that way; Docker does not);
 * - a pattern also matches everything below a directory it matches (`node_modules` excludes
 *   `node_modules/x/y`);
 * - `!pattern` re-includes what earlier patterns excluded; the last pattern that matches wins.
 */

/** Go's `path.Clean` for slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const el of p.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(el);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** A pattern as BuildKit stores it: cleaned, leading `/` removed (the `!` is handled by the caller). */
export function normalizePattern(pattern: string): string {
  let p = pattern.trim();
  if (!p) return p;
  p = cleanPath(p);
  if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
  return p;
}

export interface CompiledPattern {
  /** The cleaned pattern, without `!`. */
  pattern: string;
  exclusion: boolean;
  regex?: RegExp;
  /** Why the pattern is invalid (Docker refuses to build with it). */
  error?: string;
}

const REGEX_SPECIAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

/** Compile one cleaned pattern to an anchored regular expression, or report why it is invalid. */
export function compilePattern(pattern: string): { regex?: RegExp; error?: string } {
  const rest = pattern.slice(2);
  if (pattern.startsWith('**') && rest && /^[^*?[\]\\]*\\?$/.test(rest)) {
    // Any path that ends with `rest`; for `**\/x` also `x` itself.
    const tail = rest.startsWith('/') ? `|${literalText(rest.slice(1))}` : '';
    return { regex: new RegExp(`^(?:.*${literalText(rest)}${tail})$`, 's') };
  }
  let re = '^';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        re += ']';
      } else if (ch === '\\') {
        if (i + 1 >= pattern.length) return { error: 'a `\\` ends the pattern inside `[...]`' };
        re += literal(pattern[++i]);
      } else if (ch === '[' || ch === '/') re += '\\' + ch;
      else re += ch;
      continue;
    }
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(?:.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      // Go's filepath.Match: `[` [ `^` ] ranges `]`; an empty class is an error.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']' || j >= pattern.length) return { error: 'an empty or unclosed `[...]` class' };
      let k = j;
      let closed = false;
      for (; k < pattern.length; k++) {
        if (pattern[k] === '\\') k++;
        else if (pattern[k] === ']') {
          closed = true;
          break;
        }
      }
      if (!closed) return { error: 'an unclosed `[` (write `\\[` for a literal bracket)' };
      inClass = true;
      re += '[';
      if (pattern[i + 1] === '^') {
        re += '^';
        i++;
      }
    } else if (ch === '\\') {
      re += i + 1 < pattern.length ? literal(pattern[++i]) : '\\\\';
    } else if (REGEX_SPECIAL.has(ch) || ch === ']') re += '\\' + ch;
    else re += ch;
  }
  re += '$';
  try {
    return { regex: new RegExp(re, 's') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A string taken literally in the regular expression. */
function literalText(s: string): string {
  return [...s].map(literal).join('');
}

/** A character taken literally in the regular expression. */
function literal(c: string): string {
  return /[A-Za-z0-9_]/.test(c) ? c : '\\' + c;
}

/** Compile a list of `.dockerignore` pattern lines (`!` marks a re-inclusion). */
export function compilePatterns(lines: string[]): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  for (const line of lines) {
    let p = line.trim();
    if (!p) continue;
    const exclusion = p.startsWith('!');
    if (exclusion) p = p.slice(1).trim();
    if (exclusion && !p) {
      out.push({ pattern: '', exclusion, error: 'a lone `!` is not a valid pattern' });
      continue;
    }
    const pattern = normalizePattern(p);
    out.push({ pattern, exclusion, ...compilePattern(pattern) });
  }
  return out;
}

/** The parent directories of a relative path: `a/b/c` -> `a`, `a/b`. */
export function parentDirs(path: string): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** Does this pattern match `path` or one of its parent directories? */
export function patternMatches(p: CompiledPattern, path: string): boolean {
  if (!p.regex) return false;
  if (p.regex.test(path)) return true;
  for (const d of parentDirs(path)) if (p.regex.test(d)) return true;
  return false;
}

/**
 * Index of the pattern that decides whether `path` (relative to the context, `/`-separated) is
 * excluded, and the verdict. `index` is -1 when no pattern matches (the file is included).
 */
export function matchPath(patterns: CompiledPattern[], path: string): { excluded: boolean; index: number } {
  const file = normalizePattern(path);
  let excluded = false;
  let index = -1;
  patterns.forEach((p, i) => {
    // An inclusion only matters once excluded, an exclusion only when not excluded yet.
    if (p.exclusion !== excluded) return;
    if (patternMatches(p, file)) {
      excluded = !p.exclusion;
      index = i;
    }
  });
  return { excluded, index };
}

/** Is `path` (relative to the build context) excluded by these patterns? */
export function isExcluded(patterns: CompiledPattern[], path: string): boolean {
  return matchPath(patterns, path).excluded;
}

/** The literal text before the first wildcard, class or escape (`src/*.py` -> `src/`). */
export function literalPrefix(pattern: string): string {
  const m = /[*?[\\]/.exec(pattern);
  return m ? pattern.slice(0, m.index) : pattern;
}

export function hasWildcard(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}
