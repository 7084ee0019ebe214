/**
 * "Pick a tag for `<image>`…" over stdio: the code action carries no edit but the client command
 * `berth.pickImageTag` with its arguments (the document URI, the image, the range of the tag or the
 * insertion point, the known tags), on the compose-image-tag finding and next to the Dockerfile pin
 * refactoring; fix-all never applies it. What the client then does is tested in
 * test/unit/client-pick-image-tag.test.ts and test/unit/image-tag-pick.test.ts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/core/fix';
import { tagEdit, type PickImageTagArgs } from '../../server/src/core/image-tag-pick';
import { KNOWN_TAGS } from '../../server/src/core/refactors/known-tags';
import { LspClient, SERVER, byRule } from '../helpers/lsp-client';

const COMPOSE = 'services:\n  db:\n    image: "postgres:latest"\n  app:\n    image: registry:5000/team/app\n';
const DOCKERFILE = 'FROM --platform=$BUILDPLATFORM postgres AS db\nRUN true\n';

describe('pick an image tag over stdio', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let composeUri: string;
  let dockerfileUri: string;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lsp-pick-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    composeUri = 'file://' + path.join(dir, 'compose.yaml');
    dockerfileUri = 'file://' + path.join(dir, 'Dockerfile');
    client = new LspClient();
    await client.initialize('file://' + dir);
    client.open(composeUri, 'dockercompose', COMPOSE);
    client.open(dockerfileUri, 'dockerfile', DOCKERFILE);
    await client.waitForDiagnostics(composeUri);
    await client.waitForDiagnostics(dockerfileUri);
  });

  after(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compose-image-tag: a quick fix with the command and its arguments, and no edit', async () => {
    const diags = byRule((await client.waitForDiagnostics(composeUri)).diagnostics, 'compose-image-tag');
    assert.equal(diags.length, 2);
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: composeUri },
      range: diags[0].range,
      context: { diagnostics: [diags[0]], only: ['quickfix'] },
    });
    const titles = actions.map((a) => a.title);
    const pin = actions.find((a) => a.title === `Pin to \`postgres:${KNOWN_TAGS.postgres[0]}\``);
    assert.ok(pin?.edit, titles.join(' | '));
    const pick = actions.find((a) => a.title === 'Pick a tag for `postgres`…');
    assert.ok(pick, titles.join(' | '));
    assert.equal(pick.kind, 'quickfix');
    assert.equal(pick.edit, undefined);
    assert.deepEqual(pick.diagnostics, [diags[0]]);
    assert.deepEqual(pick.command, {
      title: 'Pick a tag for `postgres`…',
      command: 'berth.pickImageTag',
      arguments: [
        {
          image: 'postgres',
          range: { start: { line: 2, character: 21 }, end: { line: 2, character: 27 } },
          current: 'latest',
          tags: KNOWN_TAGS.postgres,
          uri: composeUri,
        },
      ],
    });
    // What the client computes from them: exactly the tag changes, the quotes stay.
    const args = pick.command.arguments[0] as PickImageTagArgs;
    const edit = tagEdit(COMPOSE.split('\n')[2], args, { tag: '17' });
    assert.notEqual(typeof edit, 'string');
    assert.equal(
      applyEdits(COMPOSE, [edit as Exclude<typeof edit, string>]),
      COMPOSE.replace('postgres:latest', 'postgres:17'),
    );

    // An image Berth knows no tag for: the pick alone, with no tags (the user types one).
    const other: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: composeUri },
      range: diags[1].range,
      context: { diagnostics: [diags[1]], only: ['quickfix'] },
    });
    const p2 = other.find((a) => a.command?.command === 'berth.pickImageTag');
    assert.equal(p2.title, 'Pick a tag for `registry:5000/team/app`…');
    assert.deepEqual(p2.command.arguments[0].tags, []);
    assert.deepEqual(p2.command.arguments[0].range, {
      start: { line: 4, character: 33 },
      end: { line: 4, character: 33 },
    });
    assert.ok(!other.some((a) => a.title.startsWith('Pin to')));
  });

  it('fix-all never runs it (compose-image-tag has no fix, only suggestions)', async () => {
    const fixAll: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: composeUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.ok(!fixAll.some((a) => a.command?.command === 'berth.pickImageTag'));
    for (const a of fixAll) {
      const after = applyEdits(COMPOSE, a.edit.changes[composeUri]);
      assert.match(after, /postgres:latest/);
    }
  });

  it('Dockerfile: "Pick a tag" after the pin actions on the FROM line, with the insertion point', async () => {
    const actions: any[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: dockerfileUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor.rewrite'] },
    });
    const pins = actions.filter((a) => a.title.startsWith('Pin postgres to '));
    assert.equal(pins.length, KNOWN_TAGS.postgres.length);
    const i = actions.findIndex((a) => a.title === 'Pick a tag for `postgres`…');
    assert.ok(i > actions.indexOf(pins[pins.length - 1]), actions.map((a) => a.title).join(' | '));
    const pick = actions[i];
    assert.equal(pick.kind, 'refactor.rewrite');
    assert.equal(pick.edit, undefined);
    assert.deepEqual(pick.command.arguments, [
      {
        image: 'postgres',
        range: { start: { line: 0, character: 39 }, end: { line: 0, character: 39 } },
        tags: KNOWN_TAGS.postgres,
        uri: dockerfileUri,
      },
    ]);
    const edit = tagEdit(DOCKERFILE.split('\n')[0], pick.command.arguments[0], { tag: '18' });
    assert.equal(
      applyEdits(DOCKERFILE, [edit as Exclude<typeof edit, string>]),
      'FROM --platform=$BUILDPLATFORM postgres:18 AS db\nRUN true\n',
    );
  });
});
