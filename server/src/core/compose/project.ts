/**
 * The compose project around one file: its directory, the file set Compose would load (`compose.yaml` /
 * `docker-compose.yml` and its `.override` file), `include`d files, `extends.file` targets, the project
 * `.env` (interpolation) and the definitions all of them contribute.
 *
 * `.env` in the project directory feeds interpolation of the compose files (`${VAR}`); `env_file:` entries
 * feed the container's environment. They are different things and are kept apart: `resolveVar` only looks
 * at the project `.env` and the shell.
 *
 * Other files are parsed once and kept while their text (or `mtime`, when the FileSystem offers it) is
 * unchanged, so a keystroke only re-parses the edited document.
 */
import * as nodePath from 'node:path';
import type { FileSystem } from '../types';
import type { Scalar } from 'yaml';
import { findVarRefs, interpolate } from './interpolate';
import { parseDotenv, type Dotenv, type DotenvEntry } from './dotenv';
import {
  deref,
  getValue,
  nodeSpan,
  parseCompose,
  scalarText,
  seqItems,
  services,
  type ComposeModel,
} from './model';
import { composeIndex, type ComposeDefinition, type SymbolKind } from './symbols';
import { isMap, isScalar, isSeq } from './yaml-nodes';

/** A FileSystem that can also say when a file changed (optional: without it, file texts are compared). */
export interface ComposeFileSystem extends FileSystem {
  mtime?(path: string): number | undefined;
}

/** Default compose file names, in the order Compose tries them. */
export const DEFAULT_COMPOSE_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yaml',
  'docker-compose.yml',
];

export interface ProjectFile {
  path: string;
  model: ComposeModel;
  /** Why it is part of the project. */
  role: 'main' | 'override' | 'include' | 'extends' | 'self';
}

export interface VarResolution {
  name: string;
  value: string | undefined;
  source: { kind: 'dotenv'; path: string; entry: DotenvEntry } | { kind: 'shell' } | { kind: 'unset' };
}

export interface ComposeProject {
  /** The project directory (the directory of the first file of the set), undefined in single-file mode. */
  dir?: string;
  /** The linted file's path, when known. */
  path?: string;
  /** True when the linted file is an override (checked together with the files it overrides). */
  isOverride: boolean;
  /** The linted file first, then the other files that contribute definitions. */
  files: ProjectFile[];
  /** The project `.env` (interpolation), when present. */
  dotenv?: { path: string; env: Dotenv };
  /** False when no FileSystem was given: checks that need other files must say nothing. */
  hasFs: boolean;
  fs?: FileSystem;
  /**
   * Definitions of a kind by name, from the files of the project (the linted file's own first). Files only
   * reached through `extends.file` are left out: Compose takes the extended service from them, nothing else.
   */
  definitions(kind: SymbolKind): Map<string, { def: ComposeDefinition; file: ProjectFile }>;
  /**
   * Every definition of a service across the project files (the linted file first), `extends.file` targets
   * left out. With `followExtends`, each definition is preceded by the services it extends from other files
   * (recursively; what `image`, `healthcheck`... a service inherits).
   */
  serviceDefs(name: string, followExtends?: boolean): { node: unknown; file: ProjectFile }[];
}

let shellEnv: Record<string, string | undefined> =
  typeof process !== 'undefined' && process.env ? process.env : {};

/** The environment used for interpolation after `.env` (the shell's by default; tests set their own). */
export function setShellEnv(env: Record<string, string | undefined>): void {
  shellEnv = env;
}

/**
 * The value of `${name}` as Compose would interpolate it in this project, and where it comes from: the
 * shell environment wins over the project `.env` (as in Compose); unset when neither has it.
 */
export function resolveVar(project: ComposeProject, name: string): VarResolution {
  const sv = shellEnv[name];
  if (sv !== undefined && project.hasFs) return { name, value: sv, source: { kind: 'shell' } };
  const e = project.dotenv?.env.map.get(name);
  if (e && project.dotenv)
    return { name, value: e.value, source: { kind: 'dotenv', path: project.dotenv.path, entry: e } };
  return { name, value: undefined, source: { kind: 'unset' } };
}

/** Interpolate `raw` (a path, a name) with the project's variables; undefined when a variable is unknown. */
export function expandVars(project: ComposeProject, raw: string): string | undefined {
  if (!raw.includes('$')) return raw;
  const r = interpolate(raw, (n) => resolveVar(project, n).value);
  return r.missing.length || r.errors.length ? undefined : r.value;
}

