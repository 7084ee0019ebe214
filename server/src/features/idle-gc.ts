/**
 * One full garbage collection once the server falls idle after a burst of work.
 *
 * Opening a workspace analyses every open document at once. V8 then holds the heap pages it grew into
 * (most of it garbage: the live heap of a server with 570 corpus files open is ~31 MB) until its own
 * memory reducer runs, at no predictable time (seen: 45 s later, or not at all). Measured with
 * `node scripts/bench.mjs --only=lsp`: idle RSS 125-143 MB without this, under 100 MB with it (see
 * reclaimingGc for what the collection must do to give the memory back).
 *
 * The collection runs only when the process was started with `--expose-gc` (the extension and the
 * benchmark pass it: `SERVER_EXEC_ARGV` in launch.ts), only after `idleMs` without any analysis, and
 * only when the heap grew by `minGrowthBytes` since the last one, so that typing with short pauses
 * does not collect at every pause. It never runs while a request is being answered: it is a timer
 * callback, and the event loop runs one callback at a time.
 */
import * as v8 from 'node:v8';

export interface IdleGcOptions {
  /** The collector: `globalThis.gc` under `--expose-gc`. Without it, nothing is ever collected. */
  gc: (() => void) | undefined;
  /** Bytes of heap in use (`process.memoryUsage().heapUsed`). */
  heapUsed: () => number;
  idleMs?: number;
  minGrowthBytes?: number;
  /** Told after each collection: how long it took and the heap in use before and after, in bytes. */
  onCollect?: (ms: number, before: number, after: number) => void;
  /** Timers (tests pass fake ones). */
  setTimer?: (fn: () => void, ms: number) => { unref?: () => unknown };
  clearTimer?: (t: { unref?: () => unknown }) => void;
}

export class IdleGc {
  private readonly idleMs: number;
  private readonly minGrowth: number;
  private timer: { unref?: () => unknown } | undefined;
  /** Heap in use right after the last collection (or at start). */
  private baseline: number;
  /** Collections run so far (for tests and logs). */
  collections = 0;

  constructor(private readonly o: IdleGcOptions) {
    this.idleMs = o.idleMs ?? 1000;
    this.minGrowth = o.minGrowthBytes ?? 8 * 1024 * 1024;
    this.baseline = o.heapUsed();
  }

  get enabled(): boolean {
    return typeof this.o.gc === 'function';
  }

  /** Work happened (an analysis, a deferred pass): collect once `idleMs` pass without more. */
  noteActivity(): void {
    if (!this.enabled) return;
    const clear = this.o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    const set = this.o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    if (this.timer) clear(this.timer);
    this.timer = set(() => this.collectIfGrown(), this.idleMs);
    // An idle collection must never keep the process alive.
    this.timer.unref?.();
  }

  /** Collect if the heap grew enough since the last collection; true if it collected. */
  collectIfGrown(): boolean {
    this.timer = undefined;
    const gc = this.o.gc;
    if (typeof gc !== 'function') return false;
    const before = this.o.heapUsed();
    if (before - this.baseline < this.minGrowth) return false;
    const t0 = performance.now();
    gc();
    this.collections++;
    this.baseline = this.o.heapUsed();
    this.o.onCollect?.(performance.now() - t0, before, this.baseline);
    return true;
  }
}

/**
 * A full collection that gives memory back to the system, when the process runs with `--expose-gc`;
 * else undefined. Two steps, because no single one works on every runtime the server meets (Node 20
 * for the CLI and the tests, Electron's Node 22 in VS Code, Node 24 in code-server):
 *
 * 1. A compacting collection. A plain full collection frees the garbage but leaves the old
 *    generation's pages half empty: V8 compacts only pages it judges fragmented enough, and keeps the
 *    rest committed. With `--compact-on-every-full-gc` set for this one collection, V8 moves the
 *    survivors together and empties whole pages. The flag is turned off again right after, so V8's own
 *    collections while the user types are unchanged. (Node starts V8 with
 *    `--no-freeze-flags-after-init`, so `v8.setFlagsFromString` works; should a runtime refuse the
 *    flag, this collection is a plain one.)
 * 2. A memory-reducing collection (`gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })`).
 *    Node 22 and 24 keep the emptied pages in V8's page pool, mapped: after step 1 alone the old
 *    generation is down to its live size but RSS stays where it was. In a test process with some
 *    150 MB of fragmented garbage, RSS after step 1 alone was 213-227 MB, after both steps 55-60 MB,
 *    on Node 22 and 24. On Node 20 the second collection is what lets the pages of step 1 go.
 *
 * With the 570 corpus files open (`node scripts/bench.mjs --only=lsp`), idle RSS was 125-143 MB with
 * no idle collection; with step 1 alone 92-97 MB on Node 20 but 197 MB on Node 24; see
 * docs/dev/performance.md for the numbers with both steps. It takes 59 ms on Node 20 and 113 ms on
 * Node 24 there (heap in use 62-67 -> 28 MB), once per burst, at idle.
 */
export function reclaimingGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: unknown }).gc;
  if (typeof g !== 'function') return undefined;
  const gc = g as (options?: { type: string; execution: string; flavor: string }) => void;
  return () => {
    let compacting = false;
    try {
      v8.setFlagsFromString('--compact-on-every-full-gc');
      compacting = true;
    } catch {
      // A plain collection then.
    }
    try {
      gc();
    } finally {
      if (compacting) v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
    try {
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    } catch {
      // A runtime whose gc() takes no options: the compacting collection is all it gets.
    }
  };
}
