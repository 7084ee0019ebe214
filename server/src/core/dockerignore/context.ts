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
