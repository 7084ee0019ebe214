/**
 * The idle collection (server/src/features/idle-gc.ts): when it runs, and that it really gives memory
 * back to the system where a plain gc() does not, on each runtime at hand.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IdleGc, reclaimingGc } from '../../server/src/features/idle-gc';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';
import { nodeRuntimes } from '../helpers/runtimes';

/** Timers under the test's control: `fire()` runs the pending one. */
function fakeTimers() {
  let pending: (() => void) | undefined;
  let set = 0;
  let cleared = 0;
  return {
    setTimer: (fn: () => void) => {
      set++;
      pending = fn;
      return {};
    },
    clearTimer: () => {
      cleared++;
      pending = undefined;
    },
    fire() {
      const fn = pending;
      pending = undefined;
      fn?.();
    },
    get pending() {
      return !!pending;
    },
    get counts() {
      return { set, cleared };
    },
  };
}

const MB = 1024 * 1024;

describe('idle garbage collection', () => {
  it('collects once the server is idle, only after the heap grew by the threshold', () => {
    let heap = 10 * MB;
    let collected = 0;
    const timers = fakeTimers();
    const seen: [number, number][] = [];
    const idle = new IdleGc({
      gc: () => {
        collected++;
        heap = 12 * MB;
      },
      heapUsed: () => heap,
      minGrowthBytes: 8 * MB,
      onCollect: (_ms, before, after) => seen.push([before / MB, after / MB]),
      ...timers,
    });
    assert.equal(idle.enabled, true);

    // Activity with little growth: the timer fires, nothing is collected.
    heap = 15 * MB;
    idle.noteActivity();
    timers.fire();
    assert.equal(collected, 0);

    // Each activity pushes the collection back: one pending timer, the earlier one cleared.
    heap = 40 * MB;
    idle.noteActivity();
    idle.noteActivity();
    idle.noteActivity();
    assert.equal(timers.counts.cleared, 2);
    assert.equal(collected, 0, 'nothing is collected while work goes on');
    timers.fire();
    assert.equal(collected, 1);
    assert.deepEqual(seen, [[40, 12]]);

    // The new baseline is the heap after the collection: 12 + 8 MB.
    heap = 19 * MB;
    idle.noteActivity();
    timers.fire();
    assert.equal(collected, 1);
    heap = 21 * MB;
    idle.noteActivity();
    timers.fire();
    assert.equal(collected, 2);
    assert.equal(idle.collections, 2);
  });

  it('does nothing without a collector (the server was started without --expose-gc)', () => {
    const timers = fakeTimers();
    const idle = new IdleGc({ gc: undefined, heapUsed: () => 500 * MB, ...timers });
    assert.equal(idle.enabled, false);
    idle.noteActivity();
    assert.equal(timers.pending, false, 'no timer is even set');
    assert.equal(idle.collectIfGrown(), false);
  });

  it('reclaimingGc is undefined without --expose-gc', function () {
    if (typeof (globalThis as { gc?: unknown }).gc === 'function') this.skip();
    assert.equal(reclaimingGc(), undefined);
  });

  for (const { node, label } of nodeRuntimes()) {
    it(`under the server options, the idle collection gives the memory back to the system, on ${label}`, function () {
      if (!fs.existsSync('/proc/self/status')) this.skip(); // RSS is read from /proc (Linux)
      this.timeout(30000);
      // Some 150 MB of garbage spread over a fragmented heap (one object in 50 survives), then a plain
      // gc() or the server's collection, in a fresh process each; the resident set before, and the
      // lowest in the second after.
      const script = `
        const fs = require('node:fs');
        const { reclaimingGc } = require(${JSON.stringify(path.join(__dirname, '../../server/src/features/idle-gc.ts'))});
        const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
        const batches = [];
        for (let r = 0; r < 200; r++) {
          const a = [];
          for (let i = 0; i < 20000; i++) a.push({ i, s: 'x' + i });
          batches.push(a);
          if (batches.length > 20) batches.shift();
        }
        const kept = batches.flatMap((a) => a.filter((_, i) => i % 50 === 0));
        batches.length = 0;
        const before = rss();
        const collect = process.argv[1] === 'server' ? reclaimingGc() : globalThis.gc;
        collect();
        // V8 unmaps freed pages on a background thread: the lowest RSS over the next second, for both.
        let after = rss();
        const t0 = Date.now();
        const poll = setInterval(() => {
          after = Math.min(after, rss());
          if (Date.now() - t0 < 1000) return;
          clearInterval(poll);
          process.stdout.write(JSON.stringify({ before, after, kept: kept.length }));
        }, 50);
      `;
      const run = (mode: string) =>
        JSON.parse(
          execFileSync(node, [...SERVER_EXEC_ARGV, '-r', 'tsx/cjs', '-e', script, mode], {
            encoding: 'utf8',
            cwd: path.join(__dirname, '../..'),
            env: { ...process.env, ...SERVER_ENV },
          }),
        ) as { before: number; after: number; kept: number };
      const plain = run('plain');
      const server = run('server');
      const mb = (x: number) => `${(x / MB).toFixed(0)} MB`;
      const seen = `RSS ${mb(server.before)} -> ${mb(server.after)} with the server's collection, ${mb(plain.before)} -> ${mb(plain.after)} with a plain gc()`;
      assert.equal(server.kept, 8000);
      assert.ok(server.before > 120 * MB, `the heap did not grow as planned: ${seen}`);
      assert.ok(server.after < server.before / 2, seen);
      // More than a plain gc() gives back: on Node 20 by some 25 MB (V8 unmaps part of a plain
      // collection's pages too, within the second), on Node 24 by some 200 MB.
      assert.ok(server.after + 10 * MB < plain.after, seen);
    });
  }
});
