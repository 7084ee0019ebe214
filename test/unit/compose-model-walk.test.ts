/**
 * The model's single analysis walk (done while parsing) and the shortcuts built on it: the plain-JS copy
 * assigns keys directly in maps known to have no duplicate and no merge key, merge resolution keeps its state
 * for the last model asked about, and "nested too deeply" points at the first deep collection. Each gives the
 * answers of the plain code it replaces, and nothing leaks from one model to the next.
 */
import assert from 'node:assert/strict';
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { databaseOf } from '../../server/src/core/compose/databases';
import {
  NESTED_TOO_DEEPLY,
  entries,
  getValue,
  keyName,
  parseCompose,
  scalarText,
  services,
  tagOf,
  toPlain,
  type ComposeModel,
} from '../../server/src/core/compose/model';
import { lintText } from '../../server/src/core/engine';
import { deepYaml, generateCompose } from '../helpers/corpus';

/** The plain-JS conversion as it was written before the shortcut: `hasOwnProperty` on every key. */
function plainSlow(model: ComposeModel): unknown {
  const anchors = new Map<string, Node>();
  const conv = new Map<unknown, unknown>();
  // Aliases resolve to the last anchor of that name before them (document order).
  const targets = new Map<unknown, Node>();
  const index = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (isAlias(n)) {
      const t = anchors.get(n.source);
      if (t) targets.set(n, t);
      return;
    }
    const a = (n as { anchor?: string }).anchor;
    if (a) anchors.set(a, n as Node);
    if (isMap(n))
      for (const p of n.items) {
        index(p.key);
        index(p.value);
      }
    else if (isSeq(n)) for (const it of n.items) index(it);
  };
  index(model.doc.contents);
  const js = (n: unknown): unknown => {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) return targets.has(n) ? js(targets.get(n)) : null;
    if (conv.has(n)) return conv.get(n);
    if (isScalar(n)) return n.value ?? null;
    if (isSeq(n)) {
      const arr: unknown[] = [];
      if ((n as { anchor?: string }).anchor) conv.set(n, arr);
      for (const it of n.items) arr.push(js(it));
      return arr;
    }
    if (!isMap(n)) return null;
    const obj: Record<string, unknown> = {};
    if ((n as { anchor?: string }).anchor) conv.set(n, obj);
    const put = (k: string, v: unknown) => {
      if (k === '__proto__' || Object.prototype.hasOwnProperty.call(obj, k)) return;
      if (tagOf(v) === '!reset') return;
      obj[k] = js(v);
    };
    if (n.items.some((p) => isScalar(p.key) && p.key.value === '<<'))
      for (const e of entries(model, n)) put(e.key, e.pair.value);
    else
      for (const p of n.items) {
        const k = keyName(p);
        if (k !== undefined) put(k, p.value);
      }
    return obj;
  };
  return js(model.doc.contents);
}

const SAMPLES = [
  // duplicate keys: the first one wins
  'services:\n  web:\n    image: a\n    image: b\n    ports: ["1"]\n    ports: ["2"]\n',
  // a `!reset` first, then the same key again: the later one is kept
  'services:\n  web:\n    image: !reset a\n    image: b\n',
  // `!reset` of a merged key; an own key over a merged one
  'x-d: &d\n  restart: always\n  image: base\nservices:\n  web:\n    <<: *d\n    restart: !reset null\n    image: mine\n',
  // merge lists, nested merges, inline maps
  'x-a: &a\n  p: 1\n  q: 1\nx-b: &b\n  <<: *a\n  q: 2\nservices:\n  web:\n    <<: [*b, {s: 3, p: 3}]\n    image: x:1\n',
  // a map whose only key is `<<`
  'x-a: &a\n  image: a\nservices:\n  web:\n    <<: *a\n',
  // odd keys: __proto__, numbers, booleans, null, prototype names, non-scalar keys
  'services:\n  web:\n    __proto__: {polluted: true}\n    constructor: 1\n    toString: 2\n    1: one\n    true: yes\n    ~: nothing\n    ? [a, b]\n    : seq-key\n    hasOwnProperty: 3\n',
  // anchors shared by aliases (one converted value), an alias of a scalar, an undefined alias
  'x-e: &e {A: "1"}\nservices:\n  a:\n    environment: *e\n  b:\n    environment: *e\n    image: &img x:1\n  c:\n    image: *img\n    command: *nope\n',
  // a duplicate key inside a merging map
  'x-a: &a\n  image: a\nservices:\n  web:\n    <<: *a\n    ports: ["1"]\n    ports: ["2"]\n',
  generateCompose(60),
];

