import * as path from 'path';
import { substitute } from './dockerfile';
import {
  isPartialComposeModel,
  mergeComposeModels,
  parseComposeModel,
  type ComposeModel,
} from './composeModel';

/** Compose's default file names, in compose's order of preference (compose-go `DefaultFileNames`). */
export const COMPOSE_DEFAULT_FILES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
];
/** Compose's default override file names, in order of preference (compose-go `DefaultOverrideFileNames`). */
export const COMPOSE_OVERRIDE_FILES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** The file system, as far as project resolution needs it (injected, so tests need no disk). */
export interface FsHost {
  exists(file: string): boolean;
  readFile(file: string): string | undefined;
}

export interface ComposeProject {
  /** The project directory: the directory of the first file. Commands run here. */
  projectDir: string;
  /** The files, in order; each becomes `-f file`. */
  files: string[];
  /** `--env-file` arguments: the project directory's `.env`, when it exists. */
  envFiles: string[];
  /** True when the files were chosen explicitly (a multi-selection): no override file is added. */
  explicit: boolean;
  /**
   * Why these files: `selection` (a multi-selection), `COMPOSE_FILE` (the list from `.env` or the
   * environment), `default` (a default file and its override), `override` (an override file and its
   * base), `partial` (a file compose rejects alone, after the default file it completes), `single`.
   */
  source: 'selection' | 'COMPOSE_FILE' | 'default' | 'override' | 'partial' | 'single';
  /** A stable key for remembering things per project. */
  key: string;
}

/**
 * Is this the name of a compose file? The same rule as the language server's file-kind detection
 * (`kindOfPath` in server/src/core/engine.ts) and the explorer menus: `compose.yaml`, `docker-compose.yml`,
 * `compose.prod.yaml`, `docker-compose-dev.yml`...
 */
export function isComposeFileName(fileName: string): boolean {
  return /^(?:docker-)?compose(?:[.-][^/\\]*)?\.ya?ml$/i.test(fileName);
}

export function isDefaultComposeFileName(fileName: string): boolean {
  return COMPOSE_DEFAULT_FILES.includes(fileName.toLowerCase());
}

export function isOverrideComposeFileName(fileName: string): boolean {
  return COMPOSE_OVERRIDE_FILES.includes(fileName.toLowerCase());
}

function stemOf(fileName: string): 'compose' | 'docker-compose' {
  return fileName.toLowerCase().startsWith('docker-') ? 'docker-compose' : 'compose';
}

function extOf(fileName: string): '.yaml' | '.yml' {
  return fileName.toLowerCase().endsWith('.yaml') ? '.yaml' : '.yml';
}

/** Candidate names, those matching the given stem and extension first, then compose's own order. */
function candidates(all: readonly string[], stem: string, ext: string, infix: string): string[] {
  const first = [`${stem}${infix}${ext}`, `${stem}${infix}${ext === '.yaml' ? '.yml' : '.yaml'}`];
  return [...first, ...all.filter((n) => !first.includes(n))];
}

/** The override file that goes with a default compose file in the same directory, if any. */
export function findOverrideFile(composeFile: string, host: FsHost): string | undefined {
  const dir = path.dirname(composeFile);
  const base = path.basename(composeFile);
  for (const name of candidates(COMPOSE_OVERRIDE_FILES, stemOf(base), extOf(base), '.override')) {
    const f = path.join(dir, name);
    if (host.exists(f)) return f;
  }
  return undefined;
}

/** The default compose file that an override file overrides, if any. */
export function findBaseFile(overrideFile: string, host: FsHost): string | undefined {
  const dir = path.dirname(overrideFile);
  const base = path.basename(overrideFile);
  for (const name of candidates(COMPOSE_DEFAULT_FILES, stemOf(base), extOf(base), '')) {
    const f = path.join(dir, name);
    if (host.exists(f)) return f;
  }
  return undefined;
}

/** Environment variables: `process.env` or a test's own. */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolveOptions {
  /** The environment compose will run in (VS Code's); it wins over `.env`, as in compose. Default: none. */
  env?: Environment;
  /** `COMPOSE_PATH_SEPARATOR` when the environment does not set it; default: the platform's (`:` or `;`). */
  pathListSeparator?: string;
}

/**
 * The variables compose sees in a project: the `.env` files' (later files win), then the environment's,
 * which win over them (compose's precedence).
 */
export function composeEnvironment(
  envFiles: readonly string[],
  host: FsHost,
  env: Environment = {},
): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of envFiles) {
    const text = host.readFile(f);
    if (text !== undefined) for (const [k, v] of parseDotEnv(text)) out.set(k, v);
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out.set(k, v);
  return out;
}

/** `COMPOSE_FILE`, split on `COMPOSE_PATH_SEPARATOR`, made absolute against `dir`; undefined when unset. */
export function composeFileList(
  vars: ReadonlyMap<string, string>,
  dir: string,
  defaultSeparator: string = path.delimiter,
): string[] | undefined {
  const value = vars.get('COMPOSE_FILE');
  if (value === undefined || value.trim() === '') return undefined;
  const separator = vars.get('COMPOSE_PATH_SEPARATOR') || defaultSeparator;
  const files = value
    .split(separator)
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => path.resolve(dir, f));
  return files.length > 0 ? files : undefined;
}

/** `COMPOSE_PROFILES`: the profiles compose enables when no `--profile` is given. */
export function composeProfilesOf(vars: ReadonlyMap<string, string>): string[] {
  return (vars.get('COMPOSE_PROFILES') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p, i, all) => p !== '' && all.indexOf(p) === i);
}

