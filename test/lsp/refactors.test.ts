/**
 * Refactorings over stdio, as an editor asks for them: `textDocument/codeAction` returns the
 * `refactor.rewrite` actions that apply at the range, each with a workspace edit (and a command when
 * the client must select a placeholder afterwards); applying the edit gives the refactored file.
 * The refactorings themselves are tested in test/unit/refactors/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/core/fix';
import { LspClient, SERVER } from '../helpers/lsp-client';

const DOCKERFILE = `FROM python:3.13
WORKDIR /app
# Everything, then the dependencies
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
`;

/** The text after "Order for the layer cache". */
const ORDERED =
  'FROM python:3.13\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n\n# Everything, then the dependencies\nCOPY . .\nEXPOSE 8000\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

describe('refactorings over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let uri: string;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lsp-refactor-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'gunicorn==23.0.0\nflask==3.1.0\n');
    uri = 'file://' + path.join(dir, 'Dockerfile');
    client = new LspClient();
    await client.initialize('file://' + dir);
    client.open(uri, 'dockerfile', DOCKERFILE);
    await client.waitForDiagnostics(uri);
  });

  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The edits of `action` for `docUri` (`changes`, or `documentChanges` when it creates a file). */
  const editsFor = (action: any, docUri: string) =>
    action.edit.changes
      ? (action.edit.changes[docUri] ?? [])
      : action.edit.documentChanges
          .filter((c: any) => c.textDocument?.uri === docUri)
          .flatMap((c: any) => c.edits);

  it('lists the refactor.rewrite actions that apply on the FROM line', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: at(0),
      context: { diagnostics: [], only: ['refactor'] },
    });
    assert.ok(actions.length > 0);
    assert.ok(
      actions.every((a) => a.kind === 'refactor.rewrite'),
      actions.map((a) => `${a.kind} ${a.title}`).join(' | '),
    );
    const titles = actions.map((a) => a.title);
    for (const t of [
      'Convert to multi-stage build (Python: pip wheels)',
      'Run as a non-root user: app (10001), useradd',
      'Add a HEALTHCHECK (curl, port 8000)',
      'Order for the layer cache: install pip dependencies before COPY of the whole context',
      'Generate .dockerignore for the build context',
    ])
      assert.ok(titles.includes(t), `${t} not in ${titles.join(' | ')}`);
    // Only the refactorings: no quick fix when only refactorings are asked for.
    assert.ok(!titles.some((t: string) => t.startsWith('Fix')));
  });

  it('applies "Order for the layer cache" (offered on the COPY line): the install moves above COPY . .', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: at(3),
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    const order = actions.find((a) => a.title.startsWith('Order for the layer cache'));
    assert.ok(order, actions.map((a) => a.title).join(' | '));
    assert.ok(!actions.some((a) => a.title.startsWith('Pin ')), 'pin is offered on the FROM line only');
    const after = applyEdits(DOCKERFILE, editsFor(order, uri));
    assert.equal(after, ORDERED);
    // The editor applies it: the server sees the new text and no longer offers it.
    client.change(uri, after);
    await client.waitForDiagnostics(uri, (p) => p.version === 2);
    const again: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: at(6),
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    assert.ok(!again.some((a) => a.title.startsWith('Order for the layer cache')));
  });

  it('(after the previous test) "Generate .dockerignore" creates the file next to the Dockerfile; HEALTHCHECK carries the select command', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: at(0),
      context: { diagnostics: [] },
    });
    const ignore = actions.find((a) => a.title === 'Generate .dockerignore for the build context');
    const ignoreUri = 'file://' + path.join(dir, '.dockerignore');
    assert.deepEqual(ignore.edit.documentChanges[0], {
      kind: 'create',
      uri: ignoreUri,
      options: { ignoreIfExists: true },
    });
    const text = applyEdits('', editsFor(ignore, ignoreUri));
    assert.match(text, /^\*\*\/__pycache__$/m);
    assert.deepEqual(editsFor(ignore, uri), [], 'the Dockerfile itself is not edited');

    const hc = actions.find((a) => a.title.startsWith('Add a HEALTHCHECK'));
    assert.equal(hc.command.command, 'berth.refactors.selectPlaceholder');
    const [file, sel] = hc.command.arguments;
    assert.equal(file, path.join(dir, 'Dockerfile'));
    // The document is the ordered text now (previous test).
    const lines = applyEdits(ORDERED, editsFor(hc, uri)).split('\n');
    assert.equal(lines[sel.start.line].slice(sel.start.character, sel.end.character), '/health');
  });
});
