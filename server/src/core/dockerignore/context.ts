/**
 * The build context of a Dockerfile as Berth sees it: the Dockerfile's directory (the usual
 * `docker build .` / compose `context: .`), and the `.dockerignore` BuildKit would use for it:
 * `<Dockerfile name>.dockerignore` next to the Dockerfile first, then `.dockerignore` at the
 * context root.
 */
import type { FileSystem } from '../types';
import { parseDockerignore, type DockerignoreModel } from './model';
import { basename, dirname, join } from './paths';

export interface DockerignoreFile {
  /** Absolute path of the file. */
  path: string;
  model: DockerignoreModel;
}

/** The `.dockerignore` that applies to the Dockerfile at `dockerfilePath`, if any. */
export function findDockerignore(fs: FileSystem, dockerfilePath: string): DockerignoreFile | undefined {
  for (const p of dockerignoreCandidates(dockerfilePath)) {
    if (!fs.exists(p) || fs.isDirectory(p)) continue;
    const text = fs.readFile(p);
    if (text === undefined) continue;
    return { path: p, model: parseDockerignore(text) };
  }
  return undefined;
}

/** Where BuildKit looks for the ignore file, in order. */
export function dockerignoreCandidates(dockerfilePath: string): string[] {
  const dir = dirname(dockerfilePath);
  return [join(dir, `${basename(dockerfilePath)}.dockerignore`), join(dir, '.dockerignore')];
}

/** The context directory assumed for a Dockerfile: its own directory. */
export function contextDir(dockerfilePath: string): string {
  return dirname(dockerfilePath);
}

const DOCKERFILE_NAME = /^((docker|container)file([.-][^/\\]*)?|[^/\\]+\.(docker|container)file)$/i;

/** Names of the Dockerfiles in `dir` (`Dockerfile.dockerignore` is an ignore file, not one of them). */
export function dockerfilesIn(fs: FileSystem, dir: string): string[] {
  return fs.readDir(dir).filter((n) => DOCKERFILE_NAME.test(n) && !/\.dockerignore$/i.test(n));
}

/**
 * The Dockerfiles (absolute paths) that BuildKit gives the ignore file at `ignorePath`, assuming each
 * builds with its own directory as context: for `<name>.dockerignore`, the Dockerfile `<name>`; for
 * `.dockerignore`, the Dockerfiles next to it that have no `<name>.dockerignore` of their own.
 */
export function dockerfilesUsing(fs: FileSystem, ignorePath: string): string[] {
  const dir = dirname(ignorePath);
  const base = basename(ignorePath);
  const isFile = (p: string) => p === ignorePath || (fs.exists(p) && !fs.isDirectory(p));
  const own = /^(.+)\.dockerignore$/i.exec(base);
  if (own && base !== '.dockerignore') {
    const df = join(dir, own[1]);
    return fs.exists(df) && !fs.isDirectory(df) ? [df] : [];
  }
  if (base !== '.dockerignore') return [];
  return dockerfilesIn(fs, dir)
    .map((n) => join(dir, n))
    .filter((df) => !fs.isDirectory(df) && dockerignoreCandidates(df).find(isFile) === ignorePath)
    .sort();
}
