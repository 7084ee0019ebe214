/**
 * Helpers shared by the rules about what RUN executes: package-manager calls (`apt-get install`,
 * `pip install`...), their operands with document offsets, neighbouring commands in the same RUN,
 * and the "append a command at the end of this RUN" fix.
 *
 * Not a rule (the file name starts with `_`).
 */
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { allRunCommands, runCommands, type DocWord, type RunCommand } from '../../dockerfile/run';
import { findSubcommand, operands, resolveCommand, type ShWord } from '../../dockerfile/shell';
import type { RuleContext } from '../rule';
import type { Fix, Range } from '../../types';
import { externalBase, isOnbuildTarget, isWindowsImage, outerInstruction, shellAt } from './_run-stage';

/** The document word of a parser word of `c.cmd`. */
export function docWord(c: RunCommand, w: ShWord): DocWord {
  const i = c.cmd.words.indexOf(w);
  return c.words[i >= 0 ? i : 0];
}

export interface ToolCall {
  /** Basename of the tool actually run (seeing through sudo, env...). */
  name: string;
  /** The tool's command word. */
  tool: DocWord;
  toolIndex: number;
  /** The subcommand word (`install`), when one was asked for. */
  sub?: DocWord;
  subIndex: number;
}

/**
 * Does `c` run one of `names` (seeing through wrappers) with one of `subs` as subcommand?
 * With no `subs`, any call of the tool matches and `sub` is its first operand (if any).
 */
export function toolCall(
  c: RunCommand,
  names: readonly string[] | RegExp,
  subs?: readonly string[],
): ToolCall | undefined {
  const r = resolveCommand(c.cmd);
  if (!r) return undefined;
  if (Array.isArray(names) ? !names.includes(r.name) : !(names as RegExp).test(r.name)) return undefined;
  const sub = findSubcommand(c.cmd);
  if (subs && (!sub || !subs.includes(sub.value))) return undefined;
  const subIndex = sub ? c.cmd.words.indexOf(sub) : -1;
  return {
    name: r.name,
    tool: c.words[r.index],
    toolIndex: r.index,
    sub: sub && c.words[subIndex],
    subIndex,
  };
}

/**
 * `pip install` in its forms: `pip install`, `pip3.12 install`, `python3 -m pip install`,
 * `python -m pip --no-input install`. Returns the call with `sub` = the `install` word.
 */
export function pipInstall(c: RunCommand): ToolCall | undefined {
  const r = resolveCommand(c.cmd);
  if (!r) return undefined;
  const w = c.cmd.words;
  let from: number;
  if (/^pip[0-9.]*$/.test(r.name)) from = r.index + 1;
  else if (/^python[0-9.]*$/.test(r.name)) {
    let j = r.index + 1;
    while (j < w.length && w[j].value !== '-m' && w[j].value.startsWith('-')) j++;
    if (j + 1 >= w.length || w[j].value !== '-m' || !/^pip[0-9.]*$/.test(w[j + 1].value)) return undefined;
    from = j + 2;
  } else return undefined;
  const valueOpts = new Set([
    '--cache-dir',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--cert',
    '--python',
  ]);
  for (let j = from; j < w.length; j++) {
    const v = w[j].value;
    if (v.startsWith('-')) {
      if (valueOpts.has(v)) j++;
      continue;
    }
    if (v !== 'install') return undefined;
    return { name: r.name, tool: c.words[r.index], toolIndex: r.index, sub: c.words[j], subIndex: j };
  }
  return undefined;
}

/** Operand words after the subcommand of a call (option values in `valueOpts` skipped). */
export function callOperands(c: RunCommand, call: ToolCall, valueOpts: Iterable<string> = []): DocWord[] {
  const after = call.subIndex >= 0 ? c.cmd.words[call.subIndex] : c.cmd.words[call.toolIndex];
  return operands(c.cmd, after, valueOpts).map((w) => docWord(c, w));
}

/** Is one of `flags` among the words of `c` after index `from` (before a `--`)? Long flags match `--f=v` too. */
export function hasWordFlag(c: RunCommand, from: number, ...flags: string[]): boolean {
  for (let j = from + 1; j < c.words.length; j++) {
    const v = c.words[j].value;
    if (v === '--') return false;
    if (flags.includes(v)) return true;
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0 && flags.includes(v.slice(0, eq))) return true;
  }
  return false;
}

/** Short single-letter flag `-y` given alone or inside a cluster (`-qy`). */
export function hasShortFlag(c: RunCommand, from: number, letter: string): boolean {
  for (let j = from + 1; j < c.words.length; j++) {
    const v = c.words[j].value;
    if (v === '--') return false;
    // The letters of a cluster, up to an attached value (`-qO-` has q and O).
    const m = /^-([A-Za-z0-9]+)/.exec(v);
    if (m && m[1].includes(letter)) return true;
  }
  return false;
}

