/**
 * Started as the extension starts it (SERVER_EXEC_ARGV), the server runs one compacting collection
 * once it falls idle after a burst of analyses, and says so in its log.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SERVER_EXEC_ARGV } from '../../server/src/launch';
import { LspClient, SERVER } from '../helpers/lsp-client';

describe('idle collection over stdio', function () {
  this.timeout(30000);
  let client: LspClient | undefined;

  before(() => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  });
  after(async () => client?.shutdown());

  it('collects once after opening many documents, and the heap shrinks', async () => {
    client = new LspClient({ execArgv: SERVER_EXEC_ARGV });
    await client.initialize(null);
    const uris: string[] = [];
    for (let i = 0; i < 60; i++) {
      const lines = ['FROM python:3.12-slim AS base', 'WORKDIR /app'];
      // No RUN: the deferred ShellCheck pass has nothing to do, the burst ends with the first diagnostics.
      for (let j = 0; j < 300; j++) lines.push(`ENV K${j}=v${i}`, `COPY src${j} /app/src${j}`);
      lines.push('CMD python app.py');
      const uri = `file:///idle-gc/${i}/Dockerfile`;
      uris.push(uri);
      client.open(uri, 'dockerfile', lines.join('\n') + '\n');
    }
    await Promise.all(uris.map((u) => client!.waitForDiagnostics(u)));
    const deadline = Date.now() + 15000;
    let line: string | undefined;
    while (!(line = client.logs.find((l) => l.startsWith('Berth: idle gc'))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(line, `no idle collection logged; logs: ${JSON.stringify(client.logs)}`);
    const m = /heap (\d+) -> (\d+) MB/.exec(line);
    assert.ok(m, line);
    assert.ok(Number(m[2]) < Number(m[1]), line);
    // One burst, one collection: the server does not keep collecting while idle.
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(
      client.logs.filter((l) => l.startsWith('Berth: idle gc')).length,
      1,
      JSON.stringify(client.logs),
    );
  });
});
