/**
 * How the server process is started (server/src/launch.ts): the Node options must be valid, and the
 * extension and the benchmark must both pass them, so that what is measured is what users run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';
import { nodeRuntimes } from '../helpers/runtimes';

const root = path.join(__dirname, '..', '..');

describe('server launch options', () => {
  it('keeps the young generation small, exposes gc for the idle collection, no Maglev, one malloc arena', () => {
    assert.ok(SERVER_EXEC_ARGV.includes('--max-semi-space-size=1'));
    assert.ok(SERVER_EXEC_ARGV.includes('--expose-gc'));
    assert.ok(SERVER_EXEC_ARGV.includes('--no-maglev'));
    assert.equal(SERVER_ENV.MALLOC_ARENA_MAX, '1');
  });

  for (const { node, label } of nodeRuntimes()) {
    it(`are accepted by ${label}, without a warning`, () => {
      const r = spawnSync(
        node,
        [
          ...SERVER_EXEC_ARGV,
          '-e',
          'process.stdout.write(String(typeof gc) + " " + require("v8").getHeapSpaceStatistics().length)',
        ],
        { encoding: 'utf8', env: { ...process.env, ...SERVER_ENV } },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      const [gcType, spaces] = r.stdout.split(' ');
      assert.equal(gcType, 'function');
      assert.ok(Number(spaces) > 0);
    });
  }

  it('are passed by the extension (run and debug) and by the benchmark', () => {
    const ext = fs.readFileSync(path.join(root, 'client/src/extension.ts'), 'utf8');
    // One fork for run and debug (client/src/extension.ts forkServer): the debug port is added to the options.
    assert.match(
      ext,
      /execArgv: \[\.\.\.SERVER_EXEC_ARGV, \.\.\.\(debugging\(\) \? \['--nolazy', '--inspect=6019'\] : \[\]\)\]/,
    );
    assert.match(ext, /env: \{[^}]*\.\.\.SERVER_ENV \}/);
    const bench = fs.readFileSync(path.join(root, 'scripts/bench.mjs'), 'utf8');
    assert.match(bench, /spawn\(node, \[\.\.\.core\.SERVER_EXEC_ARGV\b/);
  });
});
