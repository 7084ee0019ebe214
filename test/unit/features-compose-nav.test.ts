import assert from 'node:assert/strict';
import { parseCompose } from '../../server/src/core/compose/model';
import {
  anchorIndex,
  checkNewName,
  composeDefinitions,
  composeReferences,
  composeRename,
  composeSymbolAt,
  type NavFile,
} from '../../server/src/features/compose-nav';
import { composeOutline } from '../../server/src/features/compose-outline';

function file(path: string, text: string, role?: NavFile['role']): NavFile {
  return { path, uri: 'file://' + path, model: parseCompose(text), role };
}

describe('features: compose navigation', () => {
  const MAIN = [
    'x-base: &base',
    '  restart: always',
    'services:',
    '  "web":',
    '    <<: *base',
    '    depends_on: [db]',
    '    volumes: ["data:/d:ro"]',
    '    extends: { file: common.yaml, service: db }',
    '  db:',
    '    image: postgres',
    '    <<: *base',
    'volumes:',
    '  data: {}',
    '',
  ].join('\n');
  const main = file('/p/compose.yaml', MAIN, 'self');
  const common = file('/p/common.yaml', 'services:\n  db:\n    image: x\n', 'extends');
  const files = [main, common];
  const off = (needle: string, n = 0) => {
    let i = -1;
    for (let k = 0; k <= n; k++) i = MAIN.indexOf(needle, i + 1);
    return i;
  };

  it('indexes anchors and the aliases that refer to them', () => {
    const a = anchorIndex(main.model);
    assert.deepEqual(a.anchors, [{ name: 'base', start: off('&base'), end: off('&base') + 5 }]);
    assert.deepEqual(
      a.aliases.map((x) => [x.start, x.anchor]),
      [
        [off('*base'), 0],
        [off('*base', 1), 0],
      ],
    );
  });

  it('a quoted definition key: the name inside the quotes', () => {
    const s = composeSymbolAt(main, off('web'));
    assert.deepEqual(s, {
      type: 'symbol',
      kind: 'service',
      name: 'web',
      start: off('web'),
      end: off('web') + 3,
      isDefinition: true,
    });
  });

  it('a volume in a short spec: the name only', () => {
    const s = composeSymbolAt(main, off('data:/d') + 1);
    assert.equal(s?.type === 'symbol' && s.kind, 'volume');
    assert.deepEqual([s!.start, s!.end], [off('data:/d'), off('data:/d') + 4]);
  });

  it('extends with a file is scoped to that file, the extends file is not the project', () => {
    const s = composeSymbolAt(main, off('service: db') + 10)!;
    assert.equal(s.type === 'symbol' && s.targetFile, '/p/common.yaml');
    assert.deepEqual(
      composeDefinitions(files, s).map((l) => l.path),
      ['/p/common.yaml'],
    );
    // `depends_on: [db]` is this project's db, not common.yaml's.
    const dep = composeSymbolAt(main, off('[db]') + 1)!;
    assert.deepEqual(
      composeDefinitions(files, dep).map((l) => [l.path, l.start]),
      [['/p/compose.yaml', off('  db:') + 2]],
    );
    assert.deepEqual(
      composeReferences(files, dep, false).map((l) => l.start),
      [off('[db]') + 1],
    );
  });

  it('renames an anchor with its aliases, not a later anchor of the same name', () => {
    const text = 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n';
    const f = file('/q/compose.yaml', text);
    const s = composeSymbolAt(f, 4)!;
    const edits = composeRename([f], s, 'y')[f.uri];
    assert.deepEqual(
      edits.map((e) => e.range.start),
      [
        { line: 0, character: 4 },
        { line: 1, character: 4 },
      ],
    );
  });

  it('validates new names', () => {
    const s = composeSymbolAt(main, off('web'))!;
    assert.equal(checkNewName(s, 'api-2'), undefined);
    assert.match(checkNewName(s, '-x')!, /not a valid service name/);
    const a = composeSymbolAt(main, off('&base') + 1)!;
    assert.match(checkNewName(a, 'a b')!, /anchor/);
  });
});

describe('features: compose outline', () => {
  it('shows keys tagged `!reset` as written (the model treats them as absent)', () => {
    const m = parseCompose('services:\n  web:\n    build: !reset null\n    image: x\n  old: !reset {}\n');
    const services = composeOutline(m).find((s) => s.name === 'services')!;
    assert.deepEqual(
      services.children!.map((c) => c.name),
      ['web', 'old'],
    );
    assert.deepEqual(
      services.children![0].children!.map((c) => c.name),
      ['build', 'image'],
    );
  });
});
