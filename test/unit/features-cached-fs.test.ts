import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CachedFileSystem } from '../../server/src/features/cached-fs';

describe('features: CachedFileSystem', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cfs-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a file once while it is fresh, re-reads after invalidate', () => {
    let now = 0;
    const f = path.join(dir, 'a.txt');
    fs.writeFileSync(f, 'one');
    const c = new CachedFileSystem({ now: () => now, ttlMs: 1000 });
    assert.equal(c.readFile(f), 'one');
    fs.writeFileSync(f, 'two!');
    now = 500;
    assert.equal(c.readFile(f), 'one', 'within the TTL: the cached text');
    assert.equal(c.stats.reads, 1);
    c.invalidate(f);
    assert.equal(c.readFile(f), 'two!');
    assert.equal(c.stats.reads, 2);
  });

  it('after the TTL a stat decides: unchanged files are not read again', () => {
    let now = 0;
    const f = path.join(dir, 'b.txt');
    fs.writeFileSync(f, 'same');
    const c = new CachedFileSystem({ now: () => now, ttlMs: 10 });
    c.readFile(f);
    now = 100;
    assert.equal(c.readFile(f), 'same');
    assert.equal(c.stats.reads, 1);
    fs.writeFileSync(f, 'different size');
    now = 200;
    assert.equal(c.readFile(f), 'different size');
    assert.equal(c.stats.reads, 2);
  });

  it('open buffers win and have no mtime; missing files are cached as missing', () => {
    const f = path.join(dir, 'c.txt');
    const c = new CachedFileSystem({ overlay: (p) => (p === f ? 'buffer' : undefined) });
    assert.equal(c.readFile(f), 'buffer');
    assert.equal(c.exists(f), true);
    assert.equal(c.mtime(f), undefined);
    const g = path.join(dir, 'missing.txt');
    assert.equal(c.readFile(g), undefined);
    assert.equal(c.exists(g), false);
    assert.equal(c.isDirectory(dir), true);
  });
});