/**
 * The default file that a partial file (`compose.prod.yaml`, `extensions/x/x-compose.yml`) completes: in
 * its directory or up to two directories above, as the language server's project model looks for it.
 */
export function findCompletedFile(partialFile: string, host: FsHost): string | undefined {
  const base = path.basename(partialFile);
  let dir = path.dirname(partialFile);
  for (let up = 0; up < 3; up++) {
    for (const name of candidates(COMPOSE_DEFAULT_FILES, stemOf(base), extOf(base), '')) {
      const f = path.join(dir, name);
      if (f !== partialFile && host.exists(f)) return f;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * The compose project for the given files (absolute paths), as `docker compose` would load it:
 * - several files (an explorer multi-selection): exactly those, in that order, no override added;
 * - `COMPOSE_FILE` (from the directory's `.env` or the environment) lists the file: that list, in order
 *   (Berth passes `-f`, and compose ignores `COMPOSE_FILE` when it is given `-f`);
 * - a default file (`compose.yaml`...): that file plus its override file (`compose.override.yaml`...);
 * - an override file: its base file plus itself;
 * - a partial file that compose rejects alone (`compose.prod.yaml` only adding to `web`): the default
 *   file it completes, then itself (`-f compose.yaml -f compose.prod.yaml`, no override, as compose's docs do);
 * - any other file: that file alone.
 * The project directory is the first file's directory, as in compose.
 */
export function resolveComposeProject(
  selected: readonly string[],
  host: FsHost,
  options: ResolveOptions = {},
): ComposeProject {
  const unique = selected.filter((f, i) => selected.indexOf(f) === i);
  if (unique.length === 0) throw new Error('no compose file given');
  const explicit = unique.length > 1;
  let files: string[];
  let source: ComposeProject['source'];
  let envFile: string | undefined;
  if (explicit) {
    files = unique;
    source = 'selection';
  } else {
    const file = unique[0];
    const name = path.basename(file);
    const dir = path.dirname(file);
    const dotEnv = path.join(dir, '.env');
    const vars = composeEnvironment(host.exists(dotEnv) ? [dotEnv] : [], host, options.env);
    const listed = composeFileList(vars, dir, options.pathListSeparator);
    if (listed && listed.includes(file) && listed.every((f) => host.exists(f))) {
      files = listed.filter((f, i) => listed.indexOf(f) === i);
      source = 'COMPOSE_FILE';
      // The `.env` that set COMPOSE_FILE is the project's, wherever the first listed file is.
      if (host.exists(dotEnv)) envFile = dotEnv;
    } else if (isDefaultComposeFileName(name)) {
      const override = findOverrideFile(file, host);
      files = override ? [file, override] : [file];
      source = 'default';
    } else if (isOverrideComposeFileName(name)) {
      const base = findBaseFile(file, host);
      files = base ? [base, file] : [file];
      source = 'override';
    } else {
      const completed = isPartialComposeModel(parseComposeModel(host.readFile(file) ?? ''))
        ? findCompletedFile(file, host)
        : undefined;
      files = completed ? [completed, file] : [file];
      source = completed ? 'partial' : 'single';
    }
  }
  const projectDir = path.dirname(files[0]);
  if (!envFile) {
    const dotEnv = path.join(projectDir, '.env');
    if (host.exists(dotEnv)) envFile = dotEnv;
  }
  return {
    projectDir,
    files,
    envFiles: envFile ? [envFile] : [],
    explicit,
    source,
    key: files.join('\n'),
  };
}

/**
 * The services and profiles of a project: its files merged in order, each followed by the files it
 * `include`s (transitively, paths relative to the including file, `${VAR}` from `vars`; at most 64 files).
 */
export function loadProjectModel(
  project: ComposeProject,
  host: FsHost,
  vars: ReadonlyMap<string, string> = new Map(),
): ComposeModel {
  const models: ComposeModel[] = [];
  const seen = new Set<string>();
  const visit = (file: string, included: boolean): void => {
    if (seen.has(file) || seen.size >= 64) return;
    seen.add(file);
    const text = host.readFile(file);
    if (text === undefined) {
      if (!included) models.push({ services: [], profiles: [], error: `cannot read ${file}` });
      return;
    }
    const model = parseComposeModel(text);
    models.push(model);
    for (const raw of model.include ?? []) {
      const p = substitute(raw, vars);
      if (p !== undefined && p !== '') visit(path.resolve(path.dirname(file), p), true);
    }
  };
  for (const f of project.files) visit(f, false);
  return mergeComposeModels(models);
}

/** Minimal `.env` reader: `KEY=value` lines, `#` comments, optional `export`, surrounding quotes removed. */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = m[2].trim();
    if (/^"(.*)"$/.test(value) || /^'(.*)'$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out.set(m[1], value);
  }
  return out;
}

/** Compose v2's project name normalisation: lower case, only `a-z0-9_-`, starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[^a-z0-9]+/, '');
}

/**
 * The name compose will give the project, for display and for naming terminals:
 * top-level `name:`, else `COMPOSE_PROJECT_NAME` from `.env`, else the project directory's name.
 */
export function displayProjectName(
  project: ComposeProject,
  topLevelName: string | undefined,
  host: FsHost,
): string {
  if (topLevelName && !topLevelName.includes('${')) return normalizeProjectName(topLevelName) || topLevelName;
  for (const envFile of project.envFiles) {
    const text = host.readFile(envFile);
    const fromEnv = text !== undefined ? parseDotEnv(text).get('COMPOSE_PROJECT_NAME') : undefined;
    if (fromEnv) return normalizeProjectName(fromEnv) || fromEnv;
  }
  return normalizeProjectName(path.basename(project.projectDir)) || path.basename(project.projectDir);
}