/** Range from the start of word `a` to the end of word `b`. */
export function wordsRange(ctx: RuleContext<DockerfileModel>, a: DocWord, b: DocWord = a): Range {
  return ctx.range(a.docStart, b.docEnd);
}

/** The range of a call: the tool word through its subcommand (`apt-get -y install`). */
export function callRange(ctx: RuleContext<DockerfileModel>, call: ToolCall): Range {
  return ctx.range(call.tool.docStart, (call.sub ?? call.tool).docEnd);
}

/** Commands of the same RUN instruction as `c` (line and heredoc scripts), in order. */
export function sameRun(c: RunCommand): RunCommand[] {
  return runCommands(c.instr);
}

/** Does a command after `c` in the same RUN satisfy `pred`? */
export function laterInRun(c: RunCommand, pred: (d: RunCommand) => boolean): boolean {
  const all = sameRun(c);
  const i = all.indexOf(c);
  for (let k = i + 1; k < all.length; k++) if (pred(all[k])) return true;
  return false;
}

/** Does some command of the same RUN as `c` satisfy `pred`? */
export function anyInRun(c: RunCommand, pred: (d: RunCommand) => boolean): boolean {
  return sameRun(c).some(pred);
}

/** `rm -r`/`rm -rf` (any spelling of the recursive flag) with an operand matching `path`. */
export function isRecursiveRm(d: RunCommand, path: RegExp): boolean {
  const call = toolCall(d, ['rm']);
  if (!call) return false;
  const recursive = d.words.some(
    (w) => /^-[A-Za-z]*[rR][A-Za-z]*$/.test(w.value) || w.value === '--recursive',
  );
  if (!recursive) return false;
  return callOperands(d, { ...call, sub: undefined, subIndex: -1 }).some((w) => path.test(w.value));
}

/** A word whose value may change at build time (`$VAR`, `$(cmd)`): rules do not judge it. */
export function isDynamic(w: DocWord): boolean {
  return w.hasExpansion;
}

/**
 * A fix that runs `command` after everything else the RUN does: ` && command` after the last
 * command of a shell-form RUN, or a new last line in a heredoc script. Undefined when the end of
 * the script is not a plain top-level command (trailing `;`, `&`, comment, compound command...).
 */
export function appendToRunFix(
  ctx: RuleContext<DockerfileModel>,
  c: RunCommand,
  command: string,
  title: string,
): Fix | undefined {
  const all = sameRun(c);
  if (c.heredoc) {
    const hd = c.heredoc;
    if (!hd.terminated || !hd.body.endsWith('\n')) return undefined;
    const mine = all.filter((d) => d.heredoc === hd);
    if (mine.some((d) => d.script.errors.length)) return undefined;
    const last = mine.filter((d) => d.cmd.depth === 0).pop();
    if (last && (last.name === 'exit' || last.name === 'exec')) return undefined;
    const indent = /^[ \t]*/.exec(hd.body.slice(hd.body.lastIndexOf('\n', hd.body.length - 2) + 1))![0];
    return ctx.replace(title, hd.bodyEnd, hd.bodyEnd, `${indent}${command}${ctx.model.lines.eol}`);
  }
  const instr = c.instr;
  if (instr.heredocs.length || c.script.errors.length) return undefined;
  const line = all.filter((d) => !d.heredoc);
  let last: RunCommand | undefined;
  for (const d of line) if (!last || d.cmd.end >= last.cmd.end) last = d;
  if (!last || last.cmd.depth !== 0) return undefined;
  if (last.name === 'exit' || last.name === 'exec') return undefined;
  const rest = instr.argsText.slice(instr.restStart + last.cmd.end);
  if (rest.trim() !== '') return undefined;
  return ctx.replace(title, last.docEnd, last.docEnd, ` && ${command}`);
}

/** A fix inserting ` text` right after word `w`. */
export function insertAfterFix(
  ctx: RuleContext<DockerfileModel>,
  w: DocWord,
  text: string,
  title: string,
): Fix {
  return ctx.replace(title, w.docEnd, w.docEnd, ` ${text}`);
}

/** Unpinned-package helpers: a path, URL or package file is not a registry package. */
export function isPathOrUrl(v: string): boolean {
  return /^(\.{0,2}\/|~\/)/.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v);
}

/** `pkg-1.2.3` style version after a dash (rpm): some dash-separated part after the first starts with a digit. */
export function hasRpmVersion(pkg: string): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  const rest = parts.slice(1);
  return rest.every((p) => /^[A-Za-z0-9.~^_:+*]+$/.test(p)) && rest.some((p) => /^[0-9]/.test(p));
}

