/**
 * The server's FileSystem: open editor buffers first, then the disk through a cache, so that a keystroke
 * in one file does not re-read the files around it (project files, `.env`, configuration files).
 *
 * A cached disk entry is trusted for `ttlMs`; after that one `stat` tells whether it changed (a file
 * changed outside the editor while no watcher reported it). `invalidate(path)` (didChangeWatchedFiles)
 * drops an entry at once.
 */
import * as fs from 'node:fs';
import type { ComposeFileSystem } from '../core/compose/project';

interface Entry {
  /** undefined: the path does not exist (or cannot be read as a file). */
  text?: string;
  isDir: boolean;
  exists: boolean;
  mtimeMs?: number;
  size?: number;
  checkedAt: number;
}

export interface CachedFileSystemOptions {
  /** Text of an open editor buffer for a path, undefined when the file is not open. */
  overlay?: (path: string) => string | undefined;
  ttlMs?: number;
  now?: () => number;
  /** Upper bound on cached entries (oldest dropped first). */
  maxEntries?: number;
}

export class CachedFileSystem implements ComposeFileSystem {
  private readonly entries = new Map<string, Entry>();
  private readonly overlay: (path: string) => string | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly maxEntries: number;
  /** Number of disk reads and stats (for tests and benchmarks). */
  readonly stats = { reads: 0, statCalls: 0 };

  constructor(opts: CachedFileSystemOptions = {}) {
    this.overlay = opts.overlay ?? (() => undefined);
    this.ttlMs = opts.ttlMs ?? 2000;
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? 5000;
  }

  /** Forget one path (a watched file changed), or everything. */
  invalidate(path?: string): void {
    if (path === undefined) this.entries.clear();
    else this.entries.delete(path);
  }

  private stat(path: string): fs.Stats | undefined {
    this.stats.statCalls++;
    try {
      return fs.statSync(path);
    } catch {
      return undefined;
    }
  }

  private entry(path: string, wantText: boolean): Entry {
    const now = this.now();
    const e = this.entries.get(path);
    if (e && now - e.checkedAt < this.ttlMs && (!wantText || !e.exists || e.isDir || e.text !== undefined))
      return e;
    const st = this.stat(path);
    if (e && st && e.exists && e.mtimeMs === st.mtimeMs && e.size === st.size) {
      if (!wantText || e.isDir || e.text !== undefined) {
        e.checkedAt = now;
        return e;
      }
    }
    const next: Entry = {
      exists: !!st,
      isDir: !!st?.isDirectory(),
      mtimeMs: st?.mtimeMs,
      size: st?.size,
      checkedAt: now,
    };
    if (wantText && st && !next.isDir) {
      this.stats.reads++;
      try {
        next.text = fs.readFileSync(path, 'utf8');
      } catch {
        next.exists = false;
      }
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(path, next);
    return next;
  }

  readFile(path: string): string | undefined {
    const o = this.overlay(path);
    if (o !== undefined) return o;
    const e = this.entry(path, true);
    return e.exists && !e.isDir ? e.text : undefined;
  }

  exists(path: string): boolean {
    return this.overlay(path) !== undefined || this.entry(path, false).exists;
  }

  isDirectory(path: string): boolean {
    return this.entry(path, false).isDir;
  }

  readDir(path: string): string[] {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  }

  /** For the compose project cache: a disk file's modification time; undefined for open buffers. */
  mtime(path: string): number | undefined {
    if (this.overlay(path) !== undefined) return undefined;
    const e = this.entry(path, false);
    return e.exists ? e.mtimeMs : undefined;
  }
}
