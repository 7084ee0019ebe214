/**
 * The bundled language server over stdio, as an editor uses it: diagnostics, a quick-fix that
 * fixes, fix-all, hover, and the Dockerfile/compose editing features, for both kinds of file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/core/fix';
import { byRule, LspClient, SERVER } from '../helpers/lsp-client';

const DOCKERFILE =
  'FROM debian:12\nMAINTAINER Jane <j@example.com>\nRUN apt-get update && apt-get install -y curl\n';
const COMPOSE = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let dfUri: string;
  let composeUri: string;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lsp-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    dfUri = 'file://' + path.join(dir, 'Dockerfile');
    composeUri = 'file://' + path.join(dir, 'compose.yaml');
    client = new LspClient();
    const init = await client.initialize('file://' + dir);
    assert.equal(init.serverInfo.name, 'berth');
  });

  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes Dockerfile diagnostics with rule ids, aliases and documentation links', async () => {
    client.open(dfUri, 'dockerfile', DOCKERFILE);
    const p = await client.waitForDiagnostics(dfUri, (x) => x.diagnostics.some((d) => d.source === 'berth'));
    const apt = byRule(p.diagnostics, 'apt-no-install-recommends');
    assert.equal(apt.length, 1);
    assert.deepEqual(apt[0].range, { start: { line: 2, character: 22 }, end: { line: 2, character: 37 } });
    assert.match(apt[0].message, /DL3015/);
    assert.match(apt[0].codeDescription!.href, /^file:\/\/.*docs\/rules\/apt-no-install-recommends\.md$/);
    assert.ok(
      fs.existsSync(decodeURI(new URL(apt[0].codeDescription!.href).pathname)),
      'the linked page exists',
    );
    assert.equal(byRule(p.diagnostics, 'maintainer-deprecated').length, 1);
    // dockerfile-utils' own MAINTAINER warning is turned off: one diagnostic per problem.
    assert.equal(p.diagnostics.filter((d) => /MAINTAINER/i.test(d.message)).length, 1);
  });

  it('offers a quick-fix that fixes, plus fix-all, ignore and documentation actions', async () => {
    const p = await client.waitForDiagnostics(dfUri);
    const diag = byRule(p.diagnostics, 'apt-no-install-recommends')[0];
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: dfUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Fix: Add --no-install-recommends'), titles.join(' | '));
    assert.ok(titles.includes('Ignore apt-no-install-recommends for this line'));
    assert.ok(titles.includes('Ignore apt-no-install-recommends in this file'));
    assert.ok(titles.includes('Show documentation for apt-no-install-recommends'));
    assert.ok(titles.includes('Fix all auto-fixable problems'));
    const fix = actions.find((a) => a.title === 'Fix: Add --no-install-recommends');
    assert.equal(fix.isPreferred, true);
    const fixed = applyEdits(DOCKERFILE, fix.edit.changes[dfUri]);
    assert.equal(
      fixed,
      'FROM debian:12\nMAINTAINER Jane <j@example.com>\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    );
    // Apply it like an editor would, and see the finding go.
    client.change(dfUri, fixed);
    const after = await client.waitForDiagnostics(dfUri, (x) => x.version === 2);
    assert.equal(byRule(after.diagnostics, 'apt-no-install-recommends').length, 0);
    assert.equal(byRule(after.diagnostics, 'maintainer-deprecated').length, 1);
  });

  it('source.fixAll.berth fixes everything in one minimal edit', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: dfUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.berth');
    const edits = actions[0].edit.changes[dfUri];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].range.start.line, 1, 'the edit starts at the changed line, not at the top');
  });

  it('hovers: the rule explanation on a finding, Docker docs on a keyword', async () => {
    const onFinding: any = await client.request('textDocument/hover', {
      textDocument: { uri: dfUri },
      position: { line: 1, character: 3 },
    });
    assert.match(onFinding.contents.value, /maintainer-deprecated/);
    assert.match(onFinding.contents.value, /DL4000/);
    const onKeyword: any = await client.request('textDocument/hover', {
      textDocument: { uri: dfUri },
      position: { line: 0, character: 1 },
    });
    assert.ok(onKeyword, 'hover on FROM');
    const text = typeof onKeyword.contents === 'string' ? onKeyword.contents : onKeyword.contents.value;
    assert.match(text, /baseImage/);
  });

  it('Dockerfile completion, symbols, folding and semantic tokens come from dockerfile-language-service', async () => {
    const items: any = await client.request('textDocument/completion', {
      textDocument: { uri: dfUri },
      position: { line: 3, character: 0 },
    });
    const labels = (Array.isArray(items) ? items : items.items).map((i: any) => i.label);
    assert.ok(
      labels.some((l: string) => l.startsWith('HEALTHCHECK')),
      labels.join(','),
    );
    const symbols: any[] = await client.request('textDocument/documentSymbol', {
      textDocument: { uri: dfUri },
    });
    assert.ok(symbols.some((s) => s.name === 'FROM'));
    const tokens: any = await client.request('textDocument/semanticTokens/full', {
      textDocument: { uri: dfUri },
    });
    assert.ok(tokens.data.length > 0);
  });

  it('Dockerfile signature help, folding, formatting, rename, definition and links over the protocol', async () => {
    const text =
      'FROM node:20 AS build\nARG VERSION=1\nRUN echo $VERSION && \\\n    echo two\n  COPY . .\nFROM alpine:3.20\nCOPY --from=build /app /app\n';
    const uri = 'file://' + path.join(dir, 'features.Dockerfile');
    client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics(uri);
    const doc = { textDocument: { uri } };
    const sig: any = await client.request('textDocument/signatureHelp', {
      ...doc,
      position: { line: 1, character: 4 },
    });
    assert.ok(
      sig?.signatures?.some((x: any) => /^ARG/.test(x.label)),
      JSON.stringify(sig),
    );
    const folds: any[] = await client.request('textDocument/foldingRange', doc);
    assert.ok(
      folds.some((f) => f.startLine === 2 && f.endLine === 3),
      `the continued RUN folds: ${JSON.stringify(folds)}`,
    );
    const edits: any[] = await client.request('textDocument/formatting', {
      ...doc,
      options: { tabSize: 4, insertSpaces: true },
    });
    const formatted = applyEdits(text, edits);
    assert.match(formatted, /\nCOPY \. \.\n/, 'the indented COPY is moved to column 0');
    const rename: any = await client.request('textDocument/rename', {
      ...doc,
      position: { line: 2, character: 11 },
      newName: 'APP_VERSION',
    });
    const renamed = applyEdits(text, rename.changes[uri]);
    assert.match(renamed, /ARG APP_VERSION=1\nRUN echo \$APP_VERSION /);
    const def: any = await client.request('textDocument/definition', {
      ...doc,
      position: { line: 6, character: 13 },
    });
    const target = Array.isArray(def) ? def[0] : def;
    assert.equal(target.range.start.line, 0, `--from=build goes to the stage: ${JSON.stringify(def)}`);
    const links: any[] = await client.request('textDocument/documentLink', doc);
    assert.ok(
      links.some((l) => l.range.start.line === 0 && /hub\.docker\.com.*node/.test(l.target ?? '')),
      JSON.stringify(links),
    );
  });

  it('publishes compose diagnostics: Berth rules and schema validation, once per problem', async () => {
    const text = COMPOSE + '    restart: sometimes\n    depends_onn: [db]\n';
    client.open(composeUri, 'dockercompose', text);
    const p = await client.waitForDiagnostics(composeUri, (x) =>
      x.diagnostics.some((d) => d.code === 'compose-schema'),
    );
    const v = byRule(p.diagnostics, 'compose-no-version-field');
    assert.equal(v.length, 1);
    assert.deepEqual(v[0].range.start, { line: 0, character: 0 });
    // The schema is checked by the core rule only: yaml-language-server's validation is off.
    const schema = byRule(p.diagnostics, 'compose-schema');
    assert.ok(
      schema.every((d) => d.source === 'berth'),
      JSON.stringify(schema),
    );
    assert.deepEqual(
      schema.filter((d) => d.range.start.line === 5).map((d) => d.range),
      [{ start: { line: 5, character: 4 }, end: { line: 5, character: 15 } }],
      JSON.stringify(schema),
    );
    assert.equal(p.diagnostics.filter((d) => d.source === 'berth-schema').length, 0);
    const perLine = p.diagnostics.filter((d) => d.range.start.line === 5);
    assert.equal(perLine.length, 1, JSON.stringify(perLine));
  });

  it('reports YAML syntax errors through the core rule', async () => {
    const uri = 'file://' + path.join(dir, 'compose.broken.yaml');
    client.open(uri, 'dockercompose', 'services:\n  web:\n    image: "nginx\n');
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.ok(byRule(p.diagnostics, 'yaml-syntax').length >= 1, JSON.stringify(p.diagnostics));
    assert.ok(
      p.diagnostics.every((d) => d.source === 'berth'),
      JSON.stringify(p.diagnostics),
    );
  });

  it('compose quick-fix removes the version line', async () => {
    const p = await client.waitForDiagnostics(composeUri);
    const diag = byRule(p.diagnostics, 'compose-no-version-field')[0];
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: composeUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.title.startsWith('Fix:'));
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const text = COMPOSE + '    restart: sometimes\n    depends_onn: [db]\n';
    assert.equal(applyEdits(text, fix.edit.changes[composeUri]).startsWith('services:\n'), true);
  });

  it('compose hover and completion come from the offline compose schema', async () => {
    const hover: any = await client.request('textDocument/hover', {
      textDocument: { uri: composeUri },
      position: { line: 3, character: 6 },
    });
    assert.ok(hover, 'hover on image');
    const text = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
    assert.match(text, /image/i);
    const completion: any = await client.request('textDocument/completion', {
      textDocument: { uri: composeUri },
      position: { line: 4, character: 4 },
    });
    const labels = completion.items.map((i: any) => i.label);
    assert.ok(labels.includes('healthcheck'), labels.slice(0, 20).join(','));
  });

  it('keeps serving after garbage input and stale versions are never published over newer ones', async () => {
    const uri = 'file://' + path.join(dir, 'Dockerfile.junk');
    client.open(uri, 'dockerfile', '\u0000\u0001FROM\\\n\\\n<<EOF\n"\'`');
    await client.waitForDiagnostics(uri);
    let last = 1;
    for (let i = 0; i < 20; i++)
      last = client.change(uri, `FROM debian:12\nRUN apt-get install -y pkg${i}\n`);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === last);
    assert.equal(byRule(p.diagnostics, 'apt-no-install-recommends').length, 1);
    assert.equal(client.stderr, '');
  });

  it('serves a document whose parsed model was let go (more documents open than models kept)', async () => {
    const first = 'file://' + path.join(dir, 'first', 'Dockerfile');
    const text = 'FROM debian:12\nRUN apt-get install -y curl\nRUN echo one\n';
    client.open(first, 'dockerfile', text);
    await client.waitForDiagnostics(first);
    // Forty more documents: the server keeps the models of the most recent ones only.
    for (let i = 0; i < 40; i++) {
      const uri = 'file://' + path.join(dir, `other${i}`, 'Dockerfile');
      client.open(uri, 'dockerfile', `FROM alpine:3.20\nRUN apk add curl${i}\n`);
      await client.waitForDiagnostics(uri);
    }
    const diag = byRule((await client.waitForDiagnostics(first)).diagnostics, 'apt-no-install-recommends')[0];
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: first },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    assert.ok(actions.some((a) => a.title === 'Fix: Add --no-install-recommends'));
    const symbols: any[] = await client.request('textDocument/documentSymbol', {
      textDocument: { uri: first },
    });
    assert.ok(symbols.length > 0);
    // An edit after that: the next version is analysed from scratch, with the same findings as a fresh open.
    const v = client.change(first, text + 'RUN apt-get install -y git\n');
    const p = await client.waitForDiagnostics(first, (x) => x.version === v);
    assert.equal(byRule(p.diagnostics, 'apt-no-install-recommends').length, 2);
    assert.equal(client.stderr, '');
  });
});
