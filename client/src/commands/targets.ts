import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  isComposeFileName,
  isDockerfileName,
  isOverrideComposeFileName,
  findBaseFile,
  type FsHost,
} from '../docker';
import { Cancelled, UserError } from './runtime';

export const diskHost: FsHost = {
  exists: (f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  },
  readFile: (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** What a command was invoked on. */
export interface Invocation {
  /** Absolute file paths, in order (explorer multi-selection order). */
  files: string[];
  /** The file the command was invoked on (the right-clicked one in a multi-selection). */
  clicked: string;
  /** From a code lens: the services to act on. */
  services?: string[];
  /** From a code lens: the Dockerfile stage. */
  target?: string;
  /** How the command was invoked. */
  source: 'explorer' | 'lens' | 'palette';
}

function toFsPath(value: string): string {
  if (/^file:\/\//i.test(value)) return vscode.Uri.parse(value).fsPath;
  if (path.isAbsolute(value)) return value;
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder ? path.join(folder.uri.fsPath, value) : path.resolve(value);
}

function requireFileUri(uri: vscode.Uri): string {
  if (uri.scheme !== 'file') {
    throw new UserError(`Berth can only run docker on files on disk (this one is "${uri.scheme}:").`);
  }
  return uri.fsPath;
}

function stringArray(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.filter((x): x is string => typeof x === 'string' && x !== '');
  return out.length > 0 ? out : undefined;
}

/**
 * Decodes a command's arguments:
 * - explorer / editor title: `(uri, uris?)`; a multi-selection is one call with all of them, in order;
 * - code lens: `{ file, services?, target? }` (`file` is an fsPath; a `file://` URI is accepted too);
 * - palette: nothing.
 */
export function decodeArgs(args: readonly unknown[]): Invocation | undefined {
  const [first, second] = args;
  if (first instanceof vscode.Uri) {
    const many = Array.isArray(second) && second.length > 0 && second.every((u) => u instanceof vscode.Uri);
    const uris: vscode.Uri[] =
      many && (second as vscode.Uri[]).some((u) => u.toString() === first.toString())
        ? (second as vscode.Uri[])
        : [first];
    return { files: uris.map(requireFileUri), clicked: requireFileUri(first), source: 'explorer' };
  }
  if (typeof first === 'string' && first !== '') {
    const file = toFsPath(first);
    return { files: [file], clicked: file, source: 'lens' };
  }
  if (typeof first === 'object' && first !== null) {
    const o = first as Record<string, unknown>;
    const file = typeof o.file === 'string' ? o.file : typeof o.uri === 'string' ? o.uri : undefined;
    if (file) {
      const fsPath = toFsPath(file);
      return {
        files: [fsPath],
        clicked: fsPath,
        services: stringArray(o.services),
        target: typeof o.target === 'string' && o.target !== '' ? o.target : undefined,
        source: 'lens',
      };
    }
  }
  return undefined;
}

/**
 * The compose files of an invocation. A multi-selection keeps the files named like compose files (the
 * language server's rule), the right-clicked file (the menu only offers the command on a compose file) and
 * open documents in the Compose language, in selection order; other files (a Dockerfile, `values.yaml`) are
 * left out.
 */
export function composeFilesOf(inv: Invocation): string[] {
  if (inv.files.length <= 1) return inv.files;
  const composeDocs = new Set(
    vscode.workspace.textDocuments
      .filter((d) => d.languageId === 'dockercompose' && d.uri.scheme === 'file')
      .map((d) => d.uri.fsPath),
  );
  const kept = inv.files.filter(
    (f) => f === inv.clicked || isComposeFileName(path.basename(f)) || composeDocs.has(f),
  );
  return kept.length > 0 ? kept : [inv.clicked];
}

function relative(file: string): string {
  return vscode.workspace.asRelativePath(file, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

async function pickFile(kind: string, files: string[]): Promise<string> {
  if (files.length === 1) return files[0];
  const items = files
    .map((f) => ({ label: relative(f), file: f }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `Select a ${kind}`,
    matchOnDescription: true,
  });
  if (!picked) throw new Cancelled();
  return picked.file;
}

function activeFile(test: (doc: vscode.TextDocument) => boolean): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.uri.scheme === 'file' && test(doc)) return doc.uri.fsPath;
  return undefined;
}

const EXCLUDE = '**/{node_modules,.git}/**';

/** The compose file for a palette invocation: the active editor's, else the only one, else a pick. */
export async function pickComposeFile(): Promise<string> {
  const active = activeFile(
    (d) => d.languageId === 'dockercompose' || isComposeFileName(path.basename(d.uri.fsPath)),
  );
  if (active) return active;
  const found = (await vscode.workspace.findFiles('**/*compose*.{yaml,yml}', EXCLUDE, 500))
    .filter((u) => u.scheme === 'file' && isComposeFileName(path.basename(u.fsPath)))
    .map((u) => u.fsPath);
  // An override file belongs to its base file's project: offer the base file only.
  const candidates = found.filter(
    (f) => !(isOverrideComposeFileName(path.basename(f)) && findBaseFile(f, diskHost) !== undefined),
  );
  if (candidates.length === 0) {
    throw new UserError('No compose file found: open a compose.yaml (or docker-compose.yml) and try again.');
  }
  return pickFile('compose file', candidates);
}

/** The Dockerfile for a palette invocation: the active editor's, else the only one, else a pick. */
export async function pickDockerfile(): Promise<string> {
  const active = activeFile(
    (d) => d.languageId === 'dockerfile' || isDockerfileName(path.basename(d.uri.fsPath)),
  );
  if (active) return active;
  const found = (
    await vscode.workspace.findFiles('**/*{Dockerfile,dockerfile,Containerfile,containerfile}*', EXCLUDE, 500)
  )
    .filter((u) => u.scheme === 'file' && isDockerfileName(path.basename(u.fsPath)))
    .map((u) => u.fsPath);
  if (found.length === 0) throw new UserError('No Dockerfile found: open a Dockerfile and try again.');
  return pickFile('Dockerfile', found);
}

/** The active editor's Dockerfile, if any (no search, no picker). */
export function activeDockerfile(): string | undefined {
  return activeFile((d) => d.languageId === 'dockerfile' || isDockerfileName(path.basename(d.uri.fsPath)));
}
