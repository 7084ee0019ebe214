/**
 * Helpers for rules: what a simple command runs, its subcommand, its flags.
 *
 * Wrappers seen through by `resolveCommand` / `findSubcommand` / `hasFlag` / `isCommand` / `operands`
 * (their own options are skipped, including the values of options that take one):
 *   sudo, doas, env (and its NAME=value words), command (but not `command -v/-V`, a lookup), exec,
 *   nice, ionice, nohup, time, timeout (and its DURATION), stdbuf, xargs, gosu and su-exec (and
 *   their USER), chroot (and its NEWROOT), eatmydata, fakeroot.
 * `commandName` does NOT see through them: it is the basename of words[0] (so a rule can flag `sudo`).
 * Shells (`sh -c '...'`) are not looked into.
 */
import type { ShCommand, ShWord } from './types';

interface WrapperSpec {
  /** Options that take a separate value (`-u root`). */
  valueOpts?: readonly string[];
  /** Positional arguments before the wrapped command (timeout DURATION, gosu USER). */
  positional?: number;
  /** NAME=value words are allowed before the command (env, sudo). */
  assignments?: boolean;
  /** Options that make the wrapper not run a command at all (`command -v`). */
  query?: readonly string[];
  /** `-N` numeric options are flags (`nice -10`). */
  numericFlags?: boolean;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: {
    valueOpts: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '-R'],
    assignments: true,
    query: ['-l', '-v', '-V', '-k', '-K', '-e', '--list', '--validate', '--version', '--edit'],
  },
  doas: { valueOpts: ['-u', '-C'] },
  env: { valueOpts: ['-u', '-C', '-S', '--unset', '--chdir', '--split-string'], assignments: true },
  command: { query: ['-v', '-V'] },
  exec: { valueOpts: ['-a'] },
  nice: { valueOpts: ['-n', '--adjustment'], numericFlags: true },
  ionice: { valueOpts: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'] },
  nohup: {},
  time: { valueOpts: ['-f', '-o', '--format', '--output'] },
  timeout: { valueOpts: ['-s', '-k', '--signal', '--kill-after'], positional: 1 },
  stdbuf: { valueOpts: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  xargs: {
    valueOpts: [
      '-a',
      '-d',
      '-E',
      '-I',
      '-L',
      '-n',
      '-P',
      '-s',
      '--arg-file',
      '--delimiter',
      '--max-args',
      '--max-procs',
      '--max-chars',
      '--max-lines',
      '--process-slot-var',
    ],
  },
  gosu: { positional: 1 },
  'su-exec': { positional: 1 },
  chroot: { valueOpts: ['--userspec', '--groups'], positional: 1 },
  eatmydata: {},
  fakeroot: { valueOpts: ['-l', '-s', '-i', '--lib', '--faked'] },
};

/**
 * Options that take a separate value, for commands whose subcommand follows global options
 * (`apt-get -o Dpkg::Options::=--force-confold install`, `git -C dir clone`).
 */
const GLOBAL_VALUE_OPTS: Record<string, ReadonlySet<string>> = {};
function globalOpts(names: string[], opts: string[]): void {
  const set = new Set(opts);
  for (const n of names) GLOBAL_VALUE_OPTS[n] = set;
}
globalOpts(
  ['apt-get', 'apt', 'aptitude', 'apt-cache'],
  ['-o', '-c', '-t', '--option', '--config-file', '--target-release'],
);
globalOpts(
  ['yum', 'dnf', 'microdnf', 'tdnf'],
  [
    '-c',
    '-d',
    '-e',
    '-R',
    '-x',
    '--config',
    '--enablerepo',
    '--disablerepo',
    '--setopt',
    '--releasever',
    '--installroot',
    '--exclude',
  ],
);
globalOpts(
  ['apk'],
  ['-X', '-p', '--repository', '--root', '--arch', '--cache-dir', '--repositories-file', '--keys-dir'],
);
globalOpts(['zypper'], ['-r', '--root', '--repo', '--config']);
globalOpts(['git'], ['-C', '-c', '--git-dir', '--work-tree', '--namespace']);
globalOpts(
  ['pip', 'pip3'],
  [
    '--cache-dir',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--cert',
    '--client-cert',
    '--python',
  ],
);
globalOpts(['npm', 'pnpm'], ['--prefix', '-C', '--dir', '--workspace', '-w']);
globalOpts(['yarn'], ['--cwd', '--modules-folder', '--cache-folder']);
globalOpts(['docker'], ['-H', '--host', '--config', '-c', '--context', '-l', '--log-level']);
globalOpts(['gem'], []);
globalOpts(['go'], []);

function basename(v: string): string {
  const i = v.lastIndexOf('/');
  return i >= 0 && i < v.length - 1 ? v.slice(i + 1) : v;
}

/** Basename of words[0].value (`/usr/bin/apt-get` -> `apt-get`); undefined for a bare assignment. */
export function commandName(cmd: ShCommand): string | undefined {
  const w = cmd.words[0];
  return w ? basename(w.value) : undefined;
}

export interface ResolvedCommand {
  /** Basename of the effective command word. */
  name: string;
  /** Index of that word in cmd.words. */
  index: number;
  /** Wrappers seen through, outermost first (`['sudo', 'env']`). */
  wrappers: string[];
}

function isOption(v: string): boolean {
  return v.length > 1 && v.charCodeAt(0) === 45; // '-'
}

/**
 * Memo: rules ask for every command's resolution many times per analysis, and parsed scripts are
 * shared across document versions (`run.ts`), so the memo carries over to the next keystroke.
 */
const resolved = new WeakMap<ShCommand, ResolvedCommand | null>();

/** The command actually run, seeing through the wrappers listed at the top of this file. */
export function resolveCommand(cmd: ShCommand): Readonly<ResolvedCommand> | undefined {
  const hit = resolved.get(cmd);
  if (hit !== undefined) return hit ?? undefined;
  const r = resolveUncached(cmd);
  resolved.set(cmd, r ?? null);
  return r;
}

function resolveUncached(cmd: ShCommand): ResolvedCommand | undefined {
  const words = cmd.words;
  if (!words.length) return undefined;
  const wrappers: string[] = [];
  let i = 0;
  for (let guard = 0; guard < 32 && i < words.length; guard++) {
    const name = basename(words[i].value);
    const spec = Object.prototype.hasOwnProperty.call(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (!spec) return { name, index: i, wrappers };
    let j = i + 1;
    while (j < words.length) {
      const v = words[j].value;
      if (v === '--') {
        j++;
        break;
      }
      if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        j++;
        continue;
      }
      if (!isOption(v)) break;
      if (spec.query?.includes(v)) return { name, index: i, wrappers };
      const eq = v.indexOf('=');
      const opt = eq > 0 ? v.slice(0, eq) : v;
      j += eq < 0 && spec.valueOpts?.includes(opt) ? 2 : 1;
    }
    j += spec.positional ?? 0;
    if (j >= words.length) return { name, index: i, wrappers };
    wrappers.push(name);
    i = j;
  }
  return i < words.length ? { name: basename(words[i].value), index: i, wrappers } : undefined;
}

/**
 * The subcommand word: the first non-option word after the effective command, skipping global
 * options and the values of those known to take one (`apt-get -o X=Y -y install` -> `install`).
 * With `names`, only returns it when its value is one of them. Sees through wrappers (`sudo`...).
 */
export function findSubcommand(cmd: ShCommand, ...names: string[]): ShWord | undefined {
  const r = resolveCommand(cmd);
  if (!r) return undefined;
  const valueOpts = GLOBAL_VALUE_OPTS[r.name];
  const words = cmd.words;
  for (let j = r.index + 1; j < words.length; j++) {
    const v = words[j].value;
    if (v === '--') continue;
    if (isOption(v)) {
      if (valueOpts?.has(v)) j++;
      continue;
    }
    return names.length === 0 || names.includes(v) ? words[j] : undefined;
  }
  return undefined;
}

/**
 * Does `cmd` run `name` (seeing through wrappers), and, when `subcommands` are given, with one of
 * them as subcommand? `isCommand(c, 'apt-get', 'install')`, `isCommand(c, ['pip', 'pip3'], 'install')`.
 */
export function isCommand(
  cmd: ShCommand,
  name: string | readonly string[],
  ...subcommands: string[]
): boolean {
  const r = resolveCommand(cmd);
  if (!r) return false;
  if (typeof name === 'string' ? r.name !== name : !name.includes(r.name)) return false;
  return subcommands.length === 0 || findSubcommand(cmd, ...subcommands) !== undefined;
}

function argStart(cmd: ShCommand): number {
  const r = resolveCommand(cmd);
  return r ? r.index + 1 : cmd.words.length;
}

function matchFlag(v: string, flags: readonly string[]): boolean {
  if (!isOption(v)) return false;
  if (flags.includes(v)) return true;
  const eq = v.indexOf('=');
  if (eq > 0 && flags.includes(v.slice(0, eq))) return true;
  // combined short flags: -qy contains -q and -y
  if (v.charCodeAt(1) !== 45 && /^-[A-Za-z0-9]+$/.test(v)) {
    for (const f of flags) {
      if (f.length === 2 && f.charCodeAt(0) === 45 && f.charCodeAt(1) !== 45 && v.includes(f[1], 1))
        return true;
    }
  }
  return false;
}

/**
 * Is one of `flags` given to the effective command (anywhere after it, before `--`)? Long flags
 * match `--flag` and `--flag=value`; a single-letter flag also matches inside a combined cluster
 * (`-y` matches `-qy`). Caveat: a short option with an attached value (`-ofile`) reads as a cluster.
 */
export function hasFlag(cmd: ShCommand, ...flags: string[]): boolean {
  const words = cmd.words;
  for (let j = argStart(cmd); j < words.length; j++) {
    const v = words[j].value;
    if (v === '--') return false;
    if (matchFlag(v, flags)) return true;
  }
  return false;
}

/**
 * The value of an option: `--opt=value`, `--opt value`, `-o value`, `-ovalue` (for a single-letter
 * flag given alone). Returns the word holding the value and the value itself.
 */
export function flagValue(cmd: ShCommand, ...flags: string[]): { value: string; word: ShWord } | undefined {
  const words = cmd.words;
  for (let j = argStart(cmd); j < words.length; j++) {
    const w = words[j];
    const v = w.value;
    if (v === '--') return undefined;
    if (!isOption(v)) continue;
    if (flags.includes(v))
      return j + 1 < words.length ? { value: words[j + 1].value, word: words[j + 1] } : undefined;
    const eq = v.indexOf('=');
    if (eq > 0 && flags.includes(v.slice(0, eq))) return { value: v.slice(eq + 1), word: w };
    if (v.charCodeAt(1) !== 45 && flags.includes(v.slice(0, 2))) return { value: v.slice(2), word: w };
  }
  return undefined;
}

/**
 * Operands (non-option words) after `after` (default: the effective command word, or its
 * subcommand when `after` is `'subcommand'`). Values of `valueOpts` are skipped; every word after
 * `--` is an operand. E.g. the packages of `apt-get install -y -t bookworm curl git`:
 * `operands(c, 'subcommand', ['-t', '-o'])`.
 */
export function operands(
  cmd: ShCommand,
  after?: ShWord | 'subcommand',
  valueOpts: Iterable<string> = [],
): ShWord[] {
  const opts = new Set(valueOpts);
  const words = cmd.words;
  let from: number;
  if (after === 'subcommand') {
    const sub = findSubcommand(cmd);
    if (!sub) return [];
    from = words.indexOf(sub) + 1;
  } else if (after) {
    from = words.indexOf(after) + 1;
    if (from === 0) return [];
  } else from = argStart(cmd);
  const out: ShWord[] = [];
  let dashdash = false;
  for (let j = from; j < words.length; j++) {
    const v = words[j].value;
    if (!dashdash && v === '--') {
      dashdash = true;
      continue;
    }
    if (!dashdash && isOption(v)) {
      if (opts.has(v)) j++;
      continue;
    }
    out.push(words[j]);
  }
  return out;
}
