/**
 * The idle collection (server/src/features/idle-gc.ts): when it runs, and that the compacting
 * collection really gives pages back where a plain one does not.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { IdleGc, compactingGc } from '../../server/src/features/idle-gc';
import { SERVER_EXEC_ARGV } from '../../server/src/launch';

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

  it('compactingGc is undefined without --expose-gc', function () {
    if (typeof (globalThis as { gc?: unknown }).gc === 'function') this.skip();
    assert.equal(compactingGc(), undefined);
  });

  it('under the server options, the compacting collection gives back the pages a plain one keeps', () => {
    // A fragmented old generation: one object in 20 survives. Then a plain or a compacting collection,
    // in a fresh process each, and the old generation's committed size after it.
    const script = `
      const v8 = require('node:v8');
      const { compactingGc } = require(${JSON.stringify(path.join(__dirname, '../../server/src/features/idle-gc.ts'))});
      const old = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size;
      const keep = [];
      let junk = [];
      for (let i = 0; i < 400000; i++) {
        const o = { a: i, b: 'x' + i, c: [i, i + 1] };
        if (i % 20 === 0) keep.push(o); else junk.push(o);
        if (junk.length > 50000) junk = [];
      }
      junk = [];
      const collect = process.argv[1] === 'compact' ? compactingGc() : globalThis.gc;
      collect();
      process.stdout.write(JSON.stringify({ old: old(), kept: keep.length }));
    `;
    const run = (mode: string) =>
      JSON.parse(
        execFileSync(process.execPath, [...SERVER_EXEC_ARGV, '-r', 'tsx/cjs', '-e', script, mode], {
          encoding: 'utf8',
          cwd: path.join(__dirname, '../..'),
        }),
      ) as { old: number; kept: number };
    const plain = run('plain');
    const compact = run('compact');
    assert.equal(compact.kept, 20000);
    assert.ok(
      compact.old * 2 < plain.old,
      `old space after a compacting collection ${(compact.old / MB).toFixed(1)} MB, after a plain one ${(plain.old / MB).toFixed(1)} MB`,
    );
  });
});
