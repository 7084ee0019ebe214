/**
 * A hand-written, synchronous, error-recovering POSIX/bash parser for RUN bodies. It does not build a
 * tree: it yields every simple command (words, assignments, redirections, exact offsets) with its
 * nesting depth, the operator that follows it and the command piped into it.
 *
 * Design (see docs/dev/shell-parser.md):
 * - Compound commands (`( )`, `{ }`, if, while/until/for/select, case) are tracked with an explicit
 *   frame stack, so any amount of such nesting costs no JS stack.
 * - Only `$( )`, backticks, `"..."` and `${...}` recurse; that recursion is capped at MAX_NEST, past
 *   which the text is skipped by an iterative scanner and an error is recorded.
 * - An unterminated quote / `${` / backquote in a top-level word is reported and its opener is
 *   taken literally, so what follows is still parsed (commands found inside the failed attempt are
 *   rolled back); failing openers are remembered and such rescans are capped (MAX_RECOVERIES).
 *   Nested inside another construct, an unterminated one runs to the end of the input, as in a
 *   shell, so failures never cascade into rescans.
 * - Scans for the `))` of arithmetic share a budget proportional to the input length.
 * - A global iteration guard makes a hang impossible even if a bug slipped in.
 */
import type { ShCommand, ShError, ShRedirect, ShScript, ShWord } from './types';

const MAX_NEST = 100;
const MAX_ERRORS = 100;
/** `((`/`$((` is taken as arithmetic only if its `))` comes within this many characters. */
const ARITH_WINDOW = 4096;
/** Top-level "take the unterminated opener literally and rescan" recoveries per parse. */
const MAX_RECOVERIES = 8;

const TAB = 9;
const NL = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const MINUS = 45;
const SEMI = 59;
const LT = 60;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

const enum K {
  Subshell,
  Brace,
  If,
  Loop,
  Case,
}

interface Frame {
  kind: K;
  start: number;
  end: number;
  word: string;
  /** Case only: expecting a pattern (true) or inside an item body (false). */
  pattern: boolean;
}

interface Pending {
  r: ShRedirect;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

interface Mark {
  commands: number;
  errors: number;
  pending: number;
  hasPipe: boolean;
}

const RESERVED = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'while',
  'until',
  'for',
  'select',
  'do',
  'done',
  'case',
  'esac',
  '{',
  '}',
  '!',
  'time',
  'function',
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const ARRAY_HEAD = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;
/** An fd prefix glued to a redirection operator (`2>`, `{fd}<`); lastIndex lands after the operator's first char. */
const FD_AT = /(?:\d+|\{[A-Za-z_][A-Za-z0-9_]*\})[<>]/y;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR;
}

