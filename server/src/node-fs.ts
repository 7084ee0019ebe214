/**
 * The core's FileSystem on Node's fs, with an overlay of open editor buffers.
 */
import * as fs from 'node:fs';
import type { FileSystem } from './core/types';

export class NodeFileSystem implements FileSystem {
  constructor(private readonly overlay: (path: string) => string | undefined = () => undefined) {}

  readFile(path: string): string | undefined {
    const o = this.overlay(path);
    if (o !== undefined) return o;
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    return this.overlay(path) !== undefined || fs.existsSync(path);
  }

  isDirectory(path: string): boolean {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  readDir(path: string): string[] {
    try {
      return fs.readdirSync(path);
    } catch {
      return [];
    }
  }
}
