import assert from 'node:assert/strict';
import { getValue, parseCompose, services } from '../../server/src/core/compose/model';
import { MemoryFileSystem } from '../../server/src/core/compose/memory-fs';
import {
  buildProject,
  projectOf,
  resolveVar,
  setShellEnv,
  serviceProfiles,
  expandVars,
  interpolationNote,
  scalarValue,
} from '../../server/src/core/compose/project';
import { composeIndex } from '../../server/src/core/compose/symbols';
import {
  addTopLevelEntry,
  appendLinesEdit,
  appendToBlockMap,
  ignoresDotenv,
  isInlineValue,
  reorderItems,
} from '../../server/src/core/compose/edit';
import { applyEdits } from '../../server/src/core/fix';
import { isMap } from 'yaml';

describe('compose project', () => {
  beforeEach(() => setShellEnv({}));

  const files = () =>
    new MemoryFileSystem({
      '/p/compose.yaml':
        'include:\n  - path: ./db/compose.yaml\nservices:\n  web:\n    image: web:1\n    extends:\n      file: common.yaml\n      service: base\n',
      '/p/compose.override.yaml':
        'services:\n  web:\n    ports: ["8080:80"]\n  debug:\n    image: busybox:1\n',
      '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:16\nvolumes:\n  pgdata: {}\n',
      '/p/common.yaml': 'services:\n  base:\n    restart: always\n',
      '/p/.env': 'TAG=1.2 # current\nexport REGISTRY="ghcr.io"\n',
      '/p/app.env': 'TAG=ignored\n',
    });

  it('the file set of a default file: its override, includes and extends files', () => {
    const fs = files();
    const m = parseCompose(fs.files.get('/p/compose.yaml')!);
    const p = buildProject(m, '/p/compose.yaml', fs);
    assert.equal(p.dir, '/p');
    assert.equal(p.isOverride, false);
    assert.deepEqual(
      p.files.map((f) => [f.path, f.role]),
      [
        ['/p/compose.yaml', 'self'],
        ['/p/compose.override.yaml', 'override'],
        ['/p/db/compose.yaml', 'include'],
        ['/p/common.yaml', 'extends'],
      ],
    );
    // Compose takes only the extended service from an extends file: `base` is no service of the project.
    assert.deepEqual([...p.definitions('service').keys()], ['web', 'debug', 'db']);
    assert.ok(p.definitions('volume').has('pgdata'));
    assert.equal(p.serviceDefs('web').length, 2);
    assert.equal(p.serviceDefs('base').length, 0);
    assert.deepEqual(serviceProfiles(p, 'web'), []);
  });

  it('extends files: no definitions for the project, but what a service inherits from them', () => {
    const fs = new MemoryFileSystem({
      '/e/common.yaml':
        'include: [more.yaml]\nservices:\n  base:\n    extends: root\n    healthcheck: {test: [CMD, "true"]}\n  root:\n    extends: {file: ./deep/root.yaml, service: r}\n  web:\n    image: other:1\nnetworks:\n  extnet: {}\nvolumes:\n  extvol: {}\n',
      '/e/deep/root.yaml': 'services:\n  r:\n    image: postgres:16\n',
      '/e/more.yaml': 'services:\n  more:\n    image: x:1\n',
    });
    const m = parseCompose(
      'services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n  web:\n    image: nginx:1\n',
    );
    const p = buildProject(m, '/e/compose.yaml', fs);
    assert.deepEqual(
      p.files.map((f) => [f.path, f.role]),
      [
        ['/e/compose.yaml', 'self'],
        ['/e/common.yaml', 'extends'],
        ['/e/more.yaml', 'extends'],
        ['/e/deep/root.yaml', 'extends'],
      ],
    );
    assert.deepEqual([...p.definitions('service').keys()], ['app', 'web']);
    assert.equal(p.definitions('network').size, 0);
    assert.equal(p.definitions('volume').size, 0);
    // `web` in common.yaml is not what the project's `web` is.
    assert.equal(p.serviceDefs('web', true).length, 1);
    assert.deepEqual(
      p.serviceDefs('app', true).map((d) => d.file.path),
      ['/e/deep/root.yaml', '/e/common.yaml', '/e/common.yaml', '/e/compose.yaml'],
    );
    assert.equal(p.serviceDefs('app').length, 1);
  });

  it('a file both extended from and included is a project file', () => {
    const fs = new MemoryFileSystem({
      '/i/common.yaml': 'services:\n  base:\n    image: a:1\n',
      '/i/compose.override.yaml': 'include: [common.yaml]\n',
    });
    const m = parseCompose('services:\n  app:\n    extends: {file: common.yaml, service: base}\n');
    const p = buildProject(m, '/i/compose.yaml', fs);
    assert.ok(p.definitions('service').has('base'));
  });

  it('profiles of a service across the files that define it', () => {
    const fs = new MemoryFileSystem({
      '/r/compose.override.yaml': 'services:\n  dbg:\n    profiles: [tools]\n',
    });
    const m = parseCompose('services:\n  dbg:\n    image: busybox:1\n    profiles: [debug]\n');
    const p = buildProject(m, '/r/compose.yaml', fs);
    assert.deepEqual(serviceProfiles(p, 'dbg'), ['debug', 'tools']);
  });

  it('an override is checked in the context of its base file', () => {
    const fs = files();
    const m = parseCompose(fs.files.get('/p/compose.override.yaml')!);
    const p = buildProject(m, '/p/compose.override.yaml', fs);
    assert.equal(p.isOverride, true);
    assert.deepEqual(p.files.map((f) => f.role).slice(0, 2), ['self', 'main']);
    assert.ok(p.definitions('service').has('db'));
  });

  it('.env drives interpolation (not env_file), with where each value comes from; the shell wins', () => {
    const fs = files();
    const p = buildProject(parseCompose('services: {}\n'), '/p/compose.yaml', fs);
    const tag = resolveVar(p, 'TAG');
    assert.equal(tag.value, '1.2');
    assert.equal(tag.source.kind, 'dotenv');
    if (tag.source.kind === 'dotenv') {
      assert.equal(tag.source.path, '/p/.env');
      assert.equal(tag.source.entry.line, 0);
    }
    assert.equal(resolveVar(p, 'REGISTRY').value, 'ghcr.io');
    assert.equal(resolveVar(p, 'NOPE').source.kind, 'unset');
    assert.equal(expandVars(p, '${REGISTRY}/app:${TAG}'), 'ghcr.io/app:1.2');
    assert.equal(expandVars(p, '${NOPE}/x'), undefined);
    setShellEnv({ TAG: '9' });
    assert.deepEqual(resolveVar(p, 'TAG'), { name: 'TAG', value: '9', source: { kind: 'shell' } });
  });

  it('single-file mode without a file system', () => {
    const p = buildProject(parseCompose('services: {}\n'), undefined, undefined);
    assert.equal(p.hasFs, false);
    assert.equal(p.files.length, 1);
    assert.equal(resolveVar(p, 'HOME').source.kind, 'unset');
  });

  it('other files are parsed once and re-read only when they change; the project is cached per model', () => {
    const fs = files();
    const m1 = parseCompose(fs.files.get('/p/compose.yaml')!);
    const p1 = projectOf({ model: m1, path: '/p/compose.yaml', fs });
    assert.equal(projectOf({ model: m1, path: '/p/compose.yaml', fs }), p1);
    const m2 = parseCompose(fs.files.get('/p/compose.yaml')! + '# edit\n');
    const p2 = projectOf({ model: m2, path: '/p/compose.yaml', fs });
    // Unchanged other files: the very same parsed models.
    assert.equal(p2.files[1].model, p1.files[1].model);
    fs.write('/p/compose.override.yaml', 'services:\n  other:\n    image: x:1\n');
    const p3 = projectOf({ model: parseCompose('services: {}\n'), path: '/p/compose.yaml', fs });
    assert.notEqual(p3.files[1].model, p1.files[1].model);
    assert.ok(p3.definitions('service').has('other'));
  });

  it('include cycles and missing files are harmless', () => {
    const fs = new MemoryFileSystem({
      '/q/compose.yaml': 'include: [a.yaml, missing.yaml]\nservices: {}\n',
      '/q/a.yaml': 'include: [compose.yaml]\nservices:\n  a:\n    image: a:1\n',
    });
    const p = buildProject(parseCompose(fs.files.get('/q/compose.yaml')!), '/q/compose.yaml', fs);
    assert.deepEqual(
      p.files.map((f) => f.path),
      ['/q/compose.yaml', '/q/a.yaml'],
    );
  });
});

