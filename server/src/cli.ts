/**
 * `berth lint`: the same engine as the editor, for the command line and CI.
 *
 *   berth lint [--format stylish|json|sarif] [--fix] [--all-rules] [--config FILE]
 *              [--failure-threshold error|warning|info|hint|none] PATH...
 *
 * Exit codes: 0 no finding at or above the failure threshold; 1 findings at or above it;
 * 2 bad usage, an unreadable configuration, or a path that could not be read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAllText } from './core/actions';
import { ConfigError, findConfigFile, mergeConfigs, parseConfig, type BerthConfig } from './core/config';
import { ruleDocPath, fileUri } from './core/docs';
import { findRule, kindOfPath, lintText } from './core/engine';
import { allRules } from './core/rules/index';
import type { FileKind, Finding, Severity } from './core/types';
import { NodeFileSystem } from './node-fs';

const VERSION = '0.1.0';
const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  '.tox',
  'dist',
  'build',
]);

const USAGE = `Usage: berth lint [options] PATH...

Lint Dockerfiles, Docker Compose files and .dockerignore files. Directories are searched for files
named Dockerfile, Containerfile, Dockerfile.*, *.dockerfile, compose.yaml, docker-compose.*.yml,
.dockerignore and the like.

Options:
  --format <stylish|json|sarif>   output format (default: stylish)
  --fix                           apply every auto-fix in place, then report what is left
  --all-rules                     also run the rules that are off by default
  --config <file>                 configuration file (.berthrc.yaml or .hadolint.yaml format);
                                  default: the nearest .berthrc.* / .hadolint.yaml above each file
  --failure-threshold <level>     error | warning | info | hint | none (default: info)
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes: 0 clean, 1 findings at or above the failure threshold, 2 usage or read errors.`;

interface Options {
  format: Format;
  fix: boolean;
  allRules: boolean;
  config?: string;
  threshold?: Severity | 'none';
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { format: 'stylish', fix: false, allRules: false, paths: [] };
  if (argv[0] === '-h' || argv[0] === '--help' || argv.length === 0) return 'help';
  if (argv[0] === '-v' || argv[0] === '--version') return 'version';
  if (argv[0] !== 'lint') throw new UsageError(`unknown command "${argv[0]}" (the command is "lint")`);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '--format':
      case '-f': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f))
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${f}"`);
        o.format = f as Format;
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--all-rules':
        o.allRules = true;
        break;
      case '--config':
      case '-c':
        o.config = value();
        break;
      case '--failure-threshold':
      case '-t': {
        const t = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(t))
          throw new UsageError(`--failure-threshold must be error, warning, info, hint or none, not "${t}"`);
        o.threshold = t as Severity | 'none';
        break;
      }
      case '--':
        o.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        o.paths.push(a);
    }
  }
  if (!o.paths.length) throw new UsageError('no PATH given');
  return o;
}

interface FileResult {
  path: string;
  kind: FileKind;
  findings: Finding[];
  fixed?: number;
}

interface ReadError {
  path: string;
  message: string;
}

/** Expand the given paths into lintable files, in a stable order. */
function collectFiles(paths: string[], errors: ReadError[]): { path: string; kind: FileKind }[] {
  const out: { path: string; kind: FileKind }[] = [];
  const seen = new Set<string>();
  const add = (p: string, kind: FileKind) => {
    const abs = path.resolve(p);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: p, kind });
  };
  const walk = (dir: string, depth: number) => {
    if (depth > 40) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: describeFsError(e) });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p, depth + 1);
      } else if (e.isFile() || e.isSymbolicLink()) {
        const k = kindOfPath(e.name);
        if (!k) continue;
        if (e.isSymbolicLink()) {
          try {
            if (!fs.statSync(p).isFile()) continue;
          } catch (err) {
            errors.push({ path: p, message: describeFsError(err) });
            continue;
          }
        }
        add(p, k);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      errors.push({ path: p, message: describeFsError(e) });
      continue;
    }
    if (st.isDirectory()) walk(p, 0);
    else {
      const k = kindOfPath(p);
      // An explicit file is linted even with an unusual name: YAML-looking names as compose, others as Dockerfile.
      add(p, k ?? (/\.ya?ml$/i.test(p) ? 'compose' : 'dockerfile'));
    }
  }
  return out;
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory (or a broken symbolic link)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err?.message ?? String(e);
  }
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

