/**
 * Compose editing features over stdio on a real project (override, include, extends, .env, a
 * Dockerfile with stages): definition, references, rename, hover, completion, links, outline.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { applyEdits } from '../../server/src/core/fix';
import { LspClient, SERVER } from '../helpers/lsp-client';
import {
  COMMON,
  COMPOSE,
  DB,
  DOCKERFILE,
  makeProject,
  OVERRIDE,
  rangeOf,
  type Fixture,
} from './fixture-project';

describe('compose editing features over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let fx: Fixture;
  let uri: string;

  const pos = (line: number, character: number) => ({ line, character });
  const at = (line: number, needle: string, n = 0) => rangeOf(COMPOSE, line, needle, n).start;
  const req = <T = any>(method: string, params: object) => client.request<T>(method, params);
  const sortLocs = (l: any[]) =>
    [...l].sort((a, b) => (a.uri + a.range.start.line).localeCompare(b.uri + b.range.start.line));

  before(async () => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    fx = makeProject();
    uri = fx.uri('compose.yaml');
    client = new LspClient();
    await client.initialize('file://' + fx.dir);
    client.open(uri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics(uri);
  });

  after(async () => {
    await client?.shutdown();
    fx?.cleanup();
  });

  it('has no undefined-reference finding in the whole project', async () => {
    const p = await client.waitForDiagnostics(uri);
    assert.deepEqual(
      p.diagnostics.filter((d) => d.code === 'compose-undefined-reference').map((d) => d.message),
      [],
    );
  });

  describe('go to definition', () => {
    it('a service in depends_on goes to the included file', async () => {
      const locs = await req('textDocument/definition', { textDocument: { uri }, position: at(13, 'db') });
      assert.deepEqual(locs, [{ uri: fx.uri('infra/compose.db.yaml'), range: rangeOf(DB, 1, 'db') }]);
    });

    it('a service defined in the override file', async () => {
      const locs = await req('textDocument/definition', { textDocument: { uri }, position: at(14, 'cache') });
      assert.deepEqual(locs, [
        { uri: fx.uri('compose.override.yaml'), range: rangeOf(OVERRIDE, 4, 'cache') },
      ]);
    });

    it('network_mode: service:web gives both definitions (base and override)', async () => {
      const p = rangeOf(COMPOSE, 28, 'web').start;
      const locs: any[] = await req('textDocument/definition', { textDocument: { uri }, position: p });
      assert.deepEqual(sortLocs(locs), [
        { uri: fx.uri('compose.override.yaml'), range: rangeOf(OVERRIDE, 1, 'web') },
        { uri, range: rangeOf(COMPOSE, 6, 'web') },
      ]);
    });

    it('extends.service goes to the extended file', async () => {
      const locs = await req('textDocument/definition', { textDocument: { uri }, position: at(24, 'base') });
      assert.deepEqual(locs, [{ uri: fx.uri('common.yaml'), range: rangeOf(COMMON, 1, 'base') }]);
    });

    it('networks, volumes and secrets', async () => {
      const net = await req('textDocument/definition', { textDocument: { uri }, position: at(15, 'front') });
      assert.deepEqual(net, [{ uri, range: rangeOf(COMPOSE, 30, 'front') }]);
      const vol = await req('textDocument/definition', { textDocument: { uri }, position: at(17, 'static') });
      assert.deepEqual(vol, [{ uri, range: rangeOf(COMPOSE, 32, 'static') }]);
      const sec = await req('textDocument/definition', {
        textDocument: { uri },
        position: at(19, 'api_key'),
      });
      assert.deepEqual(sec, [{ uri, range: rangeOf(COMPOSE, 34, 'api_key') }]);
    });

    it('build.target goes to the stage in the Dockerfile', async () => {
      const locs = await req('textDocument/definition', {
        textDocument: { uri },
        position: at(10, 'runtime'),
      });
      assert.deepEqual(locs, [{ uri: fx.uri('web/Dockerfile'), range: rangeOf(DOCKERFILE, 4, 'runtime') }]);
    });

    it('an alias goes to its anchor', async () => {
      const locs = await req('textDocument/definition', { textDocument: { uri }, position: at(7, 'common') });
      assert.deepEqual(locs, [{ uri, range: rangeOf(COMPOSE, 3, 'common', 1) }]);
    });
  });

  describe('references and rename', () => {
    it('finds the users of a service from the included file itself', async () => {
      const dbUri = fx.uri('infra/compose.db.yaml');
      client.open(dbUri, 'dockercompose', DB);
      const refs: any[] = await req('textDocument/references', {
        textDocument: { uri: dbUri },
        position: rangeOf(DB, 1, 'db').start,
        context: { includeDeclaration: true },
      });
      assert.deepEqual(sortLocs(refs), [
        { uri, range: rangeOf(COMPOSE, 13, 'db') },
        { uri, range: rangeOf(COMPOSE, 26, 'db') },
        { uri: dbUri, range: rangeOf(DB, 1, 'db') },
      ]);
    });

    it('renames a service across the file and its override', async () => {
      const prep: any = await req('textDocument/prepareRename', {
        textDocument: { uri },
        position: at(6, 'web'),
      });
      assert.deepEqual(prep, { range: rangeOf(COMPOSE, 6, 'web'), placeholder: 'web' });
      const edit: any = await req('textDocument/rename', {
        textDocument: { uri },
        position: at(6, 'web'),
        newName: 'frontend',
      });
      assert.deepEqual(Object.keys(edit.changes).sort(), [uri, fx.uri('compose.override.yaml')].sort());
      const after = applyEdits(COMPOSE, edit.changes[uri]);
      assert.match(after, /^ {2}frontend:$/m);
      assert.match(after, /network_mode: service:frontend$/m);
      assert.equal(edit.changes[uri].length, 2);
      assert.equal(
        applyEdits(OVERRIDE, edit.changes[fx.uri('compose.override.yaml')]),
        OVERRIDE.replace('  web:', '  frontend:'),
      );
    });

    it('renames the service an extends points to, in the extended file', async () => {
      const edit: any = await req('textDocument/rename', {
        textDocument: { uri },
        position: at(24, 'base'),
        newName: 'foundation',
      });
      assert.deepEqual(edit.changes, {
        [uri]: [{ range: rangeOf(COMPOSE, 24, 'base'), newText: 'foundation' }],
        [fx.uri('common.yaml')]: [{ range: rangeOf(COMMON, 1, 'base'), newText: 'foundation' }],
      });
    });

    it('renames an anchor and its aliases', async () => {
      const edit: any = await req('textDocument/rename', {
        textDocument: { uri },
        position: at(3, 'common', 1),
        newName: 'defaults',
      });
      assert.deepEqual(edit.changes[uri], [
        { range: rangeOf(COMPOSE, 3, 'common', 1), newText: 'defaults' },
        { range: rangeOf(COMPOSE, 7, 'common'), newText: 'defaults' },
      ]);
    });

    it('refuses an invalid name', async () => {
      await assert.rejects(
        req('textDocument/rename', { textDocument: { uri }, position: at(6, 'web'), newName: 'no spaces' }),
        /not a valid service name/,
      );
    });
  });

  describe('hover', () => {
    it('a variable: value and the .env line it comes from', async () => {
      const h: any = await req('textDocument/hover', {
        textDocument: { uri },
        position: at(11, 'BERTH_T_TAG'),
      });
      assert.match(h.contents.value, /`\$\{BERTH_T_TAG\}`\*\* → `1\.2\.3`/);
      assert.match(h.contents.value, /from \[\.env:2\]\(file:\/\/.*\/\.env#L2\)/);
    });

    it('a variable with a default: unset, the default is used', async () => {
      const h: any = await req('textDocument/hover', {
        textDocument: { uri },
        position: at(11, 'BERTH_T_REGISTRY'),
      });
      assert.match(h.contents.value, /→ `docker\.io`/);
      assert.match(h.contents.value, /`BERTH_T_REGISTRY` is not set/);
      assert.match(h.contents.value, /the default `docker\.io` is used/);
    });

    it('a service name: its definition in the included file', async () => {
      const h: any = await req('textDocument/hover', { textDocument: { uri }, position: at(13, 'db') });
      assert.match(h.contents.value, /\*\*service `db`\*\*/);
      assert.match(
        h.contents.value,
        /Defined in compose\.db\.yaml, line 2:\n\n```yaml\ndb:\n {2}image: postgres:16\n```/,
      );
    });

    it('a service key: who uses it, and the schema hover is kept elsewhere', async () => {
      const h: any = await req('textDocument/hover', { textDocument: { uri }, position: at(6, 'web') });
      assert.match(h.contents.value, /Defined in compose\.override\.yaml/);
      assert.match(h.contents.value, /Used by: worker \(network_mode\)/);
      const schema: any = await req('textDocument/hover', {
        textDocument: { uri },
        position: at(20, 'env_file'),
      });
      assert.equal(
        schema.contents.value,
        '#### Compose Specification\n\nAdd environment variables from a file or multiple files. Can be a single file path or a list of file paths.',
      );
    });

    it("a key whose schema has alternatives shows the key's own description, with no empty source link", async () => {
      const hover = async (line: number, key: string) =>
        ((await req('textDocument/hover', { textDocument: { uri }, position: at(line, key) })) as any)
          .contents.value as string;
      const dependsOn = await hover(12, 'depends_on');
      assert.match(dependsOn, /^#### Compose Specification\n\nExpress dependency between services\./);
      assert.doesNotMatch(dependsOn, /A list of unique string values|Source:/);
      const longForm = await hover(25, 'depends_on');
      assert.match(longForm, /Express dependency between services\./);
      const networks = await hover(15, 'networks');
      assert.match(networks, /^#### Compose Specification\n\nNetworks to join, referencing entries/);
      assert.doesNotMatch(networks, /A list of unique string values|Source:/);
      const build = await hover(8, 'build');
      assert.match(build, /Configuration options for building the service's image\./);
      const context = await hover(9, 'context');
      assert.match(context, /Path to the build context/);
      assert.doesNotMatch(context, /Source:|berth-schema:/);
    });
  });

  describe('completion', () => {
    const complete = async (text: string, line: number, character: number) => {
      client.change(uri, text);
      const r: any = await req('textDocument/completion', {
        textDocument: { uri },
        position: pos(line, character),
      });
      return r.items as any[];
    };
    afterEach(() => {
      client.change(uri, COMPOSE);
    });

    it('service names in a depends_on item (not the service itself)', async () => {
      const lines = COMPOSE.split('\n');
      lines.splice(15, 0, '      - ');
      const items = await complete(lines.join('\n'), 15, 8);
      const names = items.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label);
      assert.deepEqual(names.sort(), ['cache', 'db', 'worker']);
      const db = items.find((i) => i.label === 'db');
      assert.deepEqual(db.textEdit, { range: { start: pos(15, 8), end: pos(15, 8) }, newText: 'db' });
      assert.equal(db.detail, 'service in compose.db.yaml');
    });

    it('network names in a flow list, replacing the typed prefix', async () => {
      const text = COMPOSE.replace('networks: [front]', 'networks: [fr');
      const items = await complete(text, 15, 17);
      const front = items.find((i) => i.label === 'front');
      assert.deepEqual(front.textEdit, { range: { start: pos(15, 15), end: pos(15, 17) }, newText: 'front' });
    });

    it('network_mode: service:<name>', async () => {
      const text = COMPOSE.replace('network_mode: service:web', 'network_mode: service:');
      const items = await complete(text, 28, 26);
      assert.ok(items.some((i) => i.label === 'service:web' && i.textEdit.range.start.character === 18));
    });

    it('extends.service from the extended file, build.target from the Dockerfile stages', async () => {
      const ext = await complete(COMPOSE.replace('service: base', 'service: '), 24, 15);
      assert.deepEqual(
        ext.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label),
        ['base'],
      );
      const stages = await complete(COMPOSE.replace('target: runtime', 'target: '), 10, 14);
      assert.deepEqual(
        stages.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label),
        ['deps', 'build', 'runtime'],
      );
    });

    it('restart: the policies Berth knows (the schema lists none), first', async () => {
      const lines = COMPOSE.split('\n');
      lines.splice(21, 0, '    restart: ');
      const items = await complete(lines.join('\n'), 21, 13);
      assert.deepEqual(
        items.filter((i) => i.sortText?.startsWith('0')).map((i) => i.label),
        ['no', 'always', 'on-failure', 'unless-stopped'],
      );
      assert.equal(items[0].textEdit.newText, '"no"');
    });

    it('schema completion is still there for keys', async () => {
      const lines = COMPOSE.split('\n');
      lines.splice(21, 0, '    ');
      const items = await complete(lines.join('\n'), 21, 4);
      assert.ok(items.some((i) => i.label === 'healthcheck'));
    });
  });

  it('document links: build context, env_file, include, extends.file, secret file, images', async () => {
    const links: any[] = await req('textDocument/documentLink', { textDocument: { uri } });
    const byLine = links.map((l) => [
      l.range.start.line,
      l.range.start.character,
      l.range.end.character,
      l.target,
    ]);
    assert.deepEqual(byLine, [
      [9, 15, 20, fx.uri('web/Dockerfile')],
      [20, 14, 22, fx.uri('.env.web')],
      [23, 12, 25, fx.uri('common.yaml')],
      [2, 4, 27, fx.uri('infra/compose.db.yaml')],
      [35, 10, 31, fx.uri('secrets/api_key.txt')],
    ]);
    const ov = fx.uri('compose.override.yaml');
    client.open(ov, 'dockercompose', OVERRIDE);
    const ovLinks: any[] = await req('textDocument/documentLink', { textDocument: { uri: ov } });
    assert.deepEqual(ovLinks, [
      {
        range: rangeOf(OVERRIDE, 5, 'redis:7'),
        target: 'https://hub.docker.com/_/redis',
        tooltip: 'Open on Docker Hub',
      },
    ]);
  });

  it('outline: sections with their services, networks, volumes, secrets', async () => {
    const symbols: any[] = await req('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['name', 'include', 'x-common', 'services', 'networks', 'volumes', 'secrets'],
    );
    const services = symbols.find((s) => s.name === 'services');
    assert.deepEqual(
      services.children.map((c: any) => [c.name, c.detail]),
      [
        ['web', '${BERTH_T_REGISTRY:-docker.io}/shop/web:${BERTH_T_TAG}'],
        ['worker', undefined],
      ],
    );
    assert.deepEqual(services.children[0].selectionRange, rangeOf(COMPOSE, 6, 'web'));
    assert.deepEqual(
      symbols.find((s) => s.name === 'networks').children.map((c: any) => c.name),
      ['front'],
    );
  });

  it('does not leave anything on stderr', () => {
    assert.equal(client.stderr, '');
  });
});
