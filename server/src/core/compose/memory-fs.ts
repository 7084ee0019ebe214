/**
 * An in-memory FileSystem (absolute POSIX paths -> contents), for tests and for callers that lint
 * unsaved text. Directories are implied by the files under them.
 */
import type { FileSystem } from '../types';

export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();
  /** Paths read so far (tests use it to prove a file is read once). */
  readonly reads: string[] = [];
  private readonly mtimes = new Map<string, number>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.write(p, t);
  }

  write(path: string, text: string): void {
    this.files.set(path, text);
    this.mtimes.set(path, (this.mtimes.get(path) ?? 0) + 1);
  }

  readFile(path: string): string | undefined {
    this.reads.push(path);
    return this.files.get(path);
  }

  exists(path: string): boolean {
    return this.files.has(path) || this.isDirectory(path);
  }

  isDirectory(path: string): boolean {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return true;
    return false;
  }

  readDir(path: string): string[] {
    const prefix = path.endsWith('/') ? path : path + '/';
    const names = new Set<string>();
    for (const p of this.files.keys())
      if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
    return [...names];
  }

  /** A version stamp per file (see `ComposeFileSystem.mtime`). */
  mtime(path: string): number | undefined {
    return this.mtimes.get(path);
  }
}
