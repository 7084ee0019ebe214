import assert from 'node:assert/strict';
import { isScalar } from 'yaml';
import {
  deref,
  duplicateKeys,
  entries,
  getValue,
  MAX_MERGE_WORK,
  mergeOverflow,
  nodeAtPath,
  nodeSpan,
  parseCompose,
  services,
  toPlain,
  topLevelPair,
  unresolvedAliases,
  NESTED_TOO_DEEPLY,
} from '../../server/src/core/compose/model';
import { lintText } from '../../server/src/core/engine';
import { deepYaml, mergeBomb } from '../helpers/corpus';
import { findVarRefs, hasInterpolation, interpolate } from '../../server/src/core/compose/interpolate';
import { parseDotenv } from '../../server/src/core/compose/dotenv';
import {
  checkByteSize,
  checkDuration,
  checkPort,
  isIPv6,
  parsePort,
} from '../../server/src/core/compose/values';

const text = (m: ReturnType<typeof parseCompose>, n: unknown) => {
  const s = nodeSpan(n)!;
  return m.text.slice(s[0], s[1]);
};

describe('compose model', () => {
  const src =
    'x-base: &base\n  restart: always\n  image: base:1\nx-more: &more\n  user: app\nservices:\n  web:\n    <<: [*base, *more]\n    image: web:2\n  db: *base\n';
  const m = parseCompose(src);

  it('keeps parseCompose and topLevelPair working', () => {
    assert.equal(m.kind, 'compose');
    assert.ok(topLevelPair(m, 'services'));
    assert.equal(topLevelPair(m, 'nope'), undefined);
  });

  it('merge keys: own keys first and win, merged keys are marked', () => {
    const web = services(m).find((s) => s.name === 'web')!;
    assert.deepEqual(
      entries(m, web.node).map((e) => [e.key, e.own]),
      [
        ['image', true],
        ['restart', false],
        ['user', false],
      ],
    );
    assert.equal(text(m, getValue(m, web.node, 'image')), 'web:2');
    assert.equal(text(m, getValue(m, web.node, 'user')), 'app');
  });

  it('aliases resolve to their anchor (a whole service as an alias too)', () => {
    const db = services(m).find((s) => s.name === 'db')!;
    assert.equal(text(m, getValue(m, db.node, 'image')), 'base:1');
    assert.ok(isScalar(deref(m, getValue(m, db.node, 'restart'))));
  });

  it('toPlain applies merges, drops !reset keys, keeps !override values', () => {
    const p = parseCompose(
      'services:\n  web:\n    image: a:1\n    ports: !reset []\n    environment: !override\n      A: "1"\n',
    );
    assert.deepEqual(toPlain(p).value, { services: { web: { image: 'a:1', environment: { A: '1' } } } });
    assert.deepEqual((toPlain(m).value as any).services.web, {
      image: 'web:2',
      restart: 'always',
      user: 'app',
    });
  });

  it('toPlain stops alias bombs without expanding them', () => {
    let t = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      t += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    const start = Date.now();
    const r = toPlain(parseCompose(t));
    assert.ok(Date.now() - start < 1000);
    assert.equal(r.value, undefined);
    assert.match(r.aliasBomb!.message, /Too many aliases/);
  });

  it('toPlain calls an alias bomb "too many aliases or merge keys"', () => {
    const r = toPlain(parseCompose(mergeBomb(8, 8)));
    assert.equal(r.value, undefined);
    assert.match(r.aliasBomb!.message, /Too many aliases or merge keys/);
  });

  it('merge keys are resolved once per map: a merge-key bomb is linear', () => {
    const bomb = parseCompose(mergeBomb(12, 12));
    const start = performance.now();
    const web = services(bomb)[0];
    assert.deepEqual(
      entries(bomb, web.node)
        .map((e) => e.key)
        .sort(),
      ['image', ...Array.from({ length: 13 }, (_, i) => `k${i}`)].sort(),
    );
    assert.equal(mergeOverflow(bomb), undefined);
    assert.ok(performance.now() - start < 1000, `${(performance.now() - start).toFixed(0)} ms`);
  });

  it('a map merging itself (alias inside its own anchor) terminates', () => {
    const d = parseCompose(
      'x-a: &a\n  k: v\n  <<: [*a, *a, *a]\nservices:\n  web:\n    <<: *a\n    image: x:1\n',
    );
    assert.deepEqual(
      entries(d, services(d)[0].node).map((e) => [e.key, e.own]),
      [
        ['image', true],
        ['k', false],
      ],
    );
  });

  it('merge resolution has a budget: beyond it, one "too many aliases or merge keys" finding', () => {
    // One anchor of 1,000 keys merged by enough maps to take more than MAX_MERGE_WORK pairs.
    const keys = 1000;
    const maps = Math.ceil(MAX_MERGE_WORK / keys) + 2;
    const out = ['x-big: &big'];
    for (let i = 0; i < keys; i++) out.push(`  k${i}: v`);
    out.push('x-users:');
    for (let i = 0; i < maps; i++) out.push(`  u${i}:`, '    <<: *big');
    out.push('services:', '  web:', '    image: nginx:1.27', '');
    const d = parseCompose(out.join('\n'));
    const start = performance.now();
    const over = mergeOverflow(d);
    assert.ok(over, 'over budget');
    assert.ok(performance.now() - start < 2000);
    const r = toPlain(d);
    assert.equal(r.value, undefined);
    assert.match(r.aliasBomb!.message, /Too many aliases or merge keys/);
    const findings = lintText(out.join('\n'), 'compose').filter((f) =>
      /too many aliases or merge keys/i.test(f.message),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'yaml-syntax');
  });

  it('merges as before: own keys first, then merged keys in merge order, later merges do not override', () => {
    const d = parseCompose(
      'x-a: &a\n  p: 1\n  q: 1\nx-b: &b\n  <<: *a\n  q: 2\n  r: 2\nservices:\n  web:\n    <<: [*b, {s: 3, p: 3}]\n    image: x:1\n',
    );
    const web = services(d)[0].node;
    assert.deepEqual(
      entries(d, web).map((e) => `${e.key}=${String((e.pair.value as { value?: unknown }).value)}`),
      ['image=x:1', 'q=2', 'r=2', 'p=1', 's=3'],
    );
  });

  it('deep nesting without aliases is "nested too deeply", never an alias bomb nor a stack overflow', () => {
    for (const text of [deepYaml(1_000, 'block'), deepYaml(10_000, 'flow'), deepYaml(600, 'flow')]) {
      const d = parseCompose(text);
      const deep = d.errors.filter((e) => e.code === NESTED_TOO_DEEPLY);
      assert.equal(deep.length, 1);
      assert.match(deep[0].message, /nested too deeply/);
      assert.deepEqual(
        d.errors.filter((e) => /call stack/i.test(e.message)),
        [],
      );
      assert.equal(toPlain(d).aliasBomb, undefined);
    }
    const shallow = parseCompose(deepYaml(400, 'block'));
    assert.deepEqual(shallow.errors, []);
    assert.equal(toPlain(shallow).aliasBomb, undefined);
  });

  it('nodeAtPath follows merges to where the key is written', () => {
    const at = nodeAtPath(m, ['services', 'web', 'restart']);
    assert.ok(at.complete);
    assert.equal(m.lines.positionAt(nodeSpan(at.pair!.key)![0]).line, 1);
    assert.equal(nodeAtPath(m, ['services', 'web', 'nope']).complete, false);
  });

  it('duplicate keys with a Set, and unresolved aliases', () => {
    const d = parseCompose('a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd: *nope\n');
    assert.deepEqual(
      duplicateKeys(d).map((x) => x.name),
      ['c', 'a'],
    );
    assert.deepEqual(
      unresolvedAliases(d).map((a) => a.source),
      ['nope'],
    );
  });

  it('`!reset` keys are absent for the merge-aware accessors (and for the plain view)', () => {
    const d = parseCompose(
      'x-base: &base\n  build: .\n  ports: [80]\n  user: u\nservices:\n  web:\n    <<: *base\n    build: !reset null\n    image: x\n    ports: !reset []\n    command: !reset\n    user: !override v\n  gone: !reset {}\n',
    );
    const web = nodeAtPath(d, ['services', 'web']).node;
    assert.deepEqual(
      entries(d, web).map((e) => e.key),
      ['image', 'user'],
    );
    assert.equal(getValue(d, web, 'build'), undefined);
    assert.equal(getValue(d, web, 'command'), undefined);
    assert.equal(nodeAtPath(d, ['services', 'web', 'ports']).complete, false);
    assert.deepEqual(
      entries(d, web, true).map((e) => `${e.key}${e.reset ? '!' : ''}`),
      ['build!', 'image', 'ports!', 'command!', 'user'],
    );
    assert.deepEqual(
      services(d).map((s) => s.name),
      ['web'],
    );
    assert.deepEqual((toPlain(d).value as { services: unknown }).services, {
      web: { image: 'x', user: 'v' },
    });
  });

  it('a 5,000-key map is analysed in linear time', () => {
    let t = 'services:\n';
    for (let i = 0; i < 5000; i++) t += `  s${i}:\n    image: x:${i}\n`;
    const big = parseCompose(t);
    const s = Date.now();
    assert.equal(duplicateKeys(big).length, 0);
    assert.equal(services(big).length, 5000);
    assert.ok(Date.now() - s < 1000);
  });
});

