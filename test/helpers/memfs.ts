/**
 * An in-memory, read-only FileSystem for tests: `memfs({ '/p/Dockerfile': '...', '/p/.dockerignore': '...' })`.
 * Directories are implied by the file paths.
 */
import type { FileSystem } from '../../server/src/core/types';

export function memfs(files: Record<string, string>): FileSystem {
  const dirs = new Map<string, Set<string>>();
  for (const p of Object.keys(files)) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') || '/';
      let set = dirs.get(dir);
      if (!set) dirs.set(dir, (set = new Set()));
      set.add(parts[i]);
    }
  }
  const norm = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  return {
    readFile: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : undefined),
    exists: (p) => Object.prototype.hasOwnProperty.call(files, p) || dirs.has(norm(p)),
    isDirectory: (p) => dirs.has(norm(p)),
    readDir: (p) => [...(dirs.get(norm(p)) ?? [])].sort(),
  };
}