/** Ends a word (NaN, i.e. end of input, too). */
function isDelim(c: number): boolean {
  return (
    c !== c ||
    c === SPACE ||
    c === TAB ||
    c === NL ||
    c === CR ||
    c === SEMI ||
    c === AMP ||
    c === PIPE ||
    c === LPAREN ||
    c === RPAREN ||
    c === LT ||
    c === GT
  );
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === UNDERSCORE;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function isSpecialParam(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    c === AT ||
    c === STAR ||
    c === HASH ||
    c === QUESTION ||
    c === DOLLAR ||
    c === BANG ||
    c === MINUS
  );
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const ANSI_SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

export class ShellParser {
  readonly commands: ShCommand[] = [];
  readonly errors: ShError[] = [];
  hasPipe = false;
  private nest = 0;
  private deepReported = false;
  private pending: Pending[] = [];
  /** Offsets of openers (`"`, `'`, `` ` ``, `${`, `$'`) already known to be unterminated. */
  private readonly failed = new Set<number>();
  /** Results of the last scanDq / scanAnsi call. */
  private strValue = '';
  private strExp = false;
  private guard = 0;
  private readonly maxGuard: number;
  private recoveries = 0;
  private arithBudget: number;

  constructor(
    private readonly s: string,
    private readonly bash: boolean,
  ) {
    this.maxGuard = s.length * 16 + 1024;
    this.arithBudget = s.length * 2 + ARITH_WINDOW;
  }

  parse(): ShScript {
    this.parseList(0, this.s.length, 0, false, -1);
    return this.result();
  }

  result(): ShScript {
    const errors = this.errors.length > 1 ? this.errors.sort((a, b) => a.start - b.start) : this.errors;
    return { commands: this.commands, hasPipe: this.hasPipe, errors };
  }

  error(start: number, end: number, message: string): void {
    if (this.errors.length >= MAX_ERRORS) return;
    const n = this.s.length;
    start = Math.max(0, Math.min(start, n));
    this.errors.push({ start, end: Math.max(start, Math.min(end, n)), message });
  }

  private mark(): Mark {
    return {
      commands: this.commands.length,
      errors: this.errors.length,
      pending: this.pending.length,
      hasPipe: this.hasPipe,
    };
  }

  private rollback(m: Mark): void {
    this.commands.length = m.commands;
    this.errors.length = m.errors;
    this.pending.length = m.pending;
    this.hasPipe = m.hasPipe;
  }

  /**
   * Whether an unterminated construct opened now should be recovered from by taking its opener
   * literally (top-level words only), rather than running to the end of the input.
   */
  private canRecover(): boolean {
    return this.nest === 0 && this.recoveries < MAX_RECOVERIES;
  }

  /** Records an unterminated opener (once). */
  private unterminated(open: number, len: number, message: string): void {
    if (this.failed.has(open)) return;
    this.failed.add(open);
    this.error(open, open + len, message);
  }

  private tooDeep(at: number): void {
    if (!this.deepReported) {
      this.deepReported = true;
      this.error(at, at + 1, `nesting deeper than ${MAX_NEST} levels: the rest of it is skipped`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Command lists

  /**
   * Parses a command list from `pos` up to `limit`. With `openAt >= 0` it is the body of a `$(`
   * opened at `openAt` and stops after its `)`. Returns the offset where it stopped.
   */
  parseList(pos: number, limit: number, base: number, inSubst: boolean, openAt: number): number {
    const s = this.s;
    const frames: Frame[] = [];
    let cur: ShCommand | null = null;
    let curIdx = -1;
    let lastCmd = -1;
    let pendingPipe = -1;
    /** Just after a compound command (or a for/case header): operators and redirections may follow. */
    let afterCompound = false;
    /** An operator (`&&`, `||`, `|`) that still needs its right-hand command. */
    let needOp = '';
    let needPos = 0;
    let negate = false;
    let timed = false;
    /** Inside `[[ ... ]]`. */
    let dbl = false;

    const level = () => base + frames.length;

    const begin = (at: number): ShCommand => {
      const c: ShCommand = {
        words: [],
        assignments: [],
        redirects: [],
        start: at,
        end: at,
        depth: level(),
        inSubstitution: inSubst,
      };
      if (pendingPipe >= 0) c.pipedFrom = pendingPipe;
      if (negate) c.negated = true;
      if (timed) c.timed = true;
      pendingPipe = -1;
      negate = timed = false;
      needOp = '';
      afterCompound = false;
      curIdx = this.commands.length;
      this.commands.push(c);
      return c;
    };

    const endCmd = (op: string | undefined) => {
      if (cur) {
        if (op !== undefined) cur.next = op;
        lastCmd = curIdx;
        cur = null;
      }
      dbl = false;
    };

    const reportNeed = () => {
      if (needOp) {
        this.error(needPos, needPos + needOp.length, `expected a command after '${needOp}'`);
        needOp = '';
      }
    };

    const sep = (op: string, at: number, len: number) => {
      if (cur) endCmd(op);
      else if (op !== '\n') {
        if (needOp) reportNeed();
        else if (!afterCompound) this.error(at, at + len, `unexpected '${op}'`);
      }
      dbl = false;
      negate = timed = false;
      if (op === '\n') {
        afterCompound = false;
        return;
      }
      afterCompound = false;
      if (op === '&&' || op === '||' || op === '|') {
        needOp = op;
        needPos = at;
      }
      pendingPipe = op === '|' ? lastCmd : -1;
      if (op === '|') this.hasPipe = true;
    };

    const open = (kind: K, at: number, word: string, pattern = false) => {
      if (afterCompound) this.error(at, at + word.length, `unexpected '${word}'`);
      frames.push({ kind, start: at, end: at + word.length, word, pattern });
      needOp = '';
      negate = timed = false;
      afterCompound = false;
    };

    const close = (kind: K, at: number, word: string): void => {
      reportNeed();
      let i = frames.length - 1;
      while (i >= 0 && frames[i].kind !== kind) i--;
      if (i < 0) {
        this.error(at, at + word.length, `unexpected '${word}'`);
        return;
      }
      for (let j = frames.length - 1; j > i; j--) {
        const f = frames[j];
        this.error(f.start, f.end, `'${f.word}' is not closed before '${word}'`);
      }
      frames.length = i;
      afterCompound = true;
    };

    const redirectHere = (opAt: number, start: number, fd: string | undefined): number => {
      // A redirection alone starts a simple command (`>file`), except after a compound command.
      if (!cur && !afterCompound) cur = begin(start);
      return this.redirect(opAt, start, fd, limit, cur, level());
    };

    const topIs = (kind: K) => frames.length > 0 && frames[frames.length - 1].kind === kind;

    const reserved = (rw: string, at: number): number => {
      const after = at + rw.length;
      switch (rw) {
        case 'if':
          open(K.If, at, rw);
          return after;
        case 'while':
        case 'until':
          open(K.Loop, at, rw);
          return after;
        case '{':
          open(K.Brace, at, rw);
          return after;
        case 'then':
        case 'elif':
        case 'else':
          reportNeed();
          if (!topIs(K.If)) this.error(at, after, `unexpected '${rw}'`);
          afterCompound = false;
          return after;
        case 'do':
          reportNeed();
          if (!topIs(K.Loop)) this.error(at, after, `unexpected 'do'`);
          afterCompound = false;
          return after;
        case 'fi':
          close(K.If, at, rw);
          return after;
        case 'done':
          close(K.Loop, at, rw);
          return after;
        case 'esac':
          close(K.Case, at, rw);
          return after;
        case '}':
          close(K.Brace, at, rw);
          return after;
        case '!':
          negate = true;
          return after;
        case 'time': {
          timed = true;
          const p = this.skipBlanks(after, limit);
          return s.startsWith('-p', p) && isDelim(s.charCodeAt(p + 2)) ? p + 2 : after;
        }
        case 'function': {
          let p = this.skipBlanks(after, limit);
          const name = this.scanWord(p, limit, level());
          if (name.end === p) this.error(at, after, "expected a name after 'function'");
          p = this.skipBlanks(name.end, limit);
          if (s.charCodeAt(p) === LPAREN) {
            const q = this.skipBlanks(p + 1, limit);
            if (s.charCodeAt(q) === RPAREN) return q + 1;
          }
          return name.end;
        }
        case 'for':
        case 'select':
          return forHeader(at, after);
        case 'case':
          return caseHeader(at, after);
      }
      return -1;
    };

    const forHeader = (at: number, after: number): number => {
      let p = this.skipBlanks(after, limit);
      if (s.startsWith('((', p)) {
        const e = this.scanArith(p + 2, limit);
        if (e < 0) this.error(p, p + 2, "unterminated '((' in for");
        p = e < 0 ? limit : e;
      } else {
        const name = this.scanWord(p, limit, level());
        if (name.end === p) this.error(at, after, `expected a name after '${s.slice(at, after)}'`);
        p = this.skipNewlines(name.end, limit);
        if (this.peekBare(p, limit) === 'in') {
          p += 2;
          for (;;) {
            p = this.skipBlanks(p, limit);
            if (p >= limit || isDelim(s.charCodeAt(p))) break;
            const w = this.scanWord(p, limit, level());
            if (w.end === p) break;
            p = w.end;
          }
        }
      }
      open(K.Loop, at, s.slice(at, after));
      afterCompound = true;
      return p;
    };

    const caseHeader = (at: number, after: number): number => {
      let p = this.skipBlanks(after, limit);
      const w = this.scanWord(p, limit, level());
      if (w.end === p) this.error(at, after, "expected a word after 'case'");
      p = this.skipNewlines(w.end, limit);
      if (this.peekBare(p, limit) === 'in') p += 2;
      else this.error(at, after, "expected 'in' after 'case WORD'");
      open(K.Case, at, 'case', true);
      return p;
    };

    const casePattern = (pos0: number, frame: Frame): number => {
      let p = this.skipNewlines(pos0, limit);
      if (p >= limit) {
        frame.pattern = false;
        return p;
      }
      if (this.peekBare(p, limit) === 'esac') {
        close(K.Case, p, 'esac');
        return p + 4;
      }
      if (s.charCodeAt(p) === LPAREN) p = this.skipBlanks(p + 1, limit);
      for (;;) {
        const w = this.scanWord(p, limit, level());
        p = this.skipBlanks(w.end, limit);
        const c = s.charCodeAt(p);
        if (c === PIPE) {
          p = this.skipBlanks(p + 1, limit);
          continue;
        }
        frame.pattern = false;
        if (c === RPAREN) return p + 1;
        this.error(p, p + 1, "expected ')' after a case pattern");
        return p;
      }
    };

    for (;;) {
      if (++this.guard > this.maxGuard) {
        this.error(pos, limit, 'parser stopped: no progress');
        return limit;
      }
      if (frames.length) {
        const top = frames[frames.length - 1];
        if (top.kind === K.Case && top.pattern) {
          pos = casePattern(pos, top);
          continue;
        }
      }
      pos = this.skipBlanks(pos, limit);
      if (pos >= limit) break;
      const c = s.charCodeAt(pos);

      if (dbl && cur) {
        // Inside [[ ... ]]: && || ( ) < > ! are operands, newlines are blanks, `]]` ends it.
        if (c === NL) {
          pos++;
          continue;
        }
        if (c !== SEMI) {
          if (c === RBRACKET && s.charCodeAt(pos + 1) === RBRACKET && isDelim(s.charCodeAt(pos + 2))) {
            cur.words.push(this.opWord(pos, 2));
            cur.end = pos + 2;
            pos += 2;
            dbl = false;
            continue;
          }
          let len = 0;
          if ((c === AMP && s.charCodeAt(pos + 1) === AMP) || (c === PIPE && s.charCodeAt(pos + 1) === PIPE))
            len = 2;
          else if (c === LPAREN || c === RPAREN || c === LT || c === GT || c === AMP || c === PIPE) len = 1;
          const w = len ? this.opWord(pos, len) : this.scanWord(pos, limit, cur.depth, true);
          if (w.end === pos) w.end = pos + 1;
          cur.words.push(w);
          cur.end = w.end;
          pos = w.end;
          continue;
        }
        this.error(cur.start, cur.start + 2, "'[[' is not closed");
        dbl = false;
      }

      switch (c) {
        case NL:
          sep('\n', pos, 1);
          pos = this.readHeredocs(pos + 1, limit);
          continue;
        case HASH: {
          const e = s.indexOf('\n', pos);
          pos = e < 0 || e > limit ? limit : e;
          continue;
        }
        case SEMI: {
          const c1 = s.charCodeAt(pos + 1);
          const op = c1 === SEMI ? (s.charCodeAt(pos + 2) === AMP ? ';;&' : ';;') : c1 === AMP ? ';&' : ';';
          if (op === ';') {
            sep(';', pos, 1);
            pos++;
            continue;
          }
          // case item terminator
          if (cur) endCmd(op);
          reportNeed();
          afterCompound = false;
          pendingPipe = -1;
          if (topIs(K.Case)) frames[frames.length - 1].pattern = true;
          else this.error(pos, pos + op.length, `unexpected '${op}' outside case`);
          pos += op.length;
          continue;
        }
        case AMP: {
          const c1 = s.charCodeAt(pos + 1);
          if (c1 === AMP) {
            sep('&&', pos, 2);
            pos += 2;
          } else if (c1 === GT && this.bash) {
            pos = redirectHere(pos, pos, undefined);
          } else {
            sep('&', pos, 1);
            pos++;
          }
          continue;
        }
        case PIPE: {
          const c1 = s.charCodeAt(pos + 1);
          if (c1 === PIPE) {
            sep('||', pos, 2);
            pos += 2;
          } else {
            const len = c1 === AMP && this.bash ? 2 : 1;
            sep('|', pos, len);
            pos += len;
          }
          continue;
        }
        case LPAREN: {
          if (cur) {
            if (
              cur.words.length === 1 &&
              !cur.assignments.length &&
              !cur.redirects.length &&
              s.charCodeAt(this.skipBlanks(pos + 1, limit)) === RPAREN
            ) {
              // function definition `name ( )`: the body (a compound command) follows
              if (curIdx === this.commands.length - 1) this.commands.pop();
              cur = null;
              afterCompound = false;
              pos = this.skipBlanks(pos + 1, limit) + 1;
              continue;
            }
            // recovery: take the parenthesised group as a word of the command
            this.error(pos, pos + 1, "unexpected '('");
            const e = this.skipFlat(pos + 1, limit, RPAREN);
            const w = this.opWord(pos, e - pos);
            cur.words.push(w);
            cur.end = e;
            pos = e;
            continue;
          }
          if (s.charCodeAt(pos + 1) === LPAREN) {
            const e = this.scanArith(pos + 2, limit);
            if (e > 0) {
              // arithmetic command (( ... )): no simple command in it
              if (afterCompound) this.error(pos, pos + 2, "unexpected '(('");
              needOp = '';
              afterCompound = true;
              pos = e;
              continue;
            }
          }
          open(K.Subshell, pos, '(');
          pos++;
          continue;
        }
        case RPAREN: {
          endCmd(undefined);
          let i = frames.length - 1;
          while (i >= 0 && frames[i].kind !== K.Subshell) i--;
          if (i >= 0) {
            close(K.Subshell, pos, ')');
            pos++;
            continue;
          }
          if (openAt >= 0) {
            reportNeed();
            for (let j = frames.length - 1; j >= 0; j--) {
              const f = frames[j];
              this.error(f.start, f.end, `'${f.word}' is not closed before ')'`);
            }
            return pos + 1;
          }
          reportNeed();
          this.error(pos, pos + 1, "unexpected ')'");
          pos++;
          continue;
        }
        case LT:
        case GT:
          if (s.charCodeAt(pos + 1) !== LPAREN) {
            pos = redirectHere(pos, pos, undefined);
            continue;
          }
          break; // process substitution <( ) / >( ): a word
      }

      // a word
      FD_AT.lastIndex = pos;
      if (((c >= 48 && c <= 57) || c === LBRACE) && FD_AT.test(s) && FD_AT.lastIndex <= limit) {
        // `2>&1`, `{fd}>file`: an fd-prefixed redirection (also valid right after a compound command)
        const opAt = FD_AT.lastIndex - 1;
        pos = redirectHere(opAt, pos, s.slice(pos, opAt));
        continue;
      }
      if (!cur) {
        const rw = this.peekBare(pos, limit);
        if (rw !== null && RESERVED.has(rw)) {
          const np = reserved(rw, pos);
          if (np >= 0) {
            pos = np;
            continue;
          }
        }
        if (afterCompound) {
          this.error(pos, pos + 1, 'unexpected word after a compound command (missing ; or newline?)');
          afterCompound = false;
        }
        cur = begin(pos);
      }
      const cmd: ShCommand = cur;
      const w = this.scanWord(pos, limit, cmd.depth);
      if (w.end === pos) {
        // cannot happen (every delimiter is handled above); never loop
        this.error(pos, pos + 1, 'unexpected character');
        pos++;
        continue;
      }
      if (cmd.words.length === 0 && ASSIGNMENT.test(w.raw)) cmd.assignments.push(w);
      else {
        cmd.words.push(w);
        if (cmd.words.length === 1 && w.raw === '[[') dbl = true;
      }
      cmd.end = w.end;
      pos = w.end;
    }

    // end of input (or of a backtick body)
    if (dbl && cur) this.error(cur.start, cur.start + 2, "'[[' is not closed");
    endCmd(undefined);
    reportNeed();
    for (let j = 0; j < frames.length; j++) {
      const f = frames[j];
      this.error(f.start, f.end, `'${f.word}' is not closed`);
    }
    if (openAt >= 0) this.error(openAt, openAt + 2, `unterminated '${s.slice(openAt, openAt + 2)}'`);
    return limit;
  }

  // ---------------------------------------------------------------------------------------------

  private opWord(at: number, len: number): ShWord {
    const raw = this.s.slice(at, at + len);
    return { start: at, end: at + len, raw, value: raw, quoted: false, hasExpansion: false };
  }

  /** Skips blanks and `\`-newline continuations. */
  skipBlanks(p: number, limit: number): number {
    const s = this.s;
    while (p < limit) {
      const c = s.charCodeAt(p);
      if (isBlank(c)) p++;
      else if (c === BACKSLASH && s.charCodeAt(p + 1) === NL && p + 1 < limit) p += 2;
      else break;
    }
    return p;
  }

  /** Skips blanks, newlines (reading pending heredocs) and comments. */
  private skipNewlines(p: number, limit: number): number {
    const s = this.s;
    for (;;) {
      p = this.skipBlanks(p, limit);
      if (p >= limit) return p;
      const c = s.charCodeAt(p);
      if (c === NL) p = this.readHeredocs(p + 1, limit);
      else if (c === HASH) {
        const e = s.indexOf('\n', p);
        p = e < 0 || e > limit ? limit : e;
      } else return p;
    }
  }

  /** An unquoted lowercase/brace word ending at a delimiter (candidate reserved word), or null. */
  private peekBare(p: number, limit: number): string | null {
    const s = this.s;
    let i = p;
    while (i < limit && i - p < 9) {
      const c = s.charCodeAt(i);
      if ((c >= 97 && c <= 122) || c === LBRACE || c === RBRACE || c === BANG || c === LBRACKET) i++;
      else break;
    }
    if (i === p) return null;
    if (i < limit && !isDelim(s.charCodeAt(i))) return null;
    return s.slice(p, i);
  }

  redirect(
    opAt: number,
    start: number,
    fd: string | undefined,
    limit: number,
    cmd: ShCommand | null,
    depth: number,
  ): number {
    const s = this.s;
    const c0 = s.charCodeAt(opAt);
    const c1 = s.charCodeAt(opAt + 1);
    const c2 = s.charCodeAt(opAt + 2);
    let op: string;
    if (c0 === LT) {
      if (c1 === LT) op = c2 === LT ? '<<<' : c2 === MINUS ? '<<-' : '<<';
      else if (c1 === GT) op = '<>';
      else if (c1 === AMP) op = '<&';
      else op = '<';
    } else if (c0 === GT) {
      if (c1 === GT) op = '>>';
      else if (c1 === PIPE) op = '>|';
      else if (c1 === AMP) op = '>&';
      else op = '>';
    } else op = c2 === GT ? '&>>' : '&>';
    const r: ShRedirect = { op, start, end: opAt + op.length };
    if (fd !== undefined) r.fd = fd;
    const p = this.skipBlanks(opAt + op.length, limit);
    const c = s.charCodeAt(p);
    let w: ShWord | undefined;
    const procSubst = (c === LT || c === GT) && s.charCodeAt(p + 1) === LPAREN;
    if (p < limit && (!isDelim(c) || procSubst)) w = this.scanWord(p, limit, cmd ? cmd.depth : depth);
    if (w && w.end > p) {
      r.target = w;
      r.end = w.end;
    } else this.error(opAt, opAt + op.length, `missing target after '${op}'`);
    if ((op === '<<' || op === '<<-') && r.target) {
      this.pending.push({ r, delim: r.target.value, strip: op === '<<-', quoted: r.target.quoted });
    }
    if (cmd) {
      cmd.redirects.push(r);
      cmd.end = r.end;
    }
    return r.end;
  }

  /** Reads the bodies of the pending heredocs starting at `p` (just after a newline). */
  private readHeredocs(p: number, limit: number): number {
    if (!this.pending.length) return p;
    const s = this.s;
    const list = this.pending;
    this.pending = [];
    for (const h of list) {
      const bodyStart = p;
      let line = p;
      for (;;) {
        if (line >= limit) {
          h.r.heredoc = {
            delimiter: h.delim,
            quoted: h.quoted,
            stripTabs: h.strip,
            start: bodyStart,
            end: limit,
            body: s.slice(bodyStart, limit),
            unterminated: true,
          };
          this.error(h.r.start, h.r.end, `here-document delimiter '${h.delim}' not found`);
          p = limit;
          break;
        }
        let eol = s.indexOf('\n', line);
        if (eol < 0 || eol > limit) eol = limit;
        let a = line;
        if (h.strip) while (a < eol && s.charCodeAt(a) === TAB) a++;
        let b = eol;
        if (b > a && s.charCodeAt(b - 1) === CR) b--;
        if (b - a === h.delim.length && s.startsWith(h.delim, a)) {
          h.r.heredoc = {
            delimiter: h.delim,
            quoted: h.quoted,
            stripTabs: h.strip,
            start: bodyStart,
            end: line,
            body: s.slice(bodyStart, line),
          };
          p = eol < limit ? eol + 1 : limit;
          break;
        }
        line = eol + 1;
      }
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Words

  /**
   * Scans one word at `pos`. `depth` is the depth of the command the word belongs to (commands in
   * its substitutions get depth + 1). In `[[ ]]` mode (`dbl`) only blanks, newlines and `;` end it.
   */
  scanWord(pos: number, limit: number, depth: number, dbl = false): ShWord {
    const s = this.s;
    let i = pos;
    let seg = pos;
    let value = '';
    let quoted = false;
    let exp = false;
    scan: while (i < limit) {
      const c = s.charCodeAt(i);
      switch (c) {
        case SPACE:
        case TAB:
        case NL:
        case CR:
        case SEMI:
          break scan;
        case LPAREN: {
          if (dbl) {
            i++;
            continue;
          }
          const prev = i > pos ? s.charCodeAt(i - 1) : 0;
          const extglob = prev === AT || prev === BANG || prev === QUESTION || prev === STAR || prev === PLUS;
          if (extglob || (i > pos && ARRAY_HEAD.test(s.slice(pos, i)))) {
            i = this.skipFlat(i + 1, limit, RPAREN);
            continue;
          }
          break scan;
        }
        case LT:
        case GT:
          if (s.charCodeAt(i + 1) === LPAREN && !dbl) {
            // bash process substitution <(cmd) / >(cmd)
            i = this.subst(i, limit, depth);
            exp = true;
            continue;
          }
          if (dbl) {
            i++;
            continue;
          }
          break scan;
        case AMP:
        case PIPE:
        case RPAREN:
          if (dbl) {
            i++;
            continue;
          }
          break scan;
        case BACKSLASH: {
          if (i + 1 >= limit) {
            i++; // a trailing backslash is literal
            continue;
          }
          value += s.slice(seg, i);
          const n = s.charCodeAt(i + 1);
          if (n !== NL) {
            value += s[i + 1];
            quoted = true;
          }
          i += 2;
          seg = i;
          continue;
        }
        case SQUOTE: {
          const j = this.failed.has(i) ? -1 : s.indexOf("'", i + 1);
          if (j < 0 || j >= limit) {
            this.unterminated(i, 1, 'unterminated single quote');
            if (this.canRecover()) {
              this.recoveries++;
              i++;
              continue;
            }
            value += s.slice(seg, i) + s.slice(i + 1, limit);
            quoted = true;
            i = seg = limit;
            break scan;
          }
          value += s.slice(seg, i) + s.slice(i + 1, j);
          quoted = true;
          i = j + 1;
          seg = i;
          continue;
        }
        case DQUOTE: {
          const r = this.scanDq(i + 1, limit, depth);
          if (r < 0) {
            i++;
            continue;
          }
          value += s.slice(seg, i) + this.strValue;
          quoted = true;
          if (this.strExp) exp = true;
          i = r;
          seg = i;
          continue;
        }
        case DOLLAR: {
          const n = s.charCodeAt(i + 1);
          if (n === SQUOTE && i + 1 < limit) {
            const r = this.scanAnsi(i + 2, limit);
            if (r < 0) {
              i++;
              continue;
            }
            value += s.slice(seg, i) + this.strValue;
            quoted = true;
            i = r;
            seg = i;
            continue;
          }
          if (n === DQUOTE && i + 1 < limit) {
            // $"..." (locale translation): a double-quoted string
            const r = this.scanDq(i + 2, limit, depth);
            if (r < 0) {
              i++;
              continue;
            }
            value += s.slice(seg, i) + this.strValue;
            quoted = true;
            if (this.strExp) exp = true;
            i = r;
            seg = i;
            continue;
          }
          const r = this.scanDollar(i, limit, depth, false);
          if (r > i + 1) exp = true;
          i = Math.max(r, i + 1);
          continue;
        }
        case BACKTICK: {
          const r = this.scanBacktick(i, limit, depth);
          if (r < 0) {
            i++;
            continue;
          }
          exp = true;
          i = r;
          continue;
        }
        default:
          i++;
      }
    }
    if (i > limit) i = limit;
    value += s.slice(seg, i);
    return { start: pos, end: i, raw: s.slice(pos, i), value, quoted, hasExpansion: exp };
  }

  /**
   * `"..."` from `p` (just after the quote). Returns the offset after the closing quote and sets
   * strValue/strExp, or -1 when unterminated (error recorded, commands found inside rolled back).
   */
  private scanDq(p: number, limit: number, depth: number): number {
    const s = this.s;
    const open = p - 1;
    const recover = this.canRecover();
    if (recover && this.failed.has(open)) return -1;
    if (this.nest >= MAX_NEST) {
      this.tooDeep(open);
      let j = p;
      while (j < limit && s.charCodeAt(j) !== DQUOTE) j += s.charCodeAt(j) === BACKSLASH ? 2 : 1;
      this.strValue = s.slice(p, Math.min(j, limit));
      this.strExp = true;
      if (j < limit) return j + 1;
      this.unterminated(open, 1, 'unterminated double quote');
      return limit;
    }
    this.nest++;
    const m = recover ? this.mark() : undefined;
    let j = p;
    let seg = p;
    let value = '';
    let exp = false;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === DQUOTE) {
        this.nest--;
        this.strValue = value + s.slice(seg, j);
        this.strExp = exp;
        return j + 1;
      }
      if (c === BACKSLASH) {
        const n = s.charCodeAt(j + 1);
        if (n === DOLLAR || n === BACKTICK || n === DQUOTE || n === BACKSLASH) {
          value += s.slice(seg, j) + s[j + 1];
          j += 2;
          seg = j;
        } else if (n === NL) {
          value += s.slice(seg, j);
          j += 2;
          seg = j;
        } else j += 2;
        continue;
      }
      if (c === DOLLAR) {
        const r = this.scanDollar(j, limit, depth, true);
        if (r > j + 1) exp = true;
        j = Math.max(r, j + 1);
        continue;
      }
      if (c === BACKTICK) {
        const r = this.scanBacktick(j, limit, depth);
        if (r < 0) j++;
        else {
          exp = true;
          j = r;
        }
        continue;
      }
      j++;
    }
    this.nest--;
    if (m) this.rollback(m);
    this.unterminated(open, 1, 'unterminated double quote');
    if (m) {
      this.recoveries++;
      return -1;
    }
    this.strValue = value + s.slice(seg, limit);
    this.strExp = exp;
    return limit;
  }

  /** `$'...'` from `p` (after `$'`): decodes ANSI-C escapes into strValue; -1 if unterminated. */
  private scanAnsi(p: number, limit: number): number {
    const s = this.s;
    const open = p - 2;
    if (this.failed.has(open) && this.canRecover()) return -1;
    let j = p;
    let seg = p;
    let out = '';
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === SQUOTE) {
        this.strValue = out + s.slice(seg, j);
        this.strExp = false;
        return j + 1;
      }
      if (c !== BACKSLASH || j + 1 >= limit) {
        j++;
        continue;
      }
      out += s.slice(seg, j);
      const n = s[j + 1];
      j += 2;
      const simple = ANSI_SIMPLE[n];
      if (simple !== undefined) out += simple;
      else if (n === 'x' || n === 'u' || n === 'U') {
        const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
        let v = 0;
        let k = 0;
        while (k < max && j < limit && hexVal(s.charCodeAt(j)) >= 0) {
          v = v * 16 + hexVal(s.charCodeAt(j));
          j++;
          k++;
        }
        if (k === 0) out += '\\' + n;
        else out += v <= 0x10ffff ? String.fromCodePoint(v) : '\ufffd';
      } else if (n >= '0' && n <= '7') {
        let v = n.charCodeAt(0) - 48;
        let k = 1;
        while (k < 3 && j < limit && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 55) {
          v = v * 8 + s.charCodeAt(j) - 48;
          j++;
          k++;
        }
        out += String.fromCharCode(v & 0xff);
      } else if (n === 'c' && j < limit) {
        out += String.fromCharCode(s.charCodeAt(j) & 0x1f);
        j++;
      } else out += '\\' + n;
      seg = j;
    }
    this.unterminated(open, 2, "unterminated $'...' string");
    if (this.canRecover()) {
      this.recoveries++;
      return -1;
    }
    this.strValue = out + s.slice(seg, limit);
    this.strExp = false;
    return limit;
  }

  /**
   * After a `$` at `i`: `${...}`, `$(...)`, `$((...))`, `$name`, `$1`, `$@`... Returns the offset
   * after the expansion, or i + 1 for a literal `$`.
   */
  private scanDollar(i: number, limit: number, depth: number, inDq: boolean): number {
    const s = this.s;
    if (i + 1 >= limit) return i + 1;
    const n = s.charCodeAt(i + 1);
    if (n === LBRACE) return this.scanParam(i, limit, depth, inDq);
    if (n === LPAREN) {
      if (s.charCodeAt(i + 2) === LPAREN) {
        const e = this.scanArith(i + 3, limit);
        if (e > 0) return e;
      }
      return this.subst(i, limit, depth);
    }
    if (isNameStart(n)) {
      let j = i + 2;
      while (j < limit && isNameChar(s.charCodeAt(j))) j++;
      return j;
    }
    if (isSpecialParam(n)) return i + 2;
    return i + 1;
  }

  /** `$(` (or `<(`, `>(`) at `i`: parses the commands inside; returns the offset after `)`. */
  private subst(i: number, limit: number, depth: number): number {
    if (this.nest >= MAX_NEST) {
      this.tooDeep(i);
      return this.skipFlat(i + 2, limit, RPAREN);
    }
    this.nest++;
    const e = this.parseList(i + 2, limit, depth + 1, true, i);
    this.nest--;
    return e;
  }

  /** `${` at `i`: returns the offset after the matching `}`, or i + 1 if unterminated. */
  private scanParam(i: number, limit: number, depth: number, inDq: boolean): number {
    const s = this.s;
    const recover = this.canRecover();
    if (recover && this.failed.has(i)) return i + 1;
    if (this.nest >= MAX_NEST) {
      this.tooDeep(i);
      return this.skipFlat(i + 2, limit, RBRACE);
    }
    this.nest++;
    const m = recover ? this.mark() : undefined;
    let j = i + 2;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === RBRACE) {
        this.nest--;
        return j + 1;
      }
      if (c === BACKSLASH) j += 2;
      else if (c === SQUOTE && !inDq) {
        const k = this.failed.has(j) ? -1 : s.indexOf("'", j + 1);
        if (k < 0 || k >= limit) {
          this.unterminated(j, 1, 'unterminated single quote');
          j = limit;
        } else j = k + 1;
      } else if (c === DQUOTE) {
        const r = this.scanDq(j + 1, limit, depth);
        j = r < 0 ? j + 1 : r;
      } else if (c === DOLLAR) {
        j = Math.max(this.scanDollar(j, limit, depth, inDq), j + 1);
      } else if (c === BACKTICK) {
        const r = this.scanBacktick(j, limit, depth);
        j = r < 0 ? j + 1 : r;
      } else j++;
    }
    this.nest--;
    if (m) this.rollback(m);
    this.unterminated(i, 2, "unterminated '${'");
    if (m) {
      this.recoveries++;
      return i + 1;
    }
    return limit;
  }

  /** A backquoted command at `i`; returns the offset after the closing backquote, or -1. */
  private scanBacktick(i: number, limit: number, depth: number): number {
    const s = this.s;
    const recover = this.canRecover();
    if (recover && this.failed.has(i)) return -1;
    let j = i + 1;
    while (j < limit) {
      const c = s.charCodeAt(j);
      if (c === BACKSLASH) j += 2;
      else if (c === BACKTICK) break;
      else j++;
    }
    let end = j + 1;
    if (j >= limit) {
      this.unterminated(i, 1, 'unterminated backquote');
      if (recover) {
        this.recoveries++;
        return -1;
      }
      j = end = limit;
    }
    if (this.nest >= MAX_NEST) this.tooDeep(i);
    else if (j > i + 1) {
      this.nest++;
      const pending = this.pending;
      this.pending = [];
      this.parseList(i + 1, j, depth + 1, true, -1);
      this.pending = pending;
      this.nest--;
    }
    return end;
  }

  /**
   * Arithmetic `((...))` body from `p` (after `((`): the offset after the closing `))`, or -1 when
   * this is not arithmetic (e.g. `$( (a) )`) or the `))` is not within ARITH_WINDOW characters.
   */
  scanArith(p: number, limit: number): number {
    const s = this.s;
    if (this.arithBudget <= 0) return -1;
    const end = Math.min(limit, p + ARITH_WINDOW, p + this.arithBudget);
    this.arithBudget -= end - p; // refunded below for what was not scanned
    let d = 2;
    for (let j = p; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === LPAREN) d++;
      else if (c === RPAREN) {
        if (d === 2) {
          this.arithBudget += end - j;
          return j + 1 < limit && s.charCodeAt(j + 1) === RPAREN ? j + 2 : -1;
        }
        d--;
      } else if (c === SQUOTE || c === DQUOTE || c === BACKTICK) {
        const k = s.indexOf(s[j], j + 1);
        if (k < 0 || k >= end) return -1;
        j = k;
      } else if (c === BACKSLASH) j++;
    }
    return -1;
  }

  /**
   * Iterative skip to the `closer` matching an already consumed opener, aware of quotes, `$(`, `${`
   * and backquotes; used past the nesting cap and for array values / extglobs. Returns the offset
   * after the closer, or `limit`.
   */
  skipFlat(p: number, limit: number, closer: number): number {
    const s = this.s;
    const stack: number[] = [closer];
    let j = p;
    while (j < limit && stack.length) {
      const c = s.charCodeAt(j);
      const top = stack[stack.length - 1];
      if (c === BACKSLASH) {
        j += 2;
        continue;
      }
      if (top === DQUOTE) {
        if (c === DQUOTE) stack.pop();
        else if (c === DOLLAR && s.charCodeAt(j + 1) === LPAREN) {
          stack.push(RPAREN);
          j++;
        } else if (c === DOLLAR && s.charCodeAt(j + 1) === LBRACE) {
          stack.push(RBRACE);
          j++;
        } else if (c === BACKTICK) stack.push(BACKTICK);
        j++;
        continue;
      }
      if (top === BACKTICK) {
        if (c === BACKTICK) stack.pop();
        j++;
        continue;
      }
      if (c === top) {
        stack.pop();
        j++;
        continue;
      }
      if (c === SQUOTE) {
        const k = s.indexOf("'", j + 1);
        j = k < 0 || k >= limit ? j + 1 : k + 1;
        continue;
      }
      if (c === DQUOTE) stack.push(DQUOTE);
      else if (c === LPAREN) stack.push(RPAREN);
      else if (c === BACKTICK) stack.push(BACKTICK);
      else if (c === DOLLAR && s.charCodeAt(j + 1) === LBRACE) {
        stack.push(RBRACE);
        j++;
      }
      j++;
    }
    if (stack.length) this.error(p - 1, p, 'unterminated group');
    return Math.min(j, limit);
  }
}
