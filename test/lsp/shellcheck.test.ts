/**
 * ShellCheck runs off the keystroke path: the first diagnostics come without it, then a deferred pass
 * publishes its findings for the same version once typing pauses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, SERVER } from '../helpers/lsp-client';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

describe('deferred ShellCheck over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;

  before(async function () {
    if (!hasShellcheck) {
      console.log('    (skipped: no shellcheck binary on PATH; `apt-get install shellcheck` to run it)');
      this.skip();
    }
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sc-'));
    client = new LspClient();
    await client.initialize('file://' + dir);
  });
  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes fast diagnostics first, then ShellCheck findings for the same version', async () => {
    const uri = 'file://' + path.join(dir, 'Dockerfile');
    const text = 'FROM debian:12\nRUN for f in $(ls /etc); do echo $f; done\n';
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    client.open(uri, 'dockerfile', text);
    const p = await client
      .waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'shellcheck'))
      .catch((e) => {
        throw new Error(
          `${e.message}; published: ${JSON.stringify(client.published.map((x) => [x.version, x.diagnostics.map((d) => d.code)]))}`,
        );
      });
    assert.equal(p.version, 1);
    const sc = p.diagnostics.filter((d) => d.code === 'shellcheck');
    assert.ok(
      sc.some((d) => /^SC\d+/.test(d.message)),
      JSON.stringify(sc),
    );
    // Every ShellCheck range lies on the RUN line.
    assert.ok(sc.every((d) => d.range.start.line === 1));
    const first = client.published.find((x) => x.uri === uri)!;
    assert.equal(
      first.diagnostics.filter((d) => d.code === 'shellcheck').length,
      0,
      'the first publication comes without waiting for ShellCheck',
    );
  });

  it('answers requests while the deferred passes of many documents run, one document at a time', async () => {
    // 40 Dockerfiles open at once (a workspace restored with many tabs): their ShellCheck passes
    // (a process each) must not hold the server: a hover sent once the first ShellCheck findings
    // arrive is answered before the last document's findings.
    const n = 40;
    const uris: string[] = [];
    for (let i = 0; i < n; i++) {
      const sub = path.join(dir, `many${i}`);
      fs.mkdirSync(sub, { recursive: true });
      const text = `FROM debian:12\nRUN for f in $(ls /etc/${i}); do echo $f; done\n`;
      fs.writeFileSync(path.join(sub, 'Dockerfile'), text);
      const uri = 'file://' + path.join(sub, 'Dockerfile');
      uris.push(uri);
      client.open(uri, 'dockerfile', text);
    }
    const withShellcheck = (p: { diagnostics: { code?: unknown }[] }) =>
      p.diagnostics.some((d) => d.code === 'shellcheck');
    const scPublished = () =>
      new Set(client.published.filter((p) => uris.includes(p.uri) && withShellcheck(p)).map((p) => p.uri))
        .size;
    await Promise.race(uris.map((u) => client.waitForDiagnostics(u, withShellcheck)));
    const doneBeforeHover = scPublished();
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: uris[0] },
      position: { line: 0, character: 1 },
    });
    const doneAtHover = scPublished();
    assert.ok(hover, 'the hover is answered');
    assert.ok(
      doneAtHover < n,
      `the hover was answered only after all ${n} deferred passes (${doneBeforeHover} done when it was sent)`,
    );
    await Promise.all(uris.map((u) => client.waitForDiagnostics(u, withShellcheck, 30000)));
  });
});
