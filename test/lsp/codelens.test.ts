/**
 * Code lenses over stdio: run / logs / restart on compose services, build on Dockerfile stages, and the
 * `berth.codeLens.enabled` setting.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LspClient, SERVER } from '../helpers/lsp-client';
import { COMPOSE, DOCKERFILE, makeProject, OVERRIDE, rangeOf, type Fixture } from './fixture-project';

describe('code lenses over stdio', function () {
  this.timeout(30000);
  let fx: Fixture;
  const clients: LspClient[] = [];

  async function start(settings?: Record<string, unknown>): Promise<LspClient> {
    const c = new LspClient({ settings });
    clients.push(c);
    await c.initialize('file://' + fx.dir);
    return c;
  }

  before(() => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    fx = makeProject();
  });

  after(async () => {
    for (const c of clients) await c.shutdown();
    fx?.cleanup();
  });

  it('compose: Run all services on `services:`, Run service / Logs / Restart on each service', async () => {
    const c = await start();
    const uri = fx.uri('compose.yaml');
    const file = fx.file('compose.yaml');
    c.open(uri, 'dockercompose', COMPOSE);
    const lenses: any[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    const web = rangeOf(COMPOSE, 6, 'web');
    const worker = rangeOf(COMPOSE, 21, 'worker');
    assert.deepEqual(lenses, [
      {
        range: rangeOf(COMPOSE, 5, 'services'),
        command: { title: 'Run all services', command: 'berth.composeUp', arguments: [{ file }] },
      },
      {
        range: web,
        command: {
          title: 'Run service',
          command: 'berth.composeUp',
          arguments: [{ file, services: ['web'] }],
        },
      },
      {
        range: web,
        command: { title: 'Logs', command: 'berth.composeLogs', arguments: [{ file, services: ['web'] }] },
      },
      {
        range: web,
        command: {
          title: 'Restart',
          command: 'berth.composeRestart',
          arguments: [{ file, services: ['web'] }],
        },
      },
      {
        range: worker,
        command: {
          title: 'Run service',
          command: 'berth.composeUp',
          arguments: [{ file, services: ['worker'] }],
        },
      },
      {
        range: worker,
        command: { title: 'Logs', command: 'berth.composeLogs', arguments: [{ file, services: ['worker'] }] },
      },
      {
        range: worker,
        command: {
          title: 'Restart',
          command: 'berth.composeRestart',
          arguments: [{ file, services: ['worker'] }],
        },
      },
    ]);
    // An override file gets its own lenses (the client runs it with its base file).
    const ov = fx.uri('compose.override.yaml');
    c.open(ov, 'dockercompose', OVERRIDE);
    const ovLenses: any[] = await c.request('textDocument/codeLens', { textDocument: { uri: ov } });
    assert.deepEqual(
      ovLenses.map((l) => [l.range.start.line, l.command.title, l.command.arguments[0].services?.[0]]),
      [
        [0, 'Run all services', undefined],
        [1, 'Run service', 'web'],
        [1, 'Logs', 'web'],
        [1, 'Restart', 'web'],
        [4, 'Run service', 'cache'],
        [4, 'Logs', 'cache'],
        [4, 'Restart', 'cache'],
      ],
    );
  });

  it('Dockerfile: Build stage on named stages, Build image on the last FROM', async () => {
    const c = await start();
    const uri = fx.uri('web/Dockerfile');
    const file = fx.file('web/Dockerfile');
    c.open(uri, 'dockerfile', DOCKERFILE);
    const lenses: any[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses, [
      {
        range: rangeOf(DOCKERFILE, 0, 'FROM'),
        command: {
          title: 'Build stage deps',
          command: 'berth.imageBuild',
          arguments: [{ file, target: 'deps' }],
        },
      },
      {
        range: rangeOf(DOCKERFILE, 2, 'FROM'),
        command: {
          title: 'Build stage build',
          command: 'berth.imageBuild',
          arguments: [{ file, target: 'build' }],
        },
      },
      {
        range: rangeOf(DOCKERFILE, 4, 'FROM'),
        command: { title: 'Build image', command: 'berth.imageBuild', arguments: [{ file }] },
      },
    ]);
  });

  it('no lenses for unsaved documents', async () => {
    const c = await start();
    const uri = 'untitled:Untitled-1';
    c.open(uri, 'dockerfile', 'FROM alpine:3.20\n');
    assert.equal(await c.request('textDocument/codeLens', { textDocument: { uri } }), null);
  });

  it('berth.codeLens.enabled: false turns them off', async () => {
    const c = await start({ codeLens: { enabled: false } });
    const uri = fx.uri('compose.yaml');
    c.open(uri, 'dockercompose', COMPOSE);
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri } }), []);
    const df = fx.uri('web/Dockerfile');
    c.open(df, 'dockerfile', DOCKERFILE);
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri: df } }), []);
  });
});
