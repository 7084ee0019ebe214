// A tiny sequential test runner for the e2e suite: named tests with a time limit, a screenshot on
// failure, and `N passed, N failed` as the last line printed.
import fs from 'node:fs';
import path from 'node:path';

const tests = [];
const extra = []; // results reported by someone else (the probe extension)

export function test(name, fn, { timeout = 120000 } = {}) {
  tests.push({ name, fn, timeout });
}

export function report(name, ok, error, ms = 0) {
  extra.push({ name, ok, error, ms });
}

export function slug(s) {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Polls `fn` until it returns a truthy value; throws `message` (plus the last value/error) on time out.
export async function waitFor(fn, { timeout = 30000, interval = 250, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      const why = lastErr ? ` (last error: ${lastErr.message.split('\n')[0]})` : '';
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${message}${why}`);
    }
    await sleep(interval);
  }
}

let shotCount = 0;
export function makeScreenshotter(page, dir) {
  fs.mkdirSync(dir, { recursive: true });
  return async (name) => {
    shotCount += 1;
    const file = path.join(dir, `${String(shotCount).padStart(2, '0')}-${slug(name)}.png`);
    try {
      await page.screenshot({ path: file, timeout: 15000 });
      return file;
    } catch (err) {
      console.log(`#   (screenshot ${name} failed: ${err.message.split('\n')[0]})`);
      return undefined;
    }
  };
}

function fmtMs(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Runs the registered tests in order. `beforeEach`/`onFailure` are optional hooks.
export async function runTests({ beforeEach, onFailure, grep } = {}) {
  const results = [];
  let n = 0;
  for (const t of tests) {
    if (grep && !grep.test(t.name)) continue;
    n += 1;
    const t0 = Date.now();
    let error;
    try {
      if (beforeEach) await beforeEach(t.name);
      let timer;
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`test timed out after ${fmtMs(t.timeout)}`)), t.timeout);
        }),
      ]).finally(() => clearTimeout(timer));
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const ms = Date.now() - t0;
    if (error) {
      const shot = onFailure ? await onFailure(t.name).catch(() => undefined) : undefined;
      console.log(`not ok ${n} - ${t.name} (${fmtMs(ms)})`);
      for (const line of error.split('\n').slice(0, 12)) console.log(`#   ${line}`);
      if (shot) console.log(`#   screenshot: ${shot}`);
    } else {
      console.log(`ok ${n} - ${t.name} (${fmtMs(ms)})`);
    }
    results.push({ name: t.name, ok: !error, error, ms });
  }
  return results;
}

export function printExtra(startIndex) {
  let n = startIndex;
  for (const r of extra) {
    n += 1;
    if (r.ok) console.log(`ok ${n} - ${r.name} (${fmtMs(r.ms)})`);
    else {
      console.log(`not ok ${n} - ${r.name} (${fmtMs(r.ms)})`);
      for (const line of String(r.error).split('\n').slice(0, 12)) console.log(`#   ${line}`);
    }
  }
  return extra;
}
