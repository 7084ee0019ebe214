/**
 * `.dockerignore` documents over stdio: they are analysed (diagnostics published through the engine), and
 * a hover on a pattern tells which files of the build context it matches.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LspClient, SERVER } from '../helpers/lsp-client';
import { DOCKERFILE, DOCKERIGNORE, makeProject, type Fixture } from './fixture-project';

describe('.dockerignore over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let fx: Fixture;
  let uri: string;

  const hover = async (line: number, character = 1): Promise<string | null> => {
    const h: any = await client.request('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    });
    return h ? h.contents.value : null;
  };

  before(async () => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    fx = makeProject();
    uri = fx.uri('web/.dockerignore');
    client = new LspClient();
    await client.initialize('file://' + fx.dir);
    client.open(uri, 'dockerignore', DOCKERIGNORE);
  });

  after(async () => {
    await client?.shutdown();
    fx?.cleanup();
  });

  it('publishes diagnostics for the document (dockerignore rules through the engine)', async () => {
    const p = await client.waitForDiagnostics(uri);
    assert.equal(p.version, 1);
    assert.ok(
      p.diagnostics.every((d) => d.source === 'berth'),
      JSON.stringify(p.diagnostics),
    );
  });

  it('a pattern naming node_modules walks into it', async () => {
    assert.equal(
      await hover(1),
      '**`node_modules`** excludes 1 file of the build context `web/`:\n\n- `node_modules/`',
    );
  });

  it('`*.log` matches at the context root only, and says what a later `!` re-includes', async () => {
    assert.equal(
      await hover(2),
      '**`*.log`** excludes 2 files of the build context `web/`:\n\n- `app.log`\n- `keep.log`\n\n' +
        '1 of them are re-included by a later `!` pattern.',
    );
  });

  it('an exclusion pattern re-includes', async () => {
    assert.equal(
      await hover(3),
      '**`!keep.log`** re-includes 1 file of the build context `web/`:\n\n- `keep.log`',
    );
  });

  it('a matched directory stands for its contents', async () => {
    assert.equal(
      await hover(4),
      '**`dist/**`** excludes 2 files of the build context `web/`:\n\n- `dist/a.js`\n- `dist/sub/`',
    );
  });

  it('a pattern that matches nothing says so; comments have no hover', async () => {
    assert.equal(await hover(5), '**`nothing-here`** matches nothing in the build context `web/`');
    assert.equal(await hover(0), null);
  });

  it('reports findings of the dockerignore rules, with the generic code actions', async () => {
    const v = client.change(uri, DOCKERIGNORE + '[\n');
    const p = await client.waitForDiagnostics(uri, (x) => x.version === v);
    const bad = p.diagnostics.filter((d) => d.code === 'dockerignore-pattern-never-matches');
    assert.deepEqual(
      bad.map((d) => [d.source, d.range]),
      [['berth', { start: { line: 6, character: 0 }, end: { line: 6, character: 1 } }]],
    );
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: bad[0].range,
      context: { diagnostics: [bad[0]] },
    });
    const ignore = actions.find((a) => a.title === 'Ignore dockerignore-pattern-never-matches for this line');
    assert.deepEqual(ignore.edit.changes[uri], [
      {
        range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
        newText: '# berth-ignore dockerignore-pattern-never-matches\n',
      },
    ]);
    const v2 = client.change(uri, DOCKERIGNORE + '# berth-ignore dockerignore-pattern-never-matches\n[\n');
    const after = await client.waitForDiagnostics(uri, (x) => x.version === v2);
    assert.equal(after.diagnostics.filter((d) => d.code === 'dockerignore-pattern-never-matches').length, 0);
    client.change(uri, DOCKERIGNORE);
  });

  it('sees a new file after the watched-files notification', async () => {
    fs.writeFileSync(fx.file('web/new.log'), 'x');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fx.uri('web/new.log'), type: 1 }],
    });
    assert.match((await hover(2))!, /excludes 3 files/);
  });

  it('an edit in the Dockerfile re-checks the .dockerignore next to it, and the other way round', async () => {
    const df = fx.uri('web/Dockerfile');
    const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);
    client.open(df, 'dockerfile', DOCKERFILE);
    await client.waitForDiagnostics(df);
    await client.waitForDiagnostics(uri, (p) => !codes(p).includes('dockerignore-excludes-copied-file'));
    // The unsaved Dockerfile now copies a file `*.log` excludes: the .dockerignore says so at once.
    client.change(df, DOCKERFILE + 'COPY app.log /srv/\n');
    const p = await client.waitForDiagnostics(uri, (x) =>
      codes(x).includes('dockerignore-excludes-copied-file'),
    );
    const d = p.diagnostics.find((x) => x.code === 'dockerignore-excludes-copied-file')!;
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /`\*\.log` excludes `app\.log` \(Dockerfile line 7\)/);
    const q = await client.waitForDiagnostics(df, (x) => codes(x).includes('copy-ignored-file'));
    assert.equal(q.diagnostics.filter((x) => x.code === 'copy-ignored-file').length, 1);
    // Re-including the file in the unsaved .dockerignore clears the Dockerfile's finding.
    client.change(uri, DOCKERIGNORE + '!app.log\n');
    await client.waitForDiagnostics(df, (x) => !codes(x).includes('copy-ignored-file'));
    client.change(uri, DOCKERIGNORE);
    await client.waitForDiagnostics(df, (x) => codes(x).includes('copy-ignored-file'));
    client.change(df, DOCKERFILE);
    await client.waitForDiagnostics(uri, (x) => !codes(x).includes('dockerignore-excludes-copied-file'));
  });
});
