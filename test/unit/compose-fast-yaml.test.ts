/**
 * The oracle for `parseComposeFast` (server/src/core/compose/fast-yaml.ts): for every input it either falls
 * back (returns undefined) or returns a Document equal, node by node and field by field, to the yaml
 * package's `parseDocument` with the options `parseCompose` uses.
 */
import { strict as assert } from 'node:assert';
import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq, isDocument, parseDocument } from 'yaml';
import { parseComposeFast } from '../../server/src/core/compose/fast-yaml';
import { NO_CORPUS_MESSAGE, corpusDir, generateCompose, loadCorpus } from '../helpers/corpus';

const OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

const NODE_FIELDS = [
  'value',
  'range',
  'type',
  'source',
  'format',
  'minFractionDigits',
  'anchor',
  'tag',
  'comment',
  'commentBefore',
  'spaceBefore',
  'flow',
] as const;

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Own enumerable fields, with undefined ones dropped. */
function ownFields(o: object): string[] {
  return Object.keys(o)
    .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
    .sort();
}

function compareNode(fast: unknown, slow: unknown, path: string, fastDoc: Document, slowDoc: Document): void {
  if (slow === null || slow === undefined) {
    assert.equal(fast, slow, `${path}: expected ${String(slow)}`);
    return;
  }
  assert.ok(fast !== null && typeof fast === 'object', `${path}: expected a node`);
  assert.equal(
    (fast as object).constructor,
    (slow as object).constructor,
    `${path}: constructor ${(fast as object).constructor.name} vs ${(slow as object).constructor.name}`,
  );
  assert.deepEqual(ownFields(fast as object), ownFields(slow as object), `${path}: field names`);
  for (const f of NODE_FIELDS) {
    const a = (fast as Record<string, unknown>)[f];
    const b = (slow as Record<string, unknown>)[f];
    assert.ok(same(a, b), `${path}.${f}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  if (slow instanceof Pair) {
    const fp = fast as Pair;
    compareNode(fp.key, slow.key, `${path}.key`, fastDoc, slowDoc);
    compareNode(
      fp.value,
      slow.value,
      `${path}.value(${String((slow.key as Scalar)?.value)})`,
      fastDoc,
      slowDoc,
    );
    return;
  }
  if (slow instanceof YAMLMap || slow instanceof YAMLSeq) {
    const fc = fast as YAMLMap | YAMLSeq;
    assert.equal((fc as unknown as { schema: unknown }).schema, fastDoc.schema, `${path}: schema`);
    assert.equal((slow as unknown as { schema: unknown }).schema, slowDoc.schema);
    assert.equal(fc.items.length, slow.items.length, `${path}: item count`);
    for (let i = 0; i < slow.items.length; i++)
      compareNode(fc.items[i], slow.items[i], `${path}[${i}]`, fastDoc, slowDoc);
  }
  if (slow instanceof Alias) assert.equal((fast as Alias).source, slow.source, `${path}: alias source`);
}

function issues(list: { code: string; message: string; pos: [number, number]; name: string }[]) {
  return list.map((e) => ({
    name: e.name,
    code: e.code,
    message: e.message,
    pos: e.pos,
    keys: Object.keys(e),
  }));
}

function toJS(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return { thrown: String(e) };
  }
}

function stringify(doc: Document.Parsed): string {
  try {
    return String(doc);
  } catch (e) {
    return `thrown: ${String(e)}`;
  }
}

/** Asserts that the fast parser's Document is the yaml package's. */
export function assertSameDocument(fast: Document.Parsed, slow: Document.Parsed): void {
  assert.ok(isDocument(fast));
  assert.deepEqual(ownFields(fast), ownFields(slow), 'document field names');
  assert.deepEqual(fast.range, slow.range, 'document range');
  assert.equal(fast.comment, slow.comment, 'document comment');
  assert.equal(fast.commentBefore, slow.commentBefore, 'document commentBefore');
  assert.deepEqual({ ...fast.directives }, { ...slow.directives }, 'directives');
  const { _directives: fd, ...fo } = fast.options as Record<string, unknown>;
  const { _directives: sd, ...so } = slow.options as Record<string, unknown>;
  assert.deepEqual(fo, so, 'options');
  assert.deepEqual({ ...(fd as object) }, { ...(sd as object) }, 'options._directives');
  assert.equal(fast.schema.name, slow.schema.name);
  assert.deepEqual(
    fast.schema.tags.map((t) => t.tag),
    slow.schema.tags.map((t) => t.tag),
    'schema tags',
  );
  assert.deepEqual(issues(fast.errors), issues(slow.errors), 'errors');
  assert.deepEqual(issues(fast.warnings), issues(slow.warnings), 'warnings');
  compareNode(fast.contents, slow.contents, 'contents', fast, slow);
  assert.deepEqual(toJS(fast), toJS(slow), 'toJS');
  assert.equal(stringify(fast), stringify(slow), 'String(doc)');
}

/** Parses `text` both ways; returns whether the fast path was taken (and matched). */
function check(text: string, label = ''): boolean {
  const fast = parseComposeFast(text);
  if (!fast) return false;
  const slow = parseDocument(text, OPTIONS);
  try {
    assertSameDocument(fast, slow);
  } catch (e) {
    const shown = JSON.stringify(text.length > 3000 ? text.slice(0, 3000) : text);
    throw new Error(`${label}: ${(e as Error).message}\n${shown}`, { cause: e });
  }
  return true;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = [
  '\n# c\n',
  '\n  # c\n',
  '\n    #\n',
  '\n\n',
  ' # c',
  ':\n',
  '- a: 1\n',
  '"',
  "'",
  ':',
  ': ',
  '#',
  ' #',
  '- ',
  '-',
  '&x ',
  '*x',
  '|',
  '>',
  '\t',
  '\r\n',
  '\n',
  ' ',
  '  ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '!reset ',
  '\\',
  '---\n',
  '0x1',
  '1.50',
  '~',
];

function mutate(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (t.length + 1));
    const r = random();
    if (r < 0.25) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 4));
    else if (r < 0.35) {
      // Indent or dedent a line.
      const s = t.lastIndexOf('\n', at - 1) + 1;
      t =
        random() < 0.5
          ? `${t.slice(0, s)}  ${t.slice(s)}`
          : t.slice(0, s) + t.slice(s).replace(/^ {1,2}/, '');
    } else if (r < 0.45) {
      // Delete or duplicate a whole line.
      const s = t.lastIndexOf('\n', at - 1) + 1;
      const e = t.indexOf('\n', at);
      const line = t.slice(s, e === -1 ? t.length : e + 1);
      t = random() < 0.5 ? t.slice(0, s) + t.slice(s + line.length) : t.slice(0, s) + line + t.slice(s);
    } else t = t.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)] + t.slice(at);
  }
  return t;
}

const FAST_CASES: Record<string, string> = {
  'plain map': 'name: x\nservices:\n  web:\n    image: nginx\n',
  'comments everywhere':
    '# head\n\nname: x # c\n# before\nservices:\n  a: &x\n    image: "b"\n    t: !reset null\n  b:\n    <<: *x\n    l: [1, "a", {x: y}]\n    s:\n      - a: 1\n        b: 2\n      - |-\n        hi\n# tail\n',
  'prelude comment to first key': '# h1\n\n# h2\na: # ca\n  # cb\n  - x # cx\n  # cy\n  - y\n\n  - z\n# cz\n',
  'prelude after blank': '\n# h\na: 1\n',
  'prelude comment then blank': '# h\n\na: 1\n',
  'doc start': '---\n# h\na: |\n  x\n\n  y\n\n\nb: >+\n  f\n\n# t\n',
  'doc start comment': '--- # c\na: 1\n',
  'doc start blank': '---\n\n# c\na: 1\n',
  'comment before doc start': '# c\n---\na: 1\n',
  'trailing comment nested': 'a:\n  b: 1\n  # c1\n\n# c2\nd: 2 # c3\n# c4\n',
  'dedented comment': 'a:\n  b:\n    c: 1\n  # x\n  d: 2\n',
  'col0 comment in nested': 'a:\n  b:\n    c: 1\n# x\n  d: 2\n',
  'deep comment stays': 'a:\n  b:\n    c: 1\n    # x\n  d: 2\n',
  'blank then comment': 'a:\n  b:\n    c: 1\n\n  # x\n  d: 2\n',
  'seq comments': 'a:\n  - c: 1\n  # x\n  - d\n',
  'seq end comment': 'a:\n  - c: 1\n\n  # x\nb: 1\n',
  'compact map end comment': 'a:\n  - c: 1\n    # x\n  - d\n',
  'seq spacing': 'a:\n\n  - c\n  # x\n\n  # y\n  - d\n\n\n',
  'comment then blank': 'a: 1\n# x\n\nb: 2\n',
  'nested end comment at eof': 'a:\n  b: 1\n  # x\n',
  'nested end comment blank at eof': 'a:\n  b: 1\n  # x\n\n',
  'trailing blanks': 'a:\n  b: 1\n\n',
  'doc comments': 'a:\n  b: 1\n\n\n# x\n\n\n# y\n\n',
  'empty values': 'a:\nb:   \nc:  # x\n',
  'empty value comment': 'a: # c\n',
  'anchor comment nested': 'a: &x # c\n  b: 1\n',
  flows:
    "a: [x] # c\nb: {k: v}  \nc: [ a , 'b' ,]\nd: []\ne: {}\nf: { k : v , 'q': \"w\" }\ng: [ [1], {}, *a ]\n",
  'compact maps': 'a:\n- a\n- b: 1\n  c: 2\n-   d: 3\n- "q": 1\n',
  tags: 'a: !reset\nb: !reset []\nc: !override\n  d: 1\ne: !reset 1\nf: !reset ~\ng: !override [1]\nh: !reset "x"\ni: &t !reset 2\n',
  'nested tags': 'a: !override\n  b: !reset 1\n',
  'trailing spaces': "a: x   \nb: 'x'  # c\n",
  'indented comment after scalar': 'a: x\n  # c1\n  # c2\nb: 1\n',
  'indented comment after blank': 'a: x\n\n  # c1\nb: 1\n',
  'comment trailing spaces': 'a: x # c   \n',
  'keep chomping': 'a: |+\n  x\n\nb: 1\n',
  'clip at eof': 'a: |\n  x\n\n\n',
  'comment-like block content': 'a: |-\n  x\n\n  # c\nb: 1\n',
  'undefined alias': 'a: *nope\n',
  'duplicate keys': 'a: 1\na: 2\n',
  'quoted keys': '"a": 1\n\'b\' : 2\nc : 3\n',
  crlf: 'a: 1\r\n# x\r\n\r\n# y\r\nb: 2 # z\r\nc: |\r\n  l1\r\n\r\n  l2\r\n# e\r\n\r\n# f\r\n',
  bom: '\uFEFFa: 1\n',
  'bom comment': '\uFEFF# c\n\na: 1\n',
  'bom doc start': '\uFEFF---\na: 1\n',
  'bom comment first key': '\uFEFF# c\na: 1\n',
  'empty value then comment': 'a:\n# c\nb: 1\n',
  'empty value deep comment': 'a:\n  # deep\n\n# c\nb: 1\n',
  'empty value at eof': 'a:\n# c\n',
  'empty nested value dedent': 'x:\n  a:\n  # c\ny: 1\n',
  'empty anchored and tagged': 'a: &x\nb: !reset # c\n',
  'empty value comments 1': 'c:  # x\nd: 1\n',
  'empty value comments 2': 'c:  # x\n# y\nd: 1\n',
  'empty value comments 3': 'c:  # x\n\n',
  'empty value comments 4': 'c: # x\n  # y\nd: 1\n',
  'empty value comments 5': 'c: # x\n  # y\n\nd: 1\n',
  'empty value comments 6': 'c:\n\n# y\nd: 1\n',
  'empty value comments 7': 'c:\n\n\nd: 1\n',
  'empty value comments 8': 'c:\n  # y\n# z\nd: 1\n',
  'empty value comments 9': 'c: # x\n\n  # y\n\n# z\n\nd: 1\n',
  'empty value comments 10': 'm:\n  c: # x\n    # y\n  d: 1\n',
  'scalars core schema':
    'a: ~\nb: null\nc: Null\nd: NULL\ne: true\nf: False\ng: TRUE\nh: 0o17\ni: 0x1F\nj: -12\nk: +3\nl: 1.5\nm: 1.50\nn: 1e3\no: .inf\np: -.Inf\nq: .NaN\nr: 012\ns: 1.\nt: .5\nu: yes\nv: 0b1\nw: 123456789012345678901234567890\nx: 2024-01-01\ny: 1_000\n',
  'numeric keys': '1: a\n0x10: b\n1.0: c\ntrue: d\n~: e\n',
  'double-quoted escapes':
    "a: \"\\t\\n\\\\\\\"\\/\\x41\\u00e9\\U0001F600\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ \"\nb: 'it''s'\n",
  'block scalars':
    'a: |\n  l1\n    l2\n\n  l3\nb: >\n  f1\n  f2\n\n  f3\n\n\n  f4\nc: |-\n  s\n\nd: >-\n  x\n  y\ne: |2\n    two\nf: |+\n  k\n\n\ng: |1-\n  z\nh: |\n\n  lead\ni: > # hc\n  x\nj: !reset |\n  t\nk: &bs |\n  a\n',
  'block scalar in seq': 'a:\n  - |\n    x\n  - >-\n    y\n    z\n  - k: |\n      v\n    m: 1\n',
  merges: 'x-a: &a\n  p: 1\nx-b: &b\n  q: 2\ns:\n  <<: [*a, *b]\n  r: 3\nt:\n  <<: *a\n',
  'seq at map indent': 'a:\n- x\n- y\nb: 1\n',
  'seq of seqs via flow': 'a:\n  - [1, 2]\n  - {a: b}\n',
  'plain with specials':
    'a: http://x:80/y?z=1#frag\nb: ${VAR:-default}\nc: a#b\nd: -x\ne: "a # b"\nf: foo bar  baz\ng: [a b, c]\n',
  'deep comment after alias': 'a: &x 1\nb: *x\n   # c\nc: 2\n',
  'deep comment after seq item': 'a:\n  - x\n    # c\n  - y\n',
  'no final newline': 'a: 1\nb: x # c',
  'no final newline nested': 'a:\n  b: 1',
  'comment no final newline': 'a: 1\n# c',
  'document start only comment': '--- #\na: 1\n',
  'empty comment': 'a: 1 #\n#\nb: 2\n',
  'indentation indicator in compact map': 'a:\n  - k: |2\n      x\n    m: 1\n',
  'indentation indicator in seq': 'a:\n  - |1\n    x\n',
  'keep chomping at eof': 'a: |+\n  x\n\n',
  'folded with blank lines': 'a: >\n\n  x\n  y\n\n\n  z\nb: 1\n',
  'strip with trailing blank': 'a: >-\n  x\n\n',
  'nested block scalar then blank': 'a:\n  b: |\n    x\n\n  c: 1\n',
  'indicator with strip': 'a: |2-\n   x\n  y\n',
  'seq at map indent then comment': 'a:\n- b\n- c\n# x\nd: 1\n',
  'compact map with extra spaces': 'a:\n  - b\n  -   c: 1\n      d: 2\n',
  'anchored seq and flow': 'x: &a\n  - 1\ny: *a\nz: &b [1]\nw: &c {c: *b}\n',
  'empty comments between': 'a: 1 #c\n#\n  #\nb: 2\n',
  'deep then less deep comment': 'a:\n  b: x\n      # deep\n    # less\n  c: 1\n',
  'more numbers': 'a: -1.5e+3\nb: 0o\nc: +.inf\nd: -.nan\ne: 00\nf: 0x\n',
  'long doc': generateCompose(3),
};

const FALLBACK_CASES: Record<string, string> = {
  empty: '',
  'only comments': '# c\n',
  'top-level seq': '- a\n',
  'top-level scalar': 'hello\n',
  tabs: 'a:\tb\n',
  'tab indentation': 'a:\n\tb: 1\n',
  'multi-line plain': 'a: b\n  c\n',
  'multi-line quoted': 'a: "b\n  c"\n',
  'multi-line flow': 'a: [1,\n  2]\n',
  'complex key': '? a\n: b\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'document end': 'a: 1\n...\n',
  'second document': 'a: 1\n---\nb: 2\n',
  'duplicate anchors': 'a: &x 1\nb: &x 2\n',
  'other tag': 'a: !!str 1\n',
  'custom tag': 'a: !foo 1\n',
  'nested compact map': 'a: b: c\n',
  'bad indentation': 'a:\n  b: 1\n c: 2\n',
  'lone cr': 'a: 1\rb: 2\n',
  'empty seq item': 'a:\n  -\n  - b\n',
  'scalar on next line': 'a:\n  b\n',
  'unclosed quote': 'a: "b\n',
  'bad escape': 'a: "\\q"\n',
  'flow with colon': 'a: [a:b]\n',
  'flow with comment': 'a: [a, # c\n  b]\n',
  'indented root': '  a: 1\n',
};

describe('compose fast YAML path (oracle: yaml parseDocument)', function () {
  this.timeout(120_000);

  for (const [name, text] of Object.entries(FAST_CASES))
    it(`same document: ${name}`, () => {
      assert.ok(check(text, name), `expected the fast path for ${JSON.stringify(text)}`);
    });

  for (const [name, text] of Object.entries(FALLBACK_CASES))
    it(`falls back: ${name}`, () => {
      assert.equal(parseComposeFast(text), undefined);
      // Whatever yaml says about it, parseCompose still gets a Document from the slow path.
      assert.ok(parseDocument(text, OPTIONS));
    });

  it('takes the fast path on generated files (20, 200, 2000 services)', () => {
    for (const n of [20, 200, 2000]) assert.ok(check(generateCompose(n), `generated ${n}`), `generated ${n}`);
  });

  it('matches or falls back on every corpus compose file (and takes the fast path for most)', function () {
    if (!corpusDir()) {
      console.log(`      ${NO_CORPUS_MESSAGE}`);
      this.skip();
    }
    const files = loadCorpus('compose');
    const fallbacks: string[] = [];
    for (const f of files) if (!check(f.text, f.name)) fallbacks.push(f.name);
    console.log(
      `      fast path: ${files.length - fallbacks.length}/${files.length} corpus compose files (${fallbacks.length} fall back)`,
    );
    assert.ok(
      files.length - fallbacks.length >= 0.85 * files.length,
      `too many fallbacks: ${fallbacks.join(', ')}`,
    );
  });

  it('matches or falls back on seeded random mutations', function () {
    const bases = [generateCompose(4), ...Object.values(FAST_CASES)];
    if (corpusDir()) for (const f of loadCorpus('compose')) if (f.text.length < 20_000) bases.push(f.text);
    // FAST_YAML_FUZZ_MS and FAST_YAML_FUZZ_SEED run longer or other campaigns by hand.
    const random = rng(Number(process.env.FAST_YAML_FUZZ_SEED ?? 0xc0ffee));
    let fast = 0;
    let total = 0;
    const deadline = Date.now() + Number(process.env.FAST_YAML_FUZZ_MS ?? 1500);
    while (Date.now() < deadline || total < 500) {
      const base = bases[Math.floor(random() * bases.length)];
      const text = mutate(base, random);
      total++;
      if (check(text, `mutation #${total}`)) fast++;
    }
    console.log(`      mutations: ${total} checked, ${fast} on the fast path`);
  });
});