function fails(f: Finding, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && RANK[f.severity] >= RANK[threshold];
}

// ------------------------------------------------------------------------------------------------
// Formatters
// ------------------------------------------------------------------------------------------------

function useColor(): boolean {
  return !!process.stdout.isTTY && !process.env.NO_COLOR;
}

function stylish(results: FileResult[], errors: ReadError[]): string {
  const c = useColor();
  const paint = (code: number, s: string) => (c ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, number> = { error: 31, warning: 33, info: 36, hint: 90 };
  const lines: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const r of results) {
    if (!r.findings.length) continue;
    lines.push(paint(4, r.path));
    for (const f of r.findings) {
      totals[f.severity]++;
      if (f.fix) fixable++;
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const alias = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
      lines.push(
        `  ${paint(90, pos.padEnd(8))}${paint(sevColor[f.severity], f.severity.padEnd(8))}${f.message}  ${paint(90, f.ruleId + alias)}`,
      );
    }
    lines.push('');
  }
  for (const e of errors) lines.push(`${paint(31, 'error')} ${e.path}: ${e.message}`);
  const total = totals.error + totals.warning + totals.info + totals.hint;
  const files = results.length;
  if (total) {
    lines.push(
      `${total} problem${total === 1 ? '' : 's'} (${totals.error} error, ${totals.warning} warning, ${totals.info} info, ${totals.hint} hint) in ${files} file${files === 1 ? '' : 's'}` +
        (fixable ? `; ${fixable} fixable with --fix` : ''),
    );
  } else lines.push(`No problems in ${files} file${files === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

function json(results: FileResult[], errors: ReadError[]): string {
  return JSON.stringify(
    {
      files: results.map((r) => ({
        path: r.path,
        kind: r.kind,
        ...(r.fixed !== undefined ? { fixed: r.fixed } : {}),
        findings: r.findings.map((f) => ({
          rule: f.ruleId,
          aliases: f.aliases,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          fixable: !!f.fix,
        })),
      })),
      errors,
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** A rule's documentation page for SARIF `help`: the markdown, and the same as plain text. */
function ruleHelp(docsRoot: string, id: string): { text: string; markdown: string } | undefined {
  let markdown: string;
  try {
    markdown = fs.readFileSync(ruleDocPath(docsRoot, id), 'utf8').trim();
  } catch {
    return undefined;
  }
  return { text: markdown, markdown };
}

function sarif(results: FileResult[], errors: ReadError[]): string {
  const docsRoot = path.resolve(__dirname, '..', '..');
  const used = new Map<string, number>();
  const rules: object[] = [];
  const ruleIndex = (id: string) => {
    let i = used.get(id);
    if (i === undefined) {
      const r = findRule(id);
      i = rules.length;
      used.set(id, i);
      rules.push({
        id,
        name: id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
        shortDescription: { text: r?.meta.description ?? id },
        // The rule's page itself, not a link: a file:// path of the machine that ran the lint means
        // nothing where the SARIF is read (GitHub code scanning shows `help`).
        help: ruleHelp(docsRoot, id),
        defaultConfiguration: { level: SARIF_LEVEL[r?.meta.defaultSeverity ?? 'warning'] },
        properties: { aliases: r?.meta.aliases ?? [], tags: r ? [r.meta.type, r.meta.kind] : [] },
      });
    }
    return i;
  };
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex(f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: toSarifUri(r.path),
              uriBaseId: path.isAbsolute(r.path) ? undefined : '%SRCROOT%',
            },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      ...(f.fix
        ? {
            fixes: [
              {
                description: { text: f.fix.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri: toSarifUri(r.path) },
                    replacements: f.fix.edits.map((e) => ({
                      deletedRegion: {
                        startLine: e.range.start.line + 1,
                        startColumn: e.range.start.character + 1,
                        endLine: e.range.end.line + 1,
                        endColumn: e.range.end.character + 1,
                      },
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              },
            ],
          }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'berth', version: VERSION, semanticVersion: VERSION, rules } },
        ...(results.some((r) => !path.isAbsolute(r.path))
          ? { originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(process.cwd()) + '/' } } }
          : {}),
        results: sarifResults,
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: errors.map((e) => ({
              level: 'error',
              message: { text: `${e.path}: ${e.message}` },
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function toSarifUri(p: string): string {
  if (path.isAbsolute(p)) return fileUri(p);
  return p.split(path.sep).map(encodeURIComponent).join('/');
}

// ------------------------------------------------------------------------------------------------

export function main(argv: string[]): number {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`berth: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (opts === 'version') {
    process.stdout.write(`berth ${VERSION} (${allRules.length} rules)\n`);
    return 0;
  }
  const nodeFs = new NodeFileSystem();
  let explicit: BerthConfig | undefined;
  if (opts.config) {
    let text: string;
    try {
      text = fs.readFileSync(opts.config, 'utf8');
    } catch (e) {
      process.stderr.write(`berth: cannot read --config ${opts.config}: ${describeFsError(e)}\n`);
      return 2;
    }
    try {
      explicit = parseConfig(text, opts.config);
    } catch (e) {
      process.stderr.write(`berth: ${e instanceof ConfigError ? e.message : String(e)}\n`);
      return 2;
    }
  }
  const cli: BerthConfig = {
    rules: {},
    allRules: opts.allRules || undefined,
    failureThreshold: opts.threshold,
  };
  const configCache = new Map<string, BerthConfig | undefined>();
  const configForDir = (dir: string): BerthConfig => {
    if (explicit) return mergeConfigs(explicit, cli);
    let found = configCache.get(dir);
    if (!configCache.has(dir)) {
      const p = findConfigFile(nodeFs, dir, path);
      if (p) {
        try {
          found = parseConfig(fs.readFileSync(p, 'utf8'), p);
        } catch (e) {
          throw new ConfigError(e instanceof ConfigError ? e.message : `${p}: ${String(e)}`);
        }
      }
      configCache.set(dir, found);
    }
    return mergeConfigs(found, cli);
  };

  const errors: ReadError[] = [];
  const files = collectFiles(opts.paths, errors);
  const results: FileResult[] = [];
  let failed = false;
  for (const f of files) {
    let text: string;
    try {
      text = fs.readFileSync(f.path, 'utf8');
    } catch (e) {
      errors.push({ path: f.path, message: describeFsError(e) });
      continue;
    }
    let config: BerthConfig;
    try {
      config = configForDir(path.dirname(path.resolve(f.path)));
    } catch (e) {
      process.stderr.write(`berth: ${(e as Error).message}\n`);
      return 2;
    }
    const lintOpts = {
      path: path.resolve(f.path),
      fs: nodeFs,
      config,
      onRuleError: (id: string, e: unknown) =>
        errors.push({ path: f.path, message: `rule ${id} failed: ${(e as Error)?.message ?? e}` }),
    };
    let fixed: number | undefined;
    if (opts.fix) {
      const res = fixAllText(text, f.kind, lintOpts);
      if (res.applied && res.text !== text) {
        try {
          fs.writeFileSync(f.path, res.text);
          text = res.text;
          fixed = res.applied;
        } catch (e) {
          errors.push({ path: f.path, message: `cannot write fixes: ${describeFsError(e)}` });
        }
      } else fixed = 0;
    }
    const findings = lintText(text, f.kind, lintOpts);
    if (findings.some((x) => fails(x, opts.threshold ?? config.failureThreshold ?? 'info'))) failed = true;
    results.push({ path: f.path, kind: f.kind, findings, fixed });
  }
  if (!files.length && !errors.length) {
    process.stderr.write(`berth: no Dockerfile or compose file found in ${opts.paths.join(', ')}\n`);
  }
  const out =
    opts.format === 'json'
      ? json(results, errors)
      : opts.format === 'sarif'
        ? sarif(results, errors)
        : stylish(results, errors);
  process.stdout.write(out + '\n');
  if (errors.length && opts.format !== 'stylish')
    for (const e of errors) process.stderr.write(`berth: ${e.path}: ${e.message}\n`);
  if (errors.length) return 2;
  return failed ? 1 : 0;
}

if (require.main === module) {
  // `berth lint . | head`: the reader went away. Stop quietly with the lint's exit code, as other
  // command-line tools do, instead of an unhandled 'error' event and a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  let code: number;
  try {
    code = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`berth: internal error: ${(e as Error)?.stack ?? e}\n`);
    code = 2;
  }
  process.exitCode = code;
}
