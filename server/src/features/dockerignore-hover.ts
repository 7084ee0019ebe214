/**
 * Hover on a `.dockerignore` pattern: which files of the build context it matches (count and the first
 * few), from a bounded walk of the directory next to the file. `.git` and `node_modules` are not walked
 * into unless the pattern names them.
 */
import * as fsp from 'node:fs/promises';
import * as nodePath from 'node:path';
import { matchPath, type CompiledPattern } from '../core/dockerignore/matcher';
import type { DockerignoreModel, DockerignorePattern } from '../core/dockerignore/model';

export interface DirEntry {
  name: string;
  isDir: boolean;
}

/** Reads one directory; an error means "empty". */
export type ReadDir = (absPath: string) => Promise<DirEntry[]>;

export const nodeReadDir: ReadDir = async (p) => {
  try {
    return (await fsp.readdir(p, { withFileTypes: true })).map((d) => ({
      name: d.name,
      isDir: d.isDirectory(),
    }));
  } catch {
    return [];
  }
};

export interface ContextEntry {
  /** Relative to the context, `/`-separated; directories without a trailing slash. */
  path: string;
  isDir: boolean;
  /** A directory whose contents were not walked (`.git`, `node_modules`, or the entry limit). */
  notWalked?: boolean;
}

export interface ContextListing {
  entries: ContextEntry[];
  /** True when the walk stopped at the entry limit. */
  truncated: boolean;
}

export const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * Every file and directory under `root`, breadth first, at most `limit` entries. Directories named in
 * `SKIPPED_DIRS` are listed but not walked unless `walkAll` contains their name.
 */
export async function listContext(
  root: string,
  readDir: ReadDir,
  opts: { limit?: number; walk?: Set<string>; cancelled?: () => boolean } = {},
): Promise<ContextListing | undefined> {
  const limit = opts.limit ?? 20_000;
  const entries: ContextEntry[] = [];
  const queue: string[] = [''];
  let head = 0;
  let truncated = false;
  while (head < queue.length) {
    if (opts.cancelled?.()) return undefined;
    const rel = queue[head++];
    const list = await readDir(rel ? nodePath.join(root, ...rel.split('/')) : root);
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const d of list) {
      if (entries.length >= limit) {
        truncated = true;
        break;
      }
      const p = rel ? `${rel}/${d.name}` : d.name;
      const skip = d.isDir && SKIPPED_DIRS.has(d.name) && !opts.walk?.has(d.name);
      entries.push({ path: p, isDir: d.isDir, notWalked: skip || undefined });
      if (d.isDir && !skip) queue.push(p);
    }
    if (truncated) {
      // The directory being read (partly listed) and those still queued.
      const pending = new Set(queue.slice(head - 1));
      for (const e of entries) if (e.isDir && pending.has(e.path)) e.notWalked = true;
      break;
    }
  }
  return { entries, truncated };
}

/** The skipped directory names a pattern names (so that the walk goes into them). */
export function namedSkippedDirs(patterns: { pattern: string }[]): Set<string> {
  const out = new Set<string>();
  for (const p of patterns) for (const d of SKIPPED_DIRS) if (p.pattern.split('/').includes(d)) out.add(d);
  return out;
}

export interface PatternMatches {
  /** Files the pattern matches (itself or through a matched parent directory). */
  fileCount: number;
  /** The top-most matched entries (a matched directory stands for its contents), in walk order. */
  top: ContextEntry[];
  /** Of the matched files, how many this file excludes in the end (the last matching pattern wins). */
  excludedCount: number;
  /** Matched directories whose contents were not walked. */
  notWalked: string[];
}

