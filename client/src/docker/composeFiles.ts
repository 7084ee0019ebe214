import * as path from 'path';

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
  /** A stable key for remembering things per project. */
  key: string;
}

/** Is this a file name compose would accept as a compose file, in any spelling we recognise? */
export function isComposeFileName(fileName: string): boolean {
  return (
    /^(?:docker-)?compose(?:[.-][^/\\]*)?\.ya?ml$/i.test(fileName) || /\.compose\.ya?ml$/i.test(fileName)
  );
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

/**
 * The compose project for the given files (absolute paths).
 * - one default file (`compose.yaml`...): that file plus its override file (`compose.override.yaml`...);
 * - one override file: its base file plus itself;
 * - one other file (`compose.prod.yaml`): that file alone;
 * - several files (an explorer multi-selection): exactly those, in that order, no override added.
 * The project directory is the first file's directory, as in compose.
 */
export function resolveComposeProject(selected: readonly string[], host: FsHost): ComposeProject {
  const unique = selected.filter((f, i) => selected.indexOf(f) === i);
  if (unique.length === 0) throw new Error('no compose file given');
  let files: string[];
  const explicit = unique.length > 1;
  if (explicit) {
    files = unique;
  } else {
    const file = unique[0];
    const name = path.basename(file);
    if (isDefaultComposeFileName(name)) {
      const override = findOverrideFile(file, host);
      files = override ? [file, override] : [file];
    } else if (isOverrideComposeFileName(name)) {
      const base = findBaseFile(file, host);
      files = base ? [base, file] : [file];
    } else {
      files = [file];
    }
  }
  const projectDir = path.dirname(files[0]);
  const dotEnv = path.join(projectDir, '.env');
  return {
    projectDir,
    files,
    envFiles: host.exists(dotEnv) ? [dotEnv] : [],
    explicit,
    key: files.join('\n'),
  };
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
