/**
 * Small path helpers for the core (which does not import `node:path`): they accept `/` and `\`
 * separators and keep the style of the path they are given.
 */

function sepOf(p: string): string {
  return p.includes('/') || !p.includes('\\') ? '/' : '\\';
}

export function dirname(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return p[0];
  return p.slice(0, i);
}

export function basename(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return p.slice(i + 1);
}

export function join(dir: string, name: string): string {
  const sep = sepOf(dir);
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : dir + sep + name;
}