/** Per model: an instruction may be shared by the models of successive versions (see `parseDockerfile`). */
const posixCache = new WeakMap<DockerfileModel, Map<Instruction, boolean>>();

const pragmaCache = new WeakMap<DockerfileModel, { offset: number; shell: string }[]>();

/**
 * The shell that hadolint's `# hadolint shell=<shell>` pragma names for code at `offset`: the last such
 * comment before it (undefined when there is none). A `SHELL` instruction in effect still wins.
 */
export function pragmaShellAt(model: DockerfileModel, offset: number): string | undefined {
  let list = pragmaCache.get(model);
  if (!list) {
    list = [];
    for (const c of model.comments) {
      const m = /^hadolint\s+shell\s*=\s*(\S+)/i.exec(c.text);
      if (m) list.push({ offset: c.start, shell: m[1] });
    }
    pragmaCache.set(model, list);
  }
  let shell: string | undefined;
  for (const p of list) {
    if (p.offset >= offset) break;
    shell = p.shell;
  }
  return shell;
}

/** Is `shell` (an executable, possibly with a path and `.exe`) PowerShell or cmd? */
export function isNonPosixShell(shell: string): boolean {
  const exe = shell
    .split(/[\\/]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  return ['pwsh', 'powershell', 'cmd'].includes(exe);
}

/**
 * Does the RUN `instr` run in a POSIX shell (not PowerShell / cmd, not a Windows image's default)?
 * The `SHELL` in effect decides; without one, a `# hadolint shell=` pragma above; without that, the image.
 */
export function runsInPosixShell(model: DockerfileModel, instr: Instruction): boolean {
  let cache = posixCache.get(model);
  if (!cache) posixCache.set(model, (cache = new Map()));
  const hit = cache.get(instr);
  if (hit !== undefined) return hit;
  const shell = shellAt(model, instr);
  const pragma = pragmaShellAt(model, outerInstruction(model, instr).start);
  let ok: boolean;
  if (shell && shell.length) ok = !isNonPosixShell(shell[0]);
  else if (pragma) ok = !isNonPosixShell(pragma);
  else ok = !isWindowsImage(externalBase(model, outerInstruction(model, instr).stageIndex));
  cache.set(instr, ok);
  return ok;
}

/**
 * Every shell command RUN executes in a POSIX shell (shell form, heredoc scripts), with
 * `ONBUILD RUN` commands unless `onbuild` is false.
 */
export function shellCommands(model: DockerfileModel, onbuild = true): readonly RunCommand[] {
  // Some forty rules ask for these on every analysis: computed once per model (and per `onbuild`).
  let memo = shellCommandsMemo.get(model);
  if (!memo) shellCommandsMemo.set(model, (memo = {}));
  const key = onbuild ? 'withOnbuild' : 'withoutOnbuild';
  const hit = memo[key];
  if (hit) return hit;
  const out: RunCommand[] = [];
  for (const c of allRunCommands(model.instructions)) {
    if (!onbuild && isOnbuildTarget(model, c.instr)) continue;
    if (!runsInPosixShell(model, c.instr)) continue;
    out.push(c);
  }
  return (memo[key] = out);
}
const shellCommandsMemo = new WeakMap<
  DockerfileModel,
  { withOnbuild?: readonly RunCommand[]; withoutOnbuild?: readonly RunCommand[] }
>();

/** yum / dnf options that take a separate value (after the subcommand). */
export const RPM_VALUE_OPTS = [
  '-c',
  '--config',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '-R',
  '--randomwait',
  '-x',
  '--exclude',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--releasever',
  '--installroot',
  '--downloaddir',
  '--destdir',
  '--forcearch',
  '--nobest',
];

/**
 * The packages of `yum|dnf|microdnf install` (or of `<tool> module install`, with `module` true),
 * dynamic words, groups (`@x`), files, URLs and capabilities (`foo(x)`, `/usr/bin/x`) left out.
 */
export function rpmInstallOperands(
  c: RunCommand,
  tools: readonly string[],
): { call: ToolCall; words: DocWord[]; module: boolean } | undefined {
  const call = toolCall(c, tools, ['install', 'module']);
  if (!call) return undefined;
  let module = false;
  let after = call;
  if (call.sub!.value === 'module') {
    const ops = callOperands(c, call, RPM_VALUE_OPTS);
    if (ops[0]?.value !== 'install') return undefined;
    module = true;
    after = { ...call, sub: ops[0], subIndex: c.words.indexOf(ops[0]) };
  }
  const words = callOperands(c, after, RPM_VALUE_OPTS).filter((w) => {
    const v = w.value;
    return (
      v && !isDynamic(w) && !v.startsWith('@') && !v.includes('(') && !isPathOrUrl(v) && !v.endsWith('.rpm')
    );
  });
  return { call: after, words, module };
}