/** What one pattern matches in a listing. */
export function matchPattern(
  pattern: CompiledPattern,
  all: CompiledPattern[],
  listing: ContextListing,
): PatternMatches {
  const res: PatternMatches = { fileCount: 0, top: [], excludedCount: 0, notWalked: [] };
  if (!pattern.regex) return res;
  const matchedDirs = new Set<string>();
  for (const e of listing.entries) {
    const slash = e.path.lastIndexOf('/');
    const parent = slash < 0 ? '' : e.path.slice(0, slash);
    const viaParent = parent !== '' && matchedDirs.has(parent);
    // Breadth-first: a directory is seen before its contents, so parents are already decided.
    const hit = viaParent || pattern.regex.test(e.path);
    if (!hit) continue;
    if (e.isDir) {
      matchedDirs.add(e.path);
      if (e.notWalked) res.notWalked.push(e.path);
    } else {
      res.fileCount++;
      if (matchPath(all, e.path).excluded) res.excludedCount++;
    }
    if (!viaParent) res.top.push(e);
  }
  return res;
}

function pathList(m: PatternMatches, max: number): string {
  const items = m.top.slice(0, max).map((e) => `- \`${e.path}${e.isDir ? '/' : ''}\``);
  if (m.top.length > max) items.push(`- … (${m.top.length - max} more)`);
  return items.join('\n');
}

/** The hover text for the pattern at `line`, or undefined when the line holds no pattern. */
export function patternAtLine(model: DockerignoreModel, line: number): DockerignorePattern | undefined {
  return model.patterns.find((p) => p.line === line);
}

export function dockerignoreHoverText(
  p: DockerignorePattern,
  model: DockerignoreModel,
  listing: ContextListing,
  contextLabel: string,
): string {
  if (p.error) return `**\`${p.raw}\`** is not a valid pattern: ${p.error}. Docker refuses to build with it.`;
  const m = matchPattern(p, model.patterns, listing);
  const at = listing.truncated ? 'at least ' : '';
  const verb = p.exclusion ? 'Re-includes' : 'Excludes';
  const lines: string[] = [];
  if (m.top.length === 0) {
    lines.push(
      `**\`${p.raw}\`** matches nothing in the build context \`${contextLabel}\`` +
        (listing.truncated
          ? ` (only the first ${listing.entries.length.toLocaleString('en-US')} entries were looked at)`
          : ''),
    );
    return lines.join('\n\n');
  }
  const files = `${at}${m.fileCount} file${m.fileCount === 1 ? '' : 's'}`;
  lines.push(`**\`${p.raw}\`** ${verb.toLowerCase()} ${files} of the build context \`${contextLabel}\`:`);
  lines.push(pathList(m, 10));
  if (m.notWalked.length)
    lines.push(`Not counted: the contents of ${m.notWalked.map((d) => `\`${d}/\``).join(', ')}.`);
  const finalExcluded = m.excludedCount;
  if (!p.exclusion && finalExcluded < m.fileCount)
    lines.push(`${m.fileCount - finalExcluded} of them are re-included by a later \`!\` pattern.`);
  if (p.exclusion && finalExcluded > 0)
    lines.push(`${finalExcluded} of them are excluded again by a later pattern.`);
  return lines.join('\n\n');
}

interface CachedListing {
  at: number;
  walkKey: string;
  listing: ContextListing;
}
const listingCache = new Map<string, CachedListing>();

/** The listing of a context directory, cached for `ttlMs` (hovering along the file is cheap). */
export async function cachedListing(
  root: string,
  walk: Set<string>,
  opts: { readDir?: ReadDir; ttlMs?: number; limit?: number; cancelled?: () => boolean } = {},
): Promise<ContextListing | undefined> {
  const key = [...walk].sort().join(',');
  const c = listingCache.get(root);
  const now = Date.now();
  if (c && c.walkKey === key && now - c.at < (opts.ttlMs ?? 5000)) return c.listing;
  const listing = await listContext(root, opts.readDir ?? nodeReadDir, {
    limit: opts.limit,
    walk,
    cancelled: opts.cancelled,
  });
  if (listing) {
    if (listingCache.size > 20) listingCache.clear();
    listingCache.set(root, { at: now, walkKey: key, listing });
  }
  return listing;
}

/** Forget cached listings (a watched file changed). */
export function clearListingCache(): void {
  listingCache.clear();
}