/** A scalar's value as Compose sees it after interpolation, with the span of the token as written. */
export interface ScalarValue {
  /** The value: the scalar's text, interpolated when it holds `${VAR}` / `$VAR` / `$$`. */
  text: string;
  node: Scalar;
  /** The token in the document (quotes included): findings go there. */
  start: number;
  end: number;
  /**
   * Set when `text` came from interpolation (it differs from the source): an edit computed on `text` does not
   * map onto the document and would destroy the variable, so fixes must not be offered from it.
   */
  interpolated?: {
    /** The scalar's text as written (`postgres:${PG_TAG}`). */
    raw: string;
    /** The variables it reads (outer references, first occurrence each), with their origin. */
    vars: VarResolution[];
  };
}

/**
 * The one way for rules to read a scalar's value: `${VAR}`, `${VAR:-default}`, `$$`... interpolated with the
 * project's variables (shell environment, then the project `.env`, as `resolveVar`). Undefined when `node` is
 * not a scalar, and when the value is unknown: a variable without a value and without a default (or a
 * `${VAR:?err}` that stops Compose; compose-undefined-variable reports those), or any variable when the
 * project's files are not available (then `.env` is unknown).
 */
export function scalarValue(project: ComposeProject, node: unknown): ScalarValue | undefined {
  if (!isScalar(node)) return undefined;
  const raw = scalarText(node);
  const span = nodeSpan(node);
  if (raw === undefined || !span) return undefined;
  const base = { node, start: span[0], end: span[1] };
  if (typeof node.value !== 'string' || !raw.includes('$')) return { text: raw, ...base };
  const refs = findVarRefs(raw);
  if (refs.length && !project.hasFs) return undefined;
  const r = interpolate(raw, (n) => resolveVar(project, n).value);
  if (r.missing.length || r.errors.length) return undefined;
  const vars: VarResolution[] = [];
  const seen = new Set<string>();
  for (const ref of refs)
    if (!ref.nested && !seen.has(ref.name)) {
      seen.add(ref.name);
      vars.push(resolveVar(project, ref.name));
    }
  return { text: r.value, ...base, interpolated: { raw, vars } };
}

/**
 * A service's image as Compose runs it: from the last of its definitions (override files, `extends`) that
 * sets one, interpolated; '' when a variable in it has no value; undefined when none sets an image.
 */
export function serviceImage(project: ComposeProject, name: string): string | undefined {
  let image: string | undefined;
  for (const d of project.serviceDefs(name, true)) {
    const iv = getValue(d.file.model, d.node, 'image');
    if (scalarText(iv) !== undefined) image = scalarValue(project, iv)?.text ?? '';
  }
  return image;
}

/**
 * For messages: "`postgres:${PG_TAG}` is `postgres:latest` (PG_TAG from .env line 1)", or '' when the value
 * is the text as written.
 */
export function interpolationNote(project: ComposeProject, v: ScalarValue): string {
  if (!v.interpolated) return '';
  const from = v.interpolated.vars.map((r) => {
    const s = r.source;
    if (s.kind === 'dotenv') {
      const rel = project.path ? nodePath.relative(nodePath.dirname(project.path), s.path) : s.path;
      return `${r.name} from ${rel || '.env'} line ${s.entry.line + 1}`;
    }
    if (s.kind === 'shell') return `${r.name} from the environment`;
    return `${r.name} is unset`;
  });
  return `\`${v.interpolated.raw}\` is \`${v.text}\`${from.length ? ` (${from.join(', ')})` : ''}`;
}

