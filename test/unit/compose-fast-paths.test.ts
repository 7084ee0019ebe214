/**
 * The shortcuts that keep large compose files fast give the same answers as the plain code they stand for,
 * and their per-model caches belong to one model (a new version of the text never sees an old answer).
 */
import assert from 'node:assert/strict';
import { isMap, isSeq, visit, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { databaseOf } from '../../server/src/core/compose/databases';
import { reorderItems } from '../../server/src/core/compose/edit';
import { getValue, parseCompose, services, type ComposeModel } from '../../server/src/core/compose/model';
import { localeCompare, naturalCompare } from '../../server/src/core/compose/order';
import { scalarsWithDollar, valuesOf } from '../../server/src/core/compose/rule-util';
import { splitVolumeSpec } from '../../server/src/core/compose/symbols';
import { splitVolume, volumeSources } from '../../server/src/core/rules/compose/_volume-source';

/** What `scalarsWithDollar` replaces: yaml's `visit`, map keys skipped. */
function visited(m: ComposeModel): Scalar[] {
  const out: Scalar[] = [];
  visit(m.doc, {
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'string' && node.value.includes('$')) out.push(node);
    },
  });
  return out;
}

/** The character loop `splitVolumeSpec` had before its `split` shortcut. */
function splitSpecSlow(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':' && !(cur.length === 1 && /[A-Za-z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** The character loop `splitVolume` had before its shortcut for specs without `$`. */
function splitVolumeSlow(spec: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '$' && spec[i + 1] === '{') {
      depth++;
      cur += '${';
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
      cur += c;
    } else if (
      c === ':' &&
      depth === 0 &&
      !(cur.length === 1 && /[A-Za-z]/.test(cur) && /[\\/]/.test(spec[i + 1] ?? ''))
    ) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

const VOLUME_SPECS = [
  '',
  ':',
  '::',
  'data:/var/lib/x',
  './config:/etc/svc:ro',
  'C:\\data:/data',
  'C:/data:/data:rw',
  'c:relative:/x',
  'x:/a:b:/c',
  'ab:/x',
  '/a:C:/b',
  'a:b',
  '${HOME}:/root',
  '${DATA:-C:/x}:/data',
  '${A}:${B:-/b}:ro',
  '$HOME/x:/x',
  'D:\\',
  ':/x',
];

describe('compose fast paths', () => {
  it('naturalCompare and localeCompare sort as String#localeCompare does', () => {
    const words = [
      'svc10',
      'svc2',
      'Svc2',
      'svc02',
      'a',
      'B',
      'b',
      'é',
      'e',
      'z',
      '',
      'x-1',
      'x_1',
      'x1',
      '10',
      '9',
    ];
    for (const a of words)
      for (const b of words) {
        const natural =
          a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
        assert.equal(Math.sign(naturalCompare(a, b)), Math.sign(natural), `${a} vs ${b}`);
        assert.equal(Math.sign(localeCompare(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
      }
  });

  it('volume specs split as the character loops do', () => {
    for (const s of VOLUME_SPECS) {
      assert.deepEqual(splitVolumeSpec(s), splitSpecSlow(s), JSON.stringify(s));
      assert.deepEqual(splitVolume(s), splitVolumeSlow(s), JSON.stringify(s));
    }
  });

  it('databaseOf: the quick "not a database" answer agrees with the full lookup', () => {
    assert.equal(databaseOf('postgres:16')?.label, 'PostgreSQL');
    assert.equal(databaseOf('docker.io/library/postgres:16')?.label, 'PostgreSQL');
    assert.equal(databaseOf('localhost:5000/postgis/postgis:16-3.4')?.label, 'PostgreSQL');
    assert.equal(databaseOf('ghcr.io/team/bitnami/redis@sha256:abc')?.label, 'Redis');
    assert.equal(databaseOf('REDIS')?.label, 'Redis');
    assert.equal(databaseOf('registry.example.com/team/svc1:1.0'), undefined);
    assert.equal(databaseOf('library'), undefined);
    assert.equal(databaseOf('postgres-exporter:1'), undefined);
  });

  it('scalarsWithDollar finds what visit finds, in the same order, once per model', () => {
    const docs = [
      'services:\n  web:\n    image: "x:${TAG}"\n    environment:\n      $KEY: "${A:-b}"\n      B: $$literal\n    command: [sh, -c, "echo $$X ${Y}"]\n',
      'x-a: &a\n  v: ${A}\nservices:\n  w:\n    <<: *a\n    labels:\n      - "k=${B}"\n    healthcheck:\n      test: |\n        curl ${URL}\n',
      '? ${complex}\n: ${value}\n? [${k1}, plain]\n: x\nlist:\n  - - ${deep}\n    - {a: ${flow}, ${fk}: v}\n',
      '"${top}"\n',
      'a: b # ${comment}\n---\nc: ${second-document}\n',
      '',
    ];
    for (const d of docs) {
      const m = parseCompose(d);
      const got = scalarsWithDollar(m);
      assert.deepEqual(got, visited(m), d);
      assert.equal(scalarsWithDollar(m), got, 'cached for the model');
    }
    // A new version of the text is a new model: it is walked again.
    const v1 = parseCompose('a: ${X}\n');
    const v2 = parseCompose('a: ${X}\nb: ${Y}\n');
    assert.equal(scalarsWithDollar(v1).length, 1);
    assert.equal(scalarsWithDollar(v2).length, 2);
    assert.equal(scalarsWithDollar(v1).length, 1);
  });

  it('valuesOf gives what getValue gives for each key (own, merged, aliases, absent)', () => {
    const m = parseCompose(
      'x-base: &base\n  restart: always\n  image: base:1\n  ports: &p ["80:80"]\nservices:\n  web:\n    <<: *base\n    image: web:2\n    expose: *p\n    tty: true\n',
    );
    const web = services(m)[0].node;
    const keys = new Set(['restart', 'image', 'ports', 'expose', 'tty', 'missing', '<<']);
    const got = valuesOf(m, web, keys);
    for (const k of keys) assert.equal(got.get(k), getValue(m, web, k), k);
    assert.equal(valuesOf(m, undefined, keys).size, 0);
  });

  it('volumeSources are kept per service node: a new model (new text) gets its own', () => {
    const text = (src: string) => `services:\n  w:\n    image: a:1\n    volumes:\n      - ${src}:/x\n`;
    const m1 = parseCompose(text('./one'));
    const m2 = parseCompose(text('./two'));
    const w1 = services(m1)[0].node;
    const w2 = services(m2)[0].node;
    assert.equal(volumeSources(m1, w1)[0].source, './one');
    assert.equal(volumeSources(m2, w2)[0].source, './two');
    assert.equal(volumeSources(m1, w1), volumeSources(m1, w1), 'cached');
    assert.equal(volumeSources(m1, w1)[0].source, './one');
    assert.deepEqual(volumeSources(m1, undefined), []);
  });

  describe('reorderItems still refuses to put an alias above its anchor', () => {
    const reorder = (src: string, path: string[], order: number[]) => {
      const m = parseCompose(src);
      let node: unknown = m.doc.contents;
      for (const k of path) node = getValue(m, node, k);
      assert.ok(isMap(node) || isSeq(node));
      return reorderItems(m, node as YAMLMap | YAMLSeq, order);
    };

    it('alias moved above its anchor: no edit; anchor kept above: an edit', () => {
      const src = 'services:\n  c:\n    image: c:1\n  b: &b\n    image: x:1\n  a:\n    <<: *b\n';
      assert.equal(reorder(src, ['services'], [2, 1, 0]), undefined);
      assert.ok(reorder(src, ['services'], [1, 2, 0]));
      assert.ok(reorder(src, ['services'], [1, 0, 2]));
    });

    it('a first sequence item whose anchor sits on its `- ` line', () => {
      const src = 'x:\n  - &a\n    k: 1\n  - *a\n';
      assert.equal(reorder(src, ['x'], [1, 0]), undefined);
    });

    it('an anchor-like text in a comment or a string does not stop the edit', () => {
      const src = 'services:\n  # uses &fake and *fake\n  b:\n    image: "x&y*z"\n  a:\n    image: a:1\n';
      const e = reorder(src, ['services'], [1, 0]);
      assert.ok(e);
      assert.match(e.newText, /^ {2}a:\n {4}image: a:1\n {2}# uses &fake and \*fake\n {2}b:/);
    });

    it('many services, anchors and aliases mixed: the same answer as checking every pair', () => {
      const n = 40;
      const lines = ['services:'];
      for (let i = 0; i < n; i++) {
        lines.push(`  s${i}:${i % 7 === 0 ? ` &a${i}` : ''}`, `    image: i:${i}`);
        if (i % 5 === 3) lines.push(`    labels: *a${i - (i % 7)}`);
      }
      const src = lines.join('\n') + '\n';
      const m = parseCompose(src);
      const svcs = getValue(m, m.doc.contents, 'services') as YAMLMap;
      // item i holds anchor a{i} when i % 7 == 0; item i uses a{i - i % 7} when i % 5 == 3.
      const anchorOf = (i: number) => (i % 7 === 0 ? i : -1);
      const usesAnchorOf = (i: number) => (i % 5 === 3 ? i - (i % 7) : -1);
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let t = 0; t < 30; t++) {
        const order = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
        const pos: number[] = [];
        order.forEach((o, p) => (pos[o] = p));
        let ok = true;
        for (let j = 0; j < n; j++) {
          const a = usesAnchorOf(j);
          if (a >= 0 && anchorOf(a) === a && a !== j && pos[a] > pos[j]) ok = false;
        }
        const e = reorderItems(m, svcs, order);
        assert.equal(e !== undefined, ok, `order ${order.join(',')}`);
      }
    });
  });
});