describe('compose interpolation', () => {
  const env: Record<string, string> = { A: 'a', EMPTY: '' };
  const look = (n: string) => env[n];
  const cases: [string, string][] = [
    ['${A}', 'a'],
    ['$A-x', 'a-x'],
    ['${B:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${B-def}', 'def'],
    ['${A:+alt}', 'alt'],
    ['${B:+alt}', ''],
    ['${B:-${A}}', 'a'],
    ['$$A and $${A}', '$A and ${A}'],
    ['100%', '100%'],
  ];
  for (const [s, want] of cases)
    it(`${s} -> ${JSON.stringify(want)}`, () => assert.equal(interpolate(s, look).value, want));

  it('reports missing and required variables', () => {
    const r = interpolate('${X} ${Y:?Y is needed} ${Z?}', look);
    assert.deepEqual(r.missing, ['X']);
    assert.deepEqual(r.errors, [
      { name: 'Y', message: 'Y is needed' },
      { name: 'Z', message: 'Z is required' },
    ]);
  });

  it('finds references with exact offsets, nested ones marked', () => {
    const refs = findVarRefs('x ${A:-${B}} $C $$D');
    assert.deepEqual(
      refs.map((r) => [r.name, r.start, r.end, r.op ?? '', r.nested, r.bare]),
      [
        ['A', 2, 12, ':-', false, false],
        ['B', 7, 11, '', true, false],
        ['C', 13, 15, '', false, true],
      ],
    );
    assert.equal(hasInterpolation('$$ only'), false);
  });
});