describe('compose model: one analysis walk and the plain-JS shortcut', () => {
  it('toPlain gives what the key-by-key conversion with hasOwnProperty gives', () => {
    for (const text of SAMPLES) {
      const m = parseCompose(text);
      const fast = toPlain(m);
      assert.equal(fast.aliasBomb, undefined, text);
      assert.deepEqual(fast.value, plainSlow(parseCompose(text)), text);
      // No prototype pollution through a `__proto__` key.
      assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    }
  });

  it('merge resolution of one model never answers for another (models asked about in turn)', () => {
    const a = parseCompose('x-d: &d\n  image: from-a\nservices:\n  web:\n    <<: *d\n');
    const b = parseCompose('x-d: &d\n  image: from-b\n  restart: always\nservices:\n  web:\n    <<: *d\n');
    const image = (m: ComposeModel) => scalarText(getValue(m, services(m)[0].node, 'image'));
    for (let i = 0; i < 3; i++) {
      assert.equal(image(a), 'from-a');
      assert.equal(image(b), 'from-b');
      assert.equal(getValue(a, services(a)[0].node, 'restart'), undefined);
      assert.equal(scalarText(getValue(b, services(b)[0].node, 'restart')), 'always');
    }
    // A new model of edited text sees the edit, even right after the old one was asked.
    const a2 = parseCompose('x-d: &d\n  image: edited\nservices:\n  web:\n    <<: *d\n');
    assert.equal(image(a), 'from-a');
    assert.equal(image(a2), 'edited');
  });

  it('nested too deeply: one error, at the first deep collection in document order', () => {
    const one = `${'['.repeat(600)}1${']'.repeat(600)}`;
    const m = parseCompose(`services:\n  web:\n    image: x\nx-a: ${one}\nx-b: ${one}\n`);
    const deep = m.errors.filter((e) => e.code === NESTED_TOO_DEEPLY);
    assert.equal(deep.length, 1);
    assert.ok(deep[0].start < m.text.indexOf('\nx-b:'), 'reported in the first branch');
    assert.equal(deep[0].start, m.text.indexOf('[') + 499);
    assert.deepEqual(parseCompose(deepYaml(400, 'flow')).errors, []);
  });

  it('databaseOf answers the same from its cache, also after the cache is cleared', () => {
    const refs = ['postgres:16', 'docker.io/library/redis:7', 'nginx:1', 'registry.example.com/team/svc:1'];
    const first = refs.map((r) => databaseOf(r)?.label);
    assert.deepEqual(first, ['PostgreSQL', 'Redis', undefined, undefined]);
    for (let i = 0; i < 5000; i++) databaseOf(`img${i}:1`);
    assert.deepEqual(
      refs.map((r) => databaseOf(r)?.label),
      first,
    );
    assert.deepEqual(
      refs.map((r) => databaseOf(r)?.label),
      first,
    );
  });

  it('ordering rules: items already in order give nothing; equal keys keep their order', () => {
    const rule = 'compose-services-order';
    const lint = (t: string) =>
      lintText(t, 'compose', { config: { rules: {}, allRules: true }, only: [rule] });
    assert.deepEqual(lint('services:\n  a:\n    image: x\n  b:\n    image: x\n  c:\n    image: x\n'), []);
    const out = lint('services:\n  a:\n    image: x\n  c:\n    image: x\n  b:\n    image: x\n');
    assert.equal(out.length, 1);
    assert.equal(out[0].range.start.line, 5);
  });
});