describe('composeIndex', () => {
  it('definitions and references with exact ranges', () => {
    const src =
      'services:\n  web:\n    image: a:1\n    depends_on: [db]\n    volumes: ["data:/d:ro", ./src:/src]\n    networks:\n      front:\n    secrets:\n      - source: key\n    network_mode: "service:vpn"\n  db:\n    image: b:1\nvolumes:\n  data: {}\n';
    const m = parseCompose(src);
    const idx = composeIndex(m);
    assert.deepEqual(
      idx.definitions.map((d) => `${d.kind}:${d.name}`),
      ['service:web', 'service:db', 'volume:data'],
    );
    assert.deepEqual(
      idx.references.map((r) => [r.kind, r.name, r.via, src.slice(r.start, r.end)]),
      [
        ['service', 'db', 'depends_on', 'db'],
        ['volume', 'data', 'volumes', 'data'],
        ['network', 'front', 'networks', 'front'],
        ['secret', 'key', 'secrets', 'key'],
        ['service', 'vpn', 'network_mode', 'vpn'],
      ],
    );
    assert.equal(idx.byKind.service.get('db')!.start, src.indexOf('  db:') + 2);
  });
});

describe('compose edits', () => {
  it('appendLinesEdit creates, appends, and skips lines already there', () => {
    const fs = new MemoryFileSystem({ '/p/.gitignore': 'node_modules' });
    assert.deepEqual(appendLinesEdit(fs, '/p/.env', ['A=1'])?.create, true);
    const e = appendLinesEdit(fs, '/p/.gitignore', ['.env'])!;
    assert.equal(applyEdits('node_modules', e.edits), 'node_modules\n.env\n');
    assert.equal(appendLinesEdit(new MemoryFileSystem({ '/x': '.env\n' }), '/x', ['.env']), undefined);
    assert.ok(ignoresDotenv('a\n/.env\n') && ignoresDotenv('.env*') && !ignoresDotenv('.envrc\nfoo.env'));
  });

  it('a one-line value that is a mapping entry or a list item goes on its own line', () => {
    for (const v of ['{}', 'x', './a:b', 'http://h:1/x', '"a: b"', '[a, b]', "'x'", 'a # b: c'])
      assert.ok(isInlineValue(v), v);
    for (const v of ['file: ./x', 'external:', '- a', 'k: v # c']) assert.ok(!isInlineValue(v), v);
    const src = 'services:\n  web:\n    image: a:1\nsecrets:\n  s:\n    file: ./s\n';
    const m = parseCompose(src);
    assert.equal(
      applyEdits(src, [addTopLevelEntry(m, 'secrets', 't', ['file: ./t'])!]),
      src + '  t:\n    file: ./t\n',
    );
    assert.equal(
      applyEdits(src, [addTopLevelEntry(m, 'volumes', 'v', ['external: true'])!]),
      'services:\n  web:\n    image: a:1\nvolumes:\n  v:\n    external: true\nsecrets:\n  s:\n    file: ./s\n',
    );
    const web = (m.doc.contents as any).items[0].value.items[0].value;
    assert.equal(
      applyEdits(src, [appendToBlockMap(m, web, 'logging', ['driver: local'])!]),
      'services:\n  web:\n    image: a:1\n    logging:\n      driver: local\nsecrets:\n  s:\n    file: ./s\n',
    );
  });

  it('reorderItems keeps comments, blank lines and every key', () => {
    const src = 'services:\n  # c\n  b:\n    image: b\n\n  a: # inline\n    image: a\nmodels: {}\n';
    const m = parseCompose(src);
    const services = (m.doc.contents as any).items[0].value;
    assert.ok(isMap(services));
    const e = reorderItems(m, services, [1, 0])!;
    assert.equal(
      applyEdits(src, [e]),
      'services:\n  a: # inline\n    image: a\n\n  # c\n  b:\n    image: b\nmodels: {}\n',
    );
  });
});