describe('compose .env syntax', () => {
  const env = parseDotenv(
    '# comment\nexport A=1\nB = two words # note\nC="line1\nline2 \\"q\\""\nD=\'${A} literal\'\nE=${A}-x\nF\nbad line here\n',
    (n) => (n === 'F' ? 'from-shell' : undefined),
  );
  it('values, quotes, export, comments, interpolation of earlier keys', () => {
    const v = Object.fromEntries(env.entries.map((e) => [e.name, e.value]));
    assert.deepEqual(v, {
      A: '1',
      B: 'two words',
      C: 'line1\nline2 "q"',
      D: '${A} literal',
      E: '1-x',
      F: 'from-shell',
    });
  });
  it('lines and offsets, and malformed lines', () => {
    assert.deepEqual(
      env.entries.map((e) => e.line),
      [1, 2, 3, 5, 6, 7],
    );
    const b = env.map.get('B')!;
    assert.equal(b.raw, 'two words');
    assert.equal(env.problems.length, 1);
    assert.equal(env.problems[0].line, 8);
  });
});

describe('compose value formats', () => {
  it('durations', () => {
    for (const ok of ['30s', '1m30s', '500ms', '1h', '0', '1.5s'])
      assert.equal(checkDuration(ok), undefined, ok);
    assert.match(checkDuration('30')!, /write `30s`/);
    assert.match(checkDuration('5 minutes')!, /write `5m`/);
  });
  it('byte sizes', () => {
    for (const ok of ['512m', '1g', '1.5GB', '1024', '100k', '2 GiB'])
      assert.equal(checkByteSize(ok), undefined, ok);
    assert.ok(checkByteSize('lots'));
  });
  it('ports', () => {
    assert.deepEqual(parsePort('127.0.0.1:8080:80/udp'), {
      hostIp: '127.0.0.1',
      hostIpStart: 0,
      published: '8080',
      publishedStart: 10,
      target: '80',
      targetStart: 15,
      protocol: 'udp',
    });
    assert.equal(parsePort('[::1]:53:53')?.hostIp, '::1');
    assert.equal(checkPort('8000-8001:80'), undefined);
    assert.match(checkPort('80:80:80:80')!, /not an IP/);
    assert.ok(isIPv6('fe80::1') && isIPv6('::') && !isIPv6('1::2::3'));
  });
});
