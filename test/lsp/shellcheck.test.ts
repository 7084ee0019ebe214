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
});