describe('scalarValue (interpolated scalars for the rules)', () => {
  beforeEach(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  const text =
    'services:\n  db:\n    image: postgres:${PG_TAG}\n    restart: ${RESTART:-always}\n    command: echo $$HOME\n    user: ${NOPE}\n    hostname: ${REQ:?set it}\n    labels: [plain]\n    cpus: 2\n';
  const valueAt = (fs: MemoryFileSystem | undefined, key: string) => {
    const model = parseCompose(text);
    const project = buildProject(model, fs ? '/p/compose.yaml' : undefined, fs);
    const db = services(model)[0].node;
    return { v: scalarValue(project, getValue(model, db, key)), project, model };
  };
  const fs = () => new MemoryFileSystem({ '/p/.env': '# tags\nPG_TAG=latest\n' });

  it('interpolates with .env, keeps the token span, and says where the value comes from', () => {
    const { v, project, model } = valueAt(fs(), 'image');
    assert.equal(v?.text, 'postgres:latest');
    assert.equal(model.text.slice(v!.start, v!.end), 'postgres:${PG_TAG}');
    assert.equal(v?.interpolated?.raw, 'postgres:${PG_TAG}');
    assert.equal(
      interpolationNote(project, v!),
      '`postgres:${PG_TAG}` is `postgres:latest` (PG_TAG from .env line 2)',
    );
  });
  it('uses defaults, the shell environment first, and $$ as a literal $', () => {
    assert.equal(valueAt(fs(), 'restart').v?.text, 'always');
    setShellEnv({ RESTART: 'no' });
    const { v, project } = valueAt(fs(), 'restart');
    assert.equal(v?.text, 'no');
    assert.match(interpolationNote(project, v!), /RESTART from the environment/);
    const c = valueAt(fs(), 'command').v;
    assert.equal(c?.text, 'echo $HOME');
    assert.ok(c?.interpolated, 'differs from the source: no edits from it');
  });
  it('is unknown for a variable without a value, a failing `:?`, or without the project files', () => {
    assert.equal(valueAt(fs(), 'user').v, undefined);
    assert.equal(valueAt(fs(), 'hostname').v, undefined);
    assert.equal(valueAt(undefined, 'image').v, undefined);
  });
  it('gives literals as written, not marked interpolated', () => {
    const l = valueAt(undefined, 'cpus').v;
    assert.equal(l?.text, '2');
    assert.equal(l?.interpolated, undefined);
    assert.equal(valueAt(fs(), 'labels').v, undefined, 'not a scalar');
  });
});