/** The profiles a service belongs to (from every file of the project that defines it); [] = always enabled. */
export function serviceProfiles(project: ComposeProject, name: string): string[] {
  const out = new Set<string>();
  for (const d of project.serviceDefs(name))
    for (const p of seqItems(d.file.model, getValue(d.file.model, d.node, 'profiles'))) {
      const t = scalarText(p);
      if (t) out.add(t);
    }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// File cache
// ---------------------------------------------------------------------------------------------

interface Cached {
  text: string;
  mtime?: number;
  model: ComposeModel;
}
/** Caches per FileSystem object (a version stamp only means something for the FileSystem that gave it). */
const fileCaches = new WeakMap<FileSystem, Map<string, Cached>>();
const envCaches = new WeakMap<FileSystem, Map<string, { text: string; env: Dotenv }>>();
const MAX_CACHED = 500;

function cacheOf<T>(all: WeakMap<FileSystem, Map<string, T>>, fs: FileSystem): Map<string, T> {
  let c = all.get(fs);
  if (!c) all.set(fs, (c = new Map()));
  return c;
}

/** Forget a file (the LSP server calls this when a watched file changes or is deleted). */
export function invalidateComposeFile(fs: FileSystem, path: string): void {
  fileCaches.get(fs)?.delete(path);
  envCaches.get(fs)?.delete(path);
}

/** Parse another file of the project, once per content. */
export function loadComposeFile(fs: ComposeFileSystem, path: string): ComposeModel | undefined {
  const fileCache = cacheOf(fileCaches, fs);
  const c = fileCache.get(path);
  const mt = fs.mtime?.(path);
  if (c && mt !== undefined && c.mtime === mt) return c.model;
  const text = fs.readFile(path);
  if (text === undefined) {
    fileCache.delete(path);
    return undefined;
  }
  if (c && c.text === text) {
    c.mtime = mt;
    return c.model;
  }
  const model = parseCompose(text);
  if (fileCache.size >= MAX_CACHED) fileCache.delete(fileCache.keys().next().value as string);
  fileCache.set(path, { text, mtime: mt, model });
  return model;
}

function loadDotenv(fs: FileSystem, path: string): Dotenv | undefined {
  const text = fs.readFile(path);
  if (text === undefined) return undefined;
  const envCache = cacheOf(envCaches, fs);
  const c = envCache.get(path);
  if (c && c.text === text) return c.env;
  const env = parseDotenv(text, (n) => shellEnv[n]);
  envCache.set(path, { text, env });
  return env;
}

// ---------------------------------------------------------------------------------------------
// The project
// ---------------------------------------------------------------------------------------------

/** `compose.override.yaml` -> `compose.yaml` style: the base names an override file overrides. */
function overrideBase(base: string): string | undefined {
  const m = /^(.*)\.override(\.ya?ml)$/i.exec(base);
  return m ? m[1] + m[2] : undefined;
}

function candidatesFor(base: string): string[] {
  // compose.override.yaml overrides compose.yaml; also accept the other extension.
  const m = /^(.*)\.(ya?ml)$/i.exec(base);
  if (!m) return [base];
  return [base, `${m[1]}.${m[2].toLowerCase() === 'yml' ? 'yaml' : 'yml'}`];
}

/** Build the project of a file. `model` is the linted document (its text may differ from the disk). */
export function buildProject(
  model: ComposeModel,
  path: string | undefined,
  fs: ComposeFileSystem | undefined,
): ComposeProject {
  const self: ProjectFile = { path: path ?? '', model, role: 'self' };
  const files: ProjectFile[] = [self];
  let isOverride = false;
  let dir: string | undefined;
  let dotenv: ComposeProject['dotenv'];
  if (path && fs) {
    dir = nodePath.dirname(path);
    const base = nodePath.basename(path);
    const seen = new Set([path]);
    const addFile = (p: string, role: ProjectFile['role']) => {
      if (seen.has(p)) {
        // Extended from, and also part of the project (included, an override): it is a project file.
        const f = role !== 'extends' ? files.find((x) => x.path === p && x.role === 'extends') : undefined;
        if (f) f.role = role;
        return;
      }
      seen.add(p);
      const m = loadComposeFile(fs, p);
      if (m) files.push({ path: p, model: m, role });
    };
    const ob = overrideBase(base);
    if (ob) {
      isOverride = true;
      for (const c of candidatesFor(ob))
        if (fs.exists(nodePath.join(dir, c))) addFile(nodePath.join(dir, c), 'main');
    } else {
      // A default file: its override adds definitions. `compose.prod.yaml` next to `compose.yaml`: the latter
      // is very likely loaded with it (`-f compose.yaml -f compose.prod.yaml`).
      const ext = /\.(ya?ml)$/i.exec(base)?.[1] ?? 'yaml';
      const stem = base.slice(0, base.length - ext.length - 1);
      for (const c of candidatesFor(`${stem}.override.${ext}`))
        if (fs.exists(nodePath.join(dir, c))) addFile(nodePath.join(dir, c), 'override');
      if (!DEFAULT_COMPOSE_FILES.includes(base.toLowerCase())) {
        // `compose.prod.yaml`, `extensions/x/x-compose.yml`: partial files loaded with `-f compose.yaml -f ...`.
        // The nearest default file (here or up to two directories above) is the context they extend.
        let d = dir;
        for (let up = 0; up < 3; up++) {
          const found = DEFAULT_COMPOSE_FILES.map((n) => nodePath.join(d, n)).find(
            (p) => p !== path && fs.exists(p),
          );
          if (found) {
            isOverride = true;
            addFile(found, 'main');
            const fb = nodePath.basename(found);
            const fext = /\.(ya?ml)$/i.exec(fb)?.[1] ?? 'yaml';
            for (const c of candidatesFor(`${fb.slice(0, fb.length - fext.length - 1)}.override.${fext}`))
              if (fs.exists(nodePath.join(d, c))) addFile(nodePath.join(d, c), 'override');
            break;
          }
          const parent = nodePath.dirname(d);
          if (parent === d) break;
          d = parent;
        }
      }
    }
    // include and extends.file, transitively (bounded). What an extends file includes is an extends file too.
    for (let i = 0; i < files.length && files.length < 64; i++) {
      const f = files[i];
      const fdir = nodePath.dirname(f.path);
      const incRole = f.role === 'extends' ? 'extends' : 'include';
      for (const inc of includePaths(f.model)) addFile(nodePath.resolve(fdir, inc), incRole);
      for (const svc of services(f.model)) {
        const ext = getValue(f.model, svc.node, 'extends');
        const file = isMap(ext) ? scalarText(getValue(f.model, ext, 'file')) : undefined;
        if (file && !file.includes('$')) addFile(nodePath.resolve(fdir, file), 'extends');
      }
    }
    // Compose's project directory is the directory of the first file of the set.
    const main = files.find((f) => f.role === 'main');
    if (main) dir = nodePath.dirname(main.path);
    const envPath = nodePath.join(dir, '.env');
    const env = loadDotenv(fs, envPath);
    if (env) dotenv = { path: envPath, env };
  }
  const defCache = new Map<SymbolKind, Map<string, { def: ComposeDefinition; file: ProjectFile }>>();
  // The linted file always counts, even when another file of the set extends it.
  const projectFiles = files.filter((f) => f.role !== 'extends');
  const byPath = new Map(files.map((f) => [f.path, f]));
  /** The services `node` (in `file`) extends from other files, recursively, base first. */
  const extended = (
    file: ProjectFile,
    node: unknown,
    out: { node: unknown; file: ProjectFile }[],
    depth: number,
  ): void => {
    if (depth > 8) return;
    const m = file.model;
    const ext = getValue(m, node, 'extends');
    const target = scalarText(isMap(ext) ? getValue(m, ext, 'service') : ext);
    if (target === undefined) return;
    const rel = isMap(ext) ? scalarText(getValue(m, ext, 'file')) : undefined;
    // Same-file extends are only followed inside extends files (the project's own are separate services).
    if (rel === undefined && file.role !== 'extends') return;
    const tf = rel === undefined ? file : byPath.get(nodePath.resolve(nodePath.dirname(file.path), rel));
    if (!tf || tf.role !== 'extends') return;
    const d = composeIndex(tf.model).byKind.service.get(target);
    if (!d || (tf === file && d.node === node)) return;
    extended(tf, d.node, out, depth + 1);
    out.push({ node: d.node, file: tf });
  };
  return {
    dir,
    path,
    isOverride,
    files,
    dotenv,
    hasFs: !!fs && !!path,
    fs,
    definitions(kind) {
      let m = defCache.get(kind);
      if (m) return m;
      m = new Map();
      for (const f of projectFiles) {
        for (const [name, def] of composeIndex(f.model).byKind[kind])
          if (!m.has(name)) m.set(name, { def, file: f });
      }
      defCache.set(kind, m);
      return m;
    },
    serviceDefs(name, followExtends) {
      const out: { node: unknown; file: ProjectFile }[] = [];
      for (const f of projectFiles) {
        const d = composeIndex(f.model).byKind.service.get(name);
        if (!d) continue;
        if (followExtends) extended(f, d.node, out, 0);
        out.push({ node: d.node, file: f });
      }
      return out;
    },
  };
}

/** The paths listed under top-level `include` (short and long syntax). */
export function includePaths(model: ComposeModel): string[] {
  const out: string[] = [];
  for (const it of seqItems(model, getValue(model, model.doc.contents, 'include'))) {
    if (isScalar(it)) {
      const t = scalarText(it);
      if (t && !t.includes('$')) out.push(t);
    } else if (isMap(it)) {
      const p = deref(model, getValue(model, it, 'path'));
      const list = isSeq(p) ? p.items.map((x) => scalarText(deref(model, x))) : [scalarText(p)];
      for (const t of list) if (t && !t.includes('$')) out.push(t);
    }
  }
  return out;
}

const projects = new WeakMap<ComposeModel, Map<string, ComposeProject>>();

/** The project of the linted document, cached per model (i.e. per document version). */
export function projectOf(ctx: { model: ComposeModel; path?: string; fs?: FileSystem }): ComposeProject {
  let byPath = projects.get(ctx.model);
  if (!byPath) projects.set(ctx.model, (byPath = new Map()));
  const key = `${ctx.fs ? 'fs' : 'nofs'}:${ctx.path ?? ''}`;
  let p = byPath.get(key);
  if (!p) {
    p = buildProject(ctx.model, ctx.path, ctx.fs);
    byPath.set(key, p);
  }
  return p;
}
