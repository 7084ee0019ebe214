/**
 * A fast path for `parseDocument` on the plain subset of YAML that compose files are written in.
 *
 * Why: the `yaml` package's `parseDocument` takes ~300 ms on a 2,000-service compose file (700 KB), most of
 * the time budget of a full check. This module reads the common subset of YAML line by line and builds the
 * very same `yaml` objects (`Document`, `YAMLMap`, `YAMLSeq`, `Pair`, `Scalar`, `Alias`, with the same
 * ranges, comments, `spaceBefore`, anchors, tags and warnings) that
 * `parseDocument(text, { uniqueKeys: false, prettyErrors: false })` returns, six to ten times faster.
 *
 * Anything outside the subset makes `parseComposeFast` return `undefined` and the caller falls back to
 * `parseDocument`: a fallback is always correct, a divergence is a bug. The subset: one document (optional
 * leading `---`), a block map at the root, block maps and sequences (`- key: value` compact maps included),
 * one-line plain and quoted scalars, one-line flow collections of scalars, anchors, aliases, the `!reset` and
 * `!override` tags, block scalars, comments and blank lines anywhere the yaml package's placement of them is
 * reproduced here (see `gapProps` and the end-of-collection rule in `endCollection`), CRLF and a BOM. Tabs,
 * multi-line flow scalars and collections, complex keys, directives, other tags and anything that would be a
 * YAML error fall back.
 *
 * The placement rules mirror the yaml package's parser and composer (2.8): comments and blank lines between
 * items go to the next item (`commentBefore` / `spaceBefore` of its key, or of the item in a sequence);
 * trailing comments of a collection move out to the enclosing one unless one of them is indented at least as
 * much as the collection (they then become its `comment`); comments indented deeper than the collection right
 * after a scalar become that scalar's `comment`; an empty value keeps the comments that follow it.
 *
 * `test/unit/compose-fast-yaml.test.ts` guards the equivalence: it compares every node and document field
 * with `parseDocument`'s on hand-written cases, generated files, the whole real-world corpus and random
 * mutations of them. Any change here must keep that oracle green.
 */
import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq, YAMLWarning } from 'yaml';
import type { Schema } from 'yaml';

type FastNode = Scalar | Alias | YAMLMap | YAMLSeq;

/**
 * `new Scalar(value)` and `new Pair(key, value)` of the yaml package each make an
 * `Object.defineProperty` call for the node's type (in NodeBase's and Pair's constructors), a slow path
 * in V8: a sixth of the time to parse a 2,000-service file. `ScalarNode` and `PairNode` build objects
 * that differ from yaml's in one way only: the (non-enumerable) node type sits on a shared prototype
 * between theirs and yaml's instead of on each node. Enumerable fields, `instanceof` and `constructor`
 * (Scalar / Pair), `isScalar` / `isPair` and the inherited methods are the same: the yaml package reads
 * the type with `node[NODE_TYPE]` only. compose-fast-yaml.test.ts compares them with `parseDocument`'s
 * nodes.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
interface NodeCtor<T, A extends unknown[]> {
  new (...args: A): T;
  prototype: T;
}
const ScalarNode = function (this: { value: unknown }, value: unknown) {
  this.value = value;
} as unknown as NodeCtor<Scalar, [unknown]>;
ScalarNode.prototype = Object.create(Scalar.prototype, {
  [NODE_TYPE]: { value: Symbol.for('yaml.scalar') },
}) as Scalar;
const PairNode = function (this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
  this.key = key;
  this.value = value;
} as unknown as NodeCtor<Pair, [unknown, unknown]>;
PairNode.prototype = Object.create(Pair.prototype, {
  [NODE_TYPE]: { value: Symbol.for('yaml.pair') },
}) as Pair;

/** Thrown to abandon the fast path. */
const FALLBACK = new Error('outside the fast YAML subset');
function bail(): never {
  throw FALLBACK;
}

// The yaml package does not export its Directives class; every Document has one.
const DirectivesClass = (new Document().directives as object).constructor as new (yaml: {
  version: string;
}) => unknown;

/**
 * Control characters, tabs, BOMs past the start, lone CRs, NEL, line/paragraph separators: all fall back.
 * (Tabs are legal in many places but their rules are intricate.)
 */
const UNSUPPORTED_CHARS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)/;

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Anchor and alias names we accept (the yaml package allows more; the rest falls back). */
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** A plain scalar resolved with the YAML 1.2 core schema, as the yaml package does. */
function plainScalar(src: string): Scalar {
  const c = src.length === 0 ? 0 : src.charCodeAt(0);
  // Only these first characters can start a null, bool, int or float.
  if (
    c === 0 ||
    c === 0x7e /* ~ */ ||
    c === 0x6e /* n */ ||
    c === 0x4e /* N */ ||
    c === 0x74 /* t */ ||
    c === 0x54 /* T */ ||
    c === 0x66 /* f */ ||
    c === 0x46 /* F */ ||
    c === 0x2b /* + */ ||
    c === 0x2d /* - */ ||
    c === 0x2e /* . */ ||
    (c >= 0x30 && c <= 0x39)
  ) {
    if (NULL_RE.test(src)) return new ScalarNode(null);
    if (BOOL_RE.test(src)) return new ScalarNode(c === 0x74 || c === 0x54);
    if (INT_OCT_RE.test(src)) {
      const s = new ScalarNode(parseInt(src.substring(2), 8));
      s.format = 'OCT';
      return s;
    }
    if (INT_RE.test(src)) return new ScalarNode(parseInt(src, 10));
    if (INT_HEX_RE.test(src)) {
      const s = new ScalarNode(parseInt(src.substring(2), 16));
      s.format = 'HEX';
      return s;
    }
    if (FLOAT_NAN_RE.test(src))
      return new ScalarNode(
        src.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : src[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
      );
    if (FLOAT_EXP_RE.test(src)) {
      const s = new ScalarNode(parseFloat(src));
      s.format = 'EXP';
      return s;
    }
    if (FLOAT_RE.test(src)) {
      const s = new ScalarNode(parseFloat(src));
      const dot = src.indexOf('.');
      if (dot !== -1 && src[src.length - 1] === '0') s.minFractionDigits = src.length - dot - 1;
      return s;
    }
  }
  return new ScalarNode(src);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** A comment (`#` and text, `c`) or a line break (`n`: its source, `\n` or `\r\n`). */
interface Tok {
  c?: string;
  n?: string;
}

/** The yaml package's `resolveProps` for comments and line breaks: `commentBefore` and `spaceBefore`. */
function gapProps(toks: Tok[], atNewline: boolean): { comment: string; spaceBefore: boolean } {
  let comment = '';
  let commentSep = '';
  let spaceBefore = false;
  for (const t of toks) {
    if (t.c !== undefined) {
      const cb = t.c.substring(1) || ' ';
      comment = comment ? comment + commentSep + cb : cb;
      commentSep = '';
      atNewline = false;
    } else {
      if (atNewline) {
        if (comment) comment += t.n;
        else spaceBefore = true;
      } else commentSep += t.n;
      atNewline = true;
    }
  }
  return { comment, spaceBefore };
}

/** The yaml package's `resolveEnd` for comments and line breaks. */
function endComment(toks: Tok[]): string {
  let comment = '';
  let sep = '';
  for (const t of toks) {
    if (t.c !== undefined) {
      const cb = t.c.substring(1) || ' ';
      comment = comment ? comment + sep + cb : cb;
      sep = '';
    } else if (comment) sep += t.n;
  }
  return comment;
}

interface Props {
  anchor?: string;
  tag?: string;
  tagPos?: number;
}

class FastParser {
  private readonly text: string;
  private readonly n: number;
  /** Line start (after the indentation is `ls + ind`), content end (before `\r\n`), next line start. */
  private readonly ls: Int32Array;
  private readonly le: Int32Array;
  private readonly ln: Int32Array;
  private readonly ind: Int32Array;
  /** 0 blank, 1 comment, 2 content. */
  private readonly kind: Uint8Array;
  private readonly doc: Document.Parsed;
  private readonly schema: Schema;
  private readonly warnings: YAMLWarning[] = [];
  private readonly anchors = new Set<string>();
  /** First line not yet given to a node or as props: the pending gap runs from here to the next content line. */
  private gapFrom = 0;

  constructor(text: string) {
    this.text = text;
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    // A final line break does not open an empty last line.
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 0x0a) count--;
    this.n = count;
    this.ls = new Int32Array(count);
    this.le = new Int32Array(count);
    this.ln = new Int32Array(count);
    this.ind = new Int32Array(count);
    this.kind = new Uint8Array(count);
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let l = 0; l < count; l++) {
      let nl = text.indexOf('\n', start);
      if (nl === -1) nl = text.length;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      let p = start;
      while (p < end && text.charCodeAt(p) === 0x20) p++;
      this.ls[l] = start;
      this.le[l] = end;
      this.ln[l] = nl < text.length ? nl + 1 : nl;
      this.ind[l] = p - start;
      this.kind[l] = p === end ? 0 : text.charCodeAt(p) === 0x23 /* # */ ? 1 : 2;
      start = nl + 1;
    }
    const directives = new DirectivesClass({ version: '1.2' });
    this.doc = new Document(undefined, {
      _directives: directives,
      uniqueKeys: false,
      prettyErrors: false,
    } as never) as unknown as Document.Parsed;
    this.schema = this.doc.schema;
  }

  // ---- lines and tokens ----

  private nextContent(from: number): number {
    let l = from;
    while (l < this.n && this.kind[l] !== 2) l++;
    return l;
  }

  /** Offset of the first non-space character of line `l`, or the end of the text. */
  private contentPos(l: number): number {
    return l < this.n ? this.ls[l] + this.ind[l] : this.text.length;
  }

  private nlSource(l: number): string {
    return this.text.slice(this.le[l], this.ln[l]);
  }

  /** Comment and line-break tokens of lines [from, to). */
  private gapToks(from: number, to: number, out: Tok[] = []): Tok[] {
    for (let l = from; l < to; l++) {
      if (this.kind[l] === 1) out.push({ c: this.text.slice(this.ls[l] + this.ind[l], this.le[l]) });
      else if (this.kind[l] === 2) bail();
      const nl = this.nlSource(l);
      if (nl) out.push({ n: nl });
    }
    return out;
  }

  /** The pending gap's tokens up to line `to` (see `splitNl`). */
  private pendingToks(to: number): Tok[] {
    if (!this.splitNl) return this.gapToks(this.gapFrom, to);
    this.splitNl = false;
    const toks: Tok[] = [{ n: this.nlSource(this.gapFrom) }];
    return this.gapToks(this.gapFrom + 1, to, toks);
  }

  private hasComment(from: number, to: number): boolean {
    for (let l = from; l < to; l++) if (this.kind[l] === 1) return true;
    return false;
  }

  private isSeqItem(l: number): boolean {
    const p = this.ls[l] + this.ind[l];
    if (this.text.charCodeAt(p) !== 0x2d /* - */) return false;
    const q = p + 1;
    return q === this.le[l] || this.text.charCodeAt(q) === 0x20;
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text.charCodeAt(p) === 0x20) p++;
    return p;
  }

  // ---- document ----

  parse(): Document.Parsed {
    const { text, n } = this;
    const doc = this.doc;
    // Prelude: comments and blank lines before the document.
    let l = 0;
    const prelude: Tok[] = [];
    while (l < n && this.kind[l] !== 2) {
      if (this.kind[l] === 1) {
        if (this.ind[l] !== 0) bail();
        prelude.push({ c: text.slice(this.ls[l], this.le[l]) });
      } else if (this.ind[l] !== 0) bail();
      const nl = this.nlSource(l);
      if (nl) prelude.push({ n: nl });
      l++;
    }
    if (l === n) bail();
    let docStart = false;
    let docOffset: number;
    let rootProps: { comment: string; spaceBefore: boolean } | undefined;
    if (this.isMarker(l, '---')) {
      docStart = true;
      docOffset = this.ls[l];
      const toks: Tok[] = [];
      const p = this.skipSpaces(this.ls[l] + 3, this.le[l]);
      if (p < this.le[l]) {
        if (text.charCodeAt(p) !== 0x23 || p === this.ls[l] + 3) bail();
        toks.push({ c: text.slice(p, this.le[l]) });
      }
      const nl = this.nlSource(l);
      if (nl) toks.push({ n: nl });
      const k = this.nextContent(l + 1);
      if (k === n) bail();
      this.gapToks(l + 1, k, toks);
      rootProps = gapProps(toks, false);
      l = k;
    }
    // Every other line starting a document marker or directive falls back (second documents, `...`, `%`).
    for (let i = l; i < n; i++)
      if (
        this.ind[i] === 0 &&
        this.kind[i] === 2 &&
        (this.isMarker(i, '---') || this.isMarker(i, '...') || text.charCodeAt(this.ls[i]) === 0x25)
      )
        bail();
    if (this.ind[l] !== 0 || this.isSeqItem(l)) bail();
    this.gapFrom = l;
    const root = this.parseMap(0, l, this.ls[l]);
    if (rootProps) {
      if (rootProps.comment) root.commentBefore = rootProps.comment;
      if (rootProps.spaceBefore) root.spaceBefore = true;
    }
    if (this.nextContent(this.gapFrom) !== n) bail();
    doc.contents = root as unknown as Document.Parsed['contents'];
    if (docStart) doc.directives.docStart = true;
    const end = endComment(this.gapToks(this.gapFrom, n));
    if (end) doc.comment = end;
    doc.range = [
      docStart ? docOffset! : root.range![0],
      root.range![2],
      this.gapFrom < n ? text.length : root.range![2],
    ];
    // The composer's `decorate`: the prelude's comment.
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (const t of prelude) {
      if (t.c !== undefined) {
        comment += (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') + (t.c.substring(1) || ' ');
        atComment = true;
        afterEmptyLine = false;
      } else {
        if (!atComment) afterEmptyLine = true;
        atComment = false;
      }
    }
    if (comment) {
      if (afterEmptyLine || docStart) doc.commentBefore = comment;
      else {
        const key = (root.items[0] as Pair<Scalar, unknown>).key;
        key.commentBefore = key.commentBefore ? `${comment}\n${key.commentBefore}` : comment;
      }
    }
    doc.errors = [];
    doc.warnings = this.warnings;
    return doc;
  }

  private isMarker(l: number, marker: string): boolean {
    const p = this.ls[l];
    if (this.ind[l] !== 0 || !this.text.startsWith(marker, p)) return false;
    return p + 3 === this.le[l] || this.text.charCodeAt(p + 3) === 0x20;
  }

  // ---- block collections ----

  /**
   * The end of a block collection: the yaml parser gives its trailing comments and blank lines to the
   * enclosing collection, unless the collection is not at the root and one of its trailing comments is
   * indented at least as much as it is; those then are its own `comment`.
   */
  private endCollection(coll: YAMLMap | YAMLSeq, indent: number, next: number, last: number): void {
    if (this.splitNl) bail();
    const from = this.gapFrom;
    coll.range = [coll.range![0], last, last];
    if (indent === 0 || !this.hasComment(from, next)) return;
    let keep = false;
    for (let l = from; l < next; l++)
      if (this.kind[l] === 1 && this.ind[l] >= indent) {
        keep = true;
        break;
      }
    if (!keep) return;
    const { comment } = gapProps(this.gapToks(from, next), true);
    if (comment) coll.comment = comment;
    coll.range[2] = this.contentPos(next);
    this.gapFrom = next;
  }

  /** A block map whose first key is on line `l` at offset `p` (its column is the map's indentation). */
  private parseMap(indent: number, l: number, p: number): YAMLMap {
    const map = new YAMLMap(this.schema);
    map.range = [p, p, p];
    for (;;) {
      const key = this.parseKey(l, p);
      // The gap before this key (empty for the first key: it went to the map's own props).
      if (this.gapFrom < l) {
        const props = gapProps(this.pendingToks(l), true);
        if (props.comment) key.commentBefore = props.comment;
        if (props.spaceBefore) key.spaceBefore = true;
      }
      this.gapFrom = l;
      const value = this.parseValue(l, this.keyEnd, indent, false);
      map.items.push(new PairNode(key, value));
      const last = value.range![2];
      const k = this.nextContent(this.gapFrom);
      if (k < this.n && this.ind[k] === indent) {
        if (this.isSeqItem(k)) bail();
        l = k;
        p = this.ls[k] + indent;
        continue;
      }
      if (k < this.n && this.ind[k] > indent) bail();
      this.endCollection(map, indent, k, last);
      return map;
    }
  }

  /** A block sequence whose first `-` is on line `l` at column `indent`. */
  private parseSeq(indent: number, l: number): YAMLSeq {
    const seq = new YAMLSeq(this.schema);
    const p0 = this.ls[l] + indent;
    seq.range = [p0, p0, p0];
    for (;;) {
      const dash = this.ls[l] + indent;
      const q = this.skipSpaces(dash + 1, this.le[l]);
      // `-` alone or followed by a comment: an empty item or one on the next lines; not in the subset.
      if (q === this.le[l] || this.text.charCodeAt(q) === 0x23) bail();
      let props: { comment: string; spaceBefore: boolean } | undefined;
      if (this.splitNl) bail();
      if (this.gapFrom < l) props = gapProps(this.gapToks(this.gapFrom, l), true);
      this.gapFrom = l;
      let item: FastNode;
      if (this.isKeyAt(l, q)) {
        const col = q - this.ls[l];
        item = this.parseMap(col, l, q);
      } else item = this.parseValue(l, q, indent, true);
      if (props) {
        if (props.comment) item.commentBefore = props.comment;
        if (props.spaceBefore) item.spaceBefore = true;
      }
      seq.items.push(item);
      const last = item.range![2];
      const k = this.nextContent(this.gapFrom);
      if (k < this.n && this.ind[k] === indent && this.isSeqItem(k)) {
        l = k;
        continue;
      }
      if (k < this.n && this.ind[k] > indent) bail();
      this.endCollection(seq, indent, k, last);
      return seq;
    }
  }

  /** Offset just after the `:` of the key parsed last. */
  private keyEnd = 0;

  /** Whether a `key:` starts at offset `p` of line `l`. */
  private isKeyAt(l: number, p: number): boolean {
    const { text } = this;
    const end = this.le[l];
    const c = text.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) return false;
    if (c === 0x22 || c === 0x27) {
      const close = this.quoteEnd(p, end, c);
      if (close < 0) return false;
      const q = this.skipSpaces(close, end);
      return text.charCodeAt(q) === 0x3a && (q + 1 === end || text.charCodeAt(q + 1) === 0x20);
    }
    for (let i = p; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x3a && (i + 1 === end || text.charCodeAt(i + 1) === 0x20)) return true;
      if (ch === 0x23 && i > p && text.charCodeAt(i - 1) === 0x20) return false;
    }
    return false;
  }

  /** Offset after the closing quote of the quoted scalar at `p`, or -1 when it does not close on the line. */
  private quoteEnd(p: number, end: number, quote: number): number {
    const { text } = this;
    for (let i = p + 1; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (quote === 0x27) {
        if (ch === 0x27) {
          if (text.charCodeAt(i + 1) === 0x27 && i + 1 < end) i++;
          else return i + 1;
        }
      } else if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22) return i + 1;
    }
    return -1;
  }

  /** The key at offset `p` of line `l`; sets `keyEnd` after its `:`. */
  private parseKey(l: number, p: number): Scalar {
    const { text } = this;
    const end = this.le[l];
    const c = text.charCodeAt(p);
    let key: Scalar;
    let q: number;
    if (c === 0x22 || c === 0x27) {
      const close = this.quoteEnd(p, end, c);
      if (close < 0) bail();
      key = this.quoted(p, close, c);
      q = this.skipSpaces(close, end);
    } else {
      if (!this.plainStart(p, end)) bail();
      let i = p;
      for (; i < end; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x3a && (i + 1 === end || text.charCodeAt(i + 1) === 0x20)) break;
        // `#`, flow indicators: legal in some keys, not worth the risk.
        if (ch === 0x23 || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d) bail();
      }
      if (i === end) bail();
      let e = i;
      while (text.charCodeAt(e - 1) === 0x20) e--;
      const src = text.slice(p, e);
      key = plainScalar(src);
      key.range = [p, e, e];
      key.source = src;
      key.type = 'PLAIN';
      q = i;
    }
    if (text.charCodeAt(q) !== 0x3a || !(q + 1 === end || text.charCodeAt(q + 1) === 0x20)) bail();
    // The yaml package limits implicit keys to 1024 characters.
    if (q - p > 1000) bail();
    this.keyEnd = q + 1;
    return key;
  }

  /** Whether a plain scalar may start at `p` (block context). */
  private plainStart(p: number, end: number): boolean {
    const c = this.text.charCodeAt(p);
    switch (c) {
      case 0x2d: // -
        return p + 1 < end && this.text.charCodeAt(p + 1) !== 0x20;
      case 0x3f: // ?
      case 0x3a: // :
      case 0x2c: // ,
      case 0x5b: // [
      case 0x5d: // ]
      case 0x7b: // {
      case 0x7d: // }
      case 0x23: // #
      case 0x26: // &
      case 0x2a: // *
      case 0x21: // !
      case 0x7c: // |
      case 0x3e: // >
      case 0x27: // '
      case 0x22: // "
      case 0x25: // %
      case 0x40: // @
      case 0x60: // `
        return false;
      default:
        return true;
    }
  }

  // ---- values ----

  /**
   * The value starting at offset `p` of line `l` (after `key:` or `- `), in a block collection indented
   * `indent`. Sets `gapFrom` to the first line after it.
   */
  private parseValue(l: number, p: number, indent: number, inSeq: boolean): FastNode {
    const { text } = this;
    const end = this.le[l];
    let q = this.skipSpaces(p, end);
    const props: Props = {};
    for (;;) {
      const c = text.charCodeAt(q);
      if (q < end && c === 0x26 /* & */) {
        if (props.anchor !== undefined) bail();
        const e = this.nameEnd(q + 1, end);
        props.anchor = text.slice(q + 1, e);
        q = this.skipSpaces(e, end);
      } else if (q < end && c === 0x21 /* ! */) {
        if (props.tag !== undefined) bail();
        let e = q + 1;
        while (e < end && text.charCodeAt(e) !== 0x20) e++;
        const tag = text.slice(q, e);
        if (tag !== '!reset' && tag !== '!override') bail();
        props.tag = tag;
        props.tagPos = q;
        q = this.skipSpaces(e, end);
      } else break;
    }
    if (q === end || (text.charCodeAt(q) === 0x23 && q > p && text.charCodeAt(q - 1) === 0x20)) {
      if (inSeq) bail();
      return this.blockValue(l, q, indent, props);
    }
    if (q > p && text.charCodeAt(q - 1) !== 0x20) bail();
    const c = text.charCodeAt(q);
    let node: FastNode;
    let valueEnd: number;
    if (c === 0x2a /* * */) {
      if (props.anchor !== undefined || props.tag !== undefined) bail();
      const e = this.nameEnd(q + 1, end);
      node = new Alias(text.slice(q + 1, e));
      valueEnd = e;
      node.range = [q, e, e];
    } else if (c === 0x7c || c === 0x3e /* | > */) {
      this.applyProps(props);
      return this.blockScalar(l, q, indent, props);
    } else if (c === 0x5b || c === 0x7b /* [ { */) {
      this.applyProps(props);
      const r = this.flowCollection(q, end);
      node = r.node;
      valueEnd = r.end;
    } else if (c === 0x22 || c === 0x27) {
      this.applyProps(props);
      const close = this.quoteEnd(q, end, c);
      if (close < 0) bail();
      node = this.quoted(q, close, c);
      valueEnd = close;
      // A quoted scalar is a string, tagged or not.
      if (props.tag) node.tag = props.tag;
    } else {
      if (!this.plainStart(q, end)) bail();
      this.applyProps(props);
      let e = end;
      for (let i = q + 1; i < end; i++)
        if (text.charCodeAt(i) === 0x23 && text.charCodeAt(i - 1) === 0x20) {
          e = i;
          break;
        }
      while (text.charCodeAt(e - 1) === 0x20) e--;
      const src = text.slice(q, e);
      // `a: b: c` and `a: b:` are errors; a plain scalar cannot hold `: ` or end in `:`.
      if (src.indexOf(': ') !== -1 || src.charCodeAt(src.length - 1) === 0x3a) bail();
      node = props.tag ? new ScalarNode(src) : plainScalar(src);
      node.range = [q, e, e];
      node.source = src;
      node.type = 'PLAIN';
      if (props.tag) node.tag = props.tag;
      valueEnd = e;
    }
    if (props.anchor !== undefined) node.anchor = props.anchor;
    if (props.tag !== undefined && !(node instanceof Scalar)) node.tag = props.tag;
    // The rest of the line: spaces, then a comment or nothing.
    const r = this.skipSpaces(valueEnd, end);
    let hasComment = false;
    if (r < end) {
      if (text.charCodeAt(r) !== 0x23 || r === valueEnd) bail();
      node.comment = text.slice(r + 1, end) || ' ';
      hasComment = true;
    }
    node.range![2] = this.ln[l];
    this.gapFrom = l + 1;
    // Comments indented deeper than the collection right after a scalar are that scalar's.
    this.attachIndented(node, indent, hasComment || node instanceof YAMLMap || node instanceof YAMLSeq);
    // A deeper content line next (a multi-line scalar, or an error) makes the caller fall back.
    return node;
  }

  /** The parser's `atIndentedComment`: comment lines deeper than `indent` (after blank lines only). */
  private attachIndented(node: FastNode, indent: number, refuse: boolean): void {
    const toks: Tok[] = [];
    let l = this.gapFrom;
    let attached = this.gapFrom;
    for (; l < this.n; l++) {
      const k = this.kind[l];
      if (k === 2) break;
      if (k === 1) {
        if (this.ind[l] <= indent) break;
        if (refuse) bail();
        attached = l + 1;
      }
    }
    if (attached === this.gapFrom) return;
    this.gapToks(this.gapFrom, attached, toks);
    const comment = endComment(toks);
    node.comment = comment;
    node.range![2] = this.ln[attached - 1];
    this.gapFrom = attached;
  }

  private applyProps(props: Props): void {
    if (props.anchor !== undefined) {
      if (props.anchor === '' || this.anchors.has(props.anchor)) bail();
      this.anchors.add(props.anchor);
    }
    if (props.tag !== undefined)
      this.warnings.push(
        new YAMLWarning(
          [props.tagPos!, props.tagPos! + props.tag.length],
          'TAG_RESOLVE_FAILED',
          `Unresolved tag: ${props.tag}`,
        ),
      );
  }

  /** End of an anchor or alias name starting at `p`; it must be followed by a space or the line end. */
  private nameEnd(p: number, end: number): number {
    let e = p;
    while (e < end && NAME_CHAR.test(this.text[e])) e++;
    if (e === p || (e < end && this.text.charCodeAt(e) !== 0x20)) bail();
    return e;
  }

  /**
   * Nothing (or only a comment) after `key:` and the properties on line `l`: the value is a block collection
   * on the next lines, or empty. `q` is the offset after the properties and spaces.
   */
  private blockValue(l: number, q: number, indent: number, props: Props): FastNode {
    const { text } = this;
    const end = this.le[l];
    this.applyProps(props);
    const toks: Tok[] = [];
    if (q < end) toks.push({ c: text.slice(q, end) });
    const nlKey = this.nlSource(l);
    if (nlKey) toks.push({ n: nlKey });
    const k = this.nextContent(l + 1);
    const ki = k < this.n ? this.ind[k] : -1;
    if (k < this.n && (ki > indent || (ki === indent && this.isSeqItem(k)))) {
      this.gapToks(l + 1, k, toks);
      const gp = gapProps(toks, false);
      this.gapFrom = k;
      const coll = this.isSeqItem(k)
        ? this.parseSeq(ki, k)
        : this.isKeyAt(k, this.ls[k] + ki)
          ? this.parseMap(ki, k, this.ls[k] + ki)
          : bail();
      if (gp.comment) coll.commentBefore = gp.comment;
      if (gp.spaceBefore) coll.spaceBefore = true;
      if (props.anchor !== undefined) coll.anchor = props.anchor;
      if (props.tag !== undefined) coll.tag = props.tag;
      return coll;
    }
    // An empty value.
    const node = new ScalarNode(props.tag ? '' : null);
    node.range = [q, q, q];
    node.source = '';
    node.type = 'PLAIN';
    if (props.tag) node.tag = props.tag;
    if (props.anchor !== undefined) node.anchor = props.anchor;
    // The parser keeps what follows an empty value with it, except that when the next key comes, the
    // tokens from the second line break after the last comment indented deeper than the map go to that key.
    let split = -1;
    if (k < this.n && ki === indent) {
      // In a compact map (`- key:`) the key line's comment has the sequence's indentation: not modelled.
      if (q < end && this.ind[l] !== indent) bail();
      const nl: number[] = [];
      if (nlKey) nl.push(l);
      for (let g = l + 1; g < k; g++) {
        if (this.kind[g] === 1 && this.ind[g] > indent) nl.length = 0;
        if (this.ln[g] > this.le[g]) nl.push(g);
      }
      if (nl.length >= 2) split = nl[1];
    }
    const sepEnd = split >= 0 ? split : k;
    this.gapToks(l + 1, sepEnd, toks);
    if (split >= 0 && this.kind[split] === 1)
      toks.push({ c: text.slice(this.ls[split] + this.ind[split], this.le[split]) });
    const { comment, spaceBefore } = gapProps(toks, false);
    if (spaceBefore) node.spaceBefore = true;
    if (comment) {
      node.comment = comment;
      node.range[2] = split >= 0 ? this.le[split] : this.contentPos(k);
    }
    if (split >= 0) {
      // The key gets the rest: the split line's break and the lines after it.
      this.gapFrom = split;
      this.splitNl = true;
    } else this.gapFrom = k;
    return node;
  }

  /** Set when the pending gap starts with only the line break of line `gapFrom` (see `blockValue`). */
  private splitNl = false;

  /** A block scalar whose header (`|` or `>`) is at offset `q` of line `l`. */
  private blockScalar(l: number, q: number, indent: number, props: Props): Scalar {
    const { text } = this;
    const end = this.le[l];
    const folded = text.charCodeAt(q) === 0x3e;
    let chomp = '';
    let explicit = 0;
    let h = q + 1;
    for (; h < end && h < q + 3; h++) {
      const ch = text[h];
      if ((ch === '-' || ch === '+') && !chomp) chomp = ch;
      else if (ch >= '1' && ch <= '9' && !explicit) explicit = +ch;
      else break;
    }
    let comment: string | undefined;
    const r = this.skipSpaces(h, end);
    if (r < end) {
      if (text.charCodeAt(r) !== 0x23 || r === h) bail();
      // Unlike other comments, an empty one is no comment here.
      comment = text.slice(r + 1, end) || undefined;
    }
    if (!this.ln[l] || this.ln[l] === this.le[l]) bail();
    // Content lines: blank ones, or indented at least the block's indentation.
    let blockIndent = explicit ? indent + explicit : -1;
    let first = l + 1;
    while (first < this.n && this.kind[first] === 0) first++;
    if (first === this.n) bail();
    if (blockIndent < 0) {
      blockIndent = this.ind[first];
      if (blockIndent <= indent) bail(); // an empty block scalar
    } else if (this.ind[first] < blockIndent) bail();
    let lastContent = l;
    let stop = l + 1;
    for (; stop < this.n; stop++) {
      if (this.kind[stop] === 0) {
        if (this.ind[stop] > blockIndent) bail();
        continue;
      }
      if (this.ind[stop] < blockIndent) break;
      if (folded && this.ind[stop] > blockIndent) bail();
      lastContent = stop;
    }
    if (lastContent === l) bail();
    // The last content line must end with a line break.
    if (this.ln[lastContent] === this.le[lastContent]) bail();
    let value = '';
    let blanks = 0;
    let started = false;
    for (let i = l + 1; i <= lastContent; i++) {
      if (this.kind[i] === 0) {
        blanks++;
        continue;
      }
      const line = text.slice(this.ls[i] + blockIndent, this.le[i]);
      if (!started) {
        value = '\n'.repeat(blanks) + line;
        started = true;
      } else if (folded) value += (blanks ? '\n'.repeat(blanks) : ' ') + line;
      else value += '\n'.repeat(blanks + 1) + line;
      blanks = 0;
    }
    let endLine = lastContent;
    if (chomp === '+') {
      let t = lastContent + 1;
      while (t < stop && this.kind[t] === 0) t++;
      // Trailing blank lines at the end of the text: the last must end with a line break.
      value += '\n'.repeat(t - lastContent);
      endLine = t - 1;
      if (this.ln[endLine] === this.le[endLine]) bail();
    } else if (chomp === '') value += '\n';
    const node = new ScalarNode(value);
    const rangeEnd = this.ln[endLine];
    node.range = [q, rangeEnd, rangeEnd];
    node.source = value;
    node.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    if (props.tag) node.tag = props.tag;
    if (comment !== undefined) node.comment = comment;
    if (props.anchor !== undefined) node.anchor = props.anchor;
    this.gapFrom = endLine + 1;
    // A comment line right after, deeper than the collection but less than the block: not in the subset.
    const k = this.nextContent(this.gapFrom);
    for (let g = this.gapFrom; g < k; g++) if (this.kind[g] === 1 && this.ind[g] > indent) bail();
    if (k < this.n && this.ind[k] > indent) bail();
    return node;
  }

  /** A quoted scalar from `p` to `close` (after the closing quote). */
  private quoted(p: number, close: number, quote: number): Scalar {
    const { text } = this;
    const inner = text.slice(p + 1, close - 1);
    let value: string;
    if (quote === 0x27) value = inner.indexOf("'") === -1 ? inner : inner.replace(/''/g, "'");
    else if (inner.indexOf('\\') === -1) value = inner;
    else {
      value = '';
      for (let i = 0; i < inner.length; i++) {
        const ch = inner[i];
        if (ch !== '\\') {
          value += ch;
          continue;
        }
        const next = inner[++i];
        const esc = ESCAPES[next];
        if (esc !== undefined) value += esc;
        else if (next === 'x' || next === 'u' || next === 'U') {
          const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
          const hex = inner.substr(i + 1, len);
          if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) bail();
          value += String.fromCodePoint(code);
          i += len;
        } else bail();
      }
    }
    const node = new ScalarNode(value);
    node.range = [p, close, close];
    node.source = value;
    node.type = quote === 0x27 ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE';
    return node;
  }

  // ---- flow collections (one line) ----

  /** The flow collection opening at `p`; returns it with the offset after its closing bracket. */
  private flowCollection(p: number, end: number, depth = 0): { node: YAMLMap | YAMLSeq; end: number } {
    const { text } = this;
    if (depth > 16) bail();
    const isMap = text.charCodeAt(p) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    let i = this.skipSpaces(p + 1, end);
    for (;;) {
      if (i >= end) bail();
      if (text.charCodeAt(i) === close) break;
      if (isMap) {
        const c = text.charCodeAt(i);
        let key: Scalar;
        let ke: number;
        if (c === 0x22 || c === 0x27) {
          ke = this.quoteEnd(i, end, c);
          if (ke < 0) bail();
          key = this.quoted(i, ke, c);
        } else {
          const r = this.flowPlain(i, end, true);
          key = r.node;
          ke = r.end;
        }
        let j = this.skipSpaces(ke, end);
        if (text.charCodeAt(j) !== 0x3a || text.charCodeAt(j + 1) !== 0x20) bail();
        j = this.skipSpaces(j + 1, end);
        const v = this.flowItem(j, end, depth);
        (coll as YAMLMap).items.push(new PairNode(key, v.node));
        i = v.end;
      } else {
        const v = this.flowItem(i, end, depth);
        (coll as YAMLSeq).items.push(v.node);
        i = v.end;
      }
      const c = text.charCodeAt(i);
      if (c === 0x2c /* , */) i = this.skipSpaces(i + 1, end);
      else if (c !== close) bail();
    }
    coll.range = [p, i + 1, i + 1];
    return { node: coll, end: i + 1 };
  }

  /** A flow collection item at `p`; its range ends after the spaces that follow it. */
  private flowItem(p: number, end: number, depth: number): { node: FastNode; end: number } {
    const { text } = this;
    const c = text.charCodeAt(p);
    let node: FastNode;
    let e: number;
    if (c === 0x5b || c === 0x7b) {
      const r = this.flowCollection(p, end, depth + 1);
      node = r.node;
      e = r.end;
    } else if (c === 0x22 || c === 0x27) {
      e = this.quoteEnd(p, end, c);
      if (e < 0) bail();
      node = this.quoted(p, e, c);
    } else if (c === 0x2a) {
      e = p + 1;
      while (e < end && NAME_CHAR.test(text[e])) e++;
      if (e === p + 1) bail();
      node = new Alias(text.slice(p + 1, e));
      node.range = [p, e, e];
    } else {
      const r = this.flowPlain(p, end);
      node = r.node;
      e = r.end;
    }
    const s = this.skipSpaces(e, end);
    const n = text.charCodeAt(s);
    if (n !== 0x2c && n !== 0x5d && n !== 0x7d) bail();
    node.range![2] = s;
    return { node, end: s };
  }

  /** A plain scalar in a flow collection: no `:`, `#` or flow indicators inside (else fall back). */
  private flowPlain(p: number, end: number, isKey = false): { node: Scalar; end: number } {
    const { text } = this;
    if (!this.plainStart(p, end)) bail();
    let i = p;
    for (; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x2c || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d) break;
      if (ch === 0x3a && isKey && text.charCodeAt(i + 1) === 0x20) break;
      if (ch === 0x3a || ch === 0x23) bail();
    }
    let e = i;
    while (text.charCodeAt(e - 1) === 0x20) e--;
    if (e === p) bail();
    const src = text.slice(p, e);
    const node = plainScalar(src);
    node.range = [p, e, e];
    node.source = src;
    node.type = 'PLAIN';
    return { node, end: e };
  }
}

/**
 * `parseDocument(text, { uniqueKeys: false, prettyErrors: false })` for the subset of YAML that compose files
 * use, an order of magnitude faster; `undefined` for anything else (the caller then uses `parseDocument`).
 */
export function parseComposeFast(text: string): Document.Parsed | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (UNSUPPORTED_CHARS.test(bom ? text.slice(1) : text)) return undefined;
  try {
    return new FastParser(text).parse();
  } catch (e) {
    if (e === FALLBACK) {
      return undefined;
    }
    // A stack overflow on deep nesting, or a bug: the yaml package knows best.
    return undefined;
  }
}
