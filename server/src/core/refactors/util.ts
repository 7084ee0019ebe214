/**
 * Shared analysis for the refactorings: where the cursor is, which base-image family and language a
 * stage uses, what its RUN instructions install, and text helpers that move whole instructions
 * (with their comments) without reprinting them.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { keyValuePairs } from '../dockerfile/model';
import { parseImageRef } from '../dockerfile/image';
import { runCommands, type DocWord, type RunCommand } from '../dockerfile/run';
import { findSubcommand, operands, resolveCommand } from '../dockerfile/shell';
import type { Range, TextEdit } from '../types';

// ---------------------------------------------------------------------------------------------
// Where the refactorings are offered.
// ---------------------------------------------------------------------------------------------

/** Does `range` touch the lines of `instr` (keyword line through its last continuation line)? */
export function touches(range: Range, instr: Instruction): boolean {
  return range.start.line <= instr.endLine && range.end.line >= instr.line;
}

/** The stage whose lines contain `range.start` (the first stage for lines above it). */
export function stageAt(model: DockerfileModel, range: Range): Stage | undefined {
  let found: Stage | undefined;
  for (const st of model.stages) if (st.from.line <= range.start.line) found = st;
  return found ?? model.stages[0];
}

/** The final stage (the image `docker build` produces without `--target`). */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Base images and languages.
// ---------------------------------------------------------------------------------------------

export type Family = 'debian' | 'alpine' | 'rhel' | 'distroless' | 'scratch' | 'windows' | 'unknown';

export interface BaseInfo {
  /** Repository path without `library/` (`python`, `gcr.io/distroless/static-debian12` -> `distroless/static-debian12`). */
  repo: string;
  tag?: string;
  family: Family;
}

const RHEL = /(^|\/)(ubi\d*(-[a-z]+)?|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|rhel\d*)$/;

/** What the FROM of the root of `stage`'s chain names, with the distribution family guessed from name, tag and the package managers its RUNs use. */
export function baseInfo(model: DockerfileModel, stage: Stage): BaseInfo {
  let root = stage;
  const seen = new Set<number>();
  while (root.baseStage !== undefined && !seen.has(root.index)) {
    seen.add(root.index);
    root = model.stages[root.baseStage];
  }
  const image = root.imageResolved ?? root.image;
  if (image.toLowerCase() === 'scratch') return { repo: 'scratch', family: 'scratch' };
  const ref = parseImageRef(image);
  const repo = (ref?.path ?? image).replace(/^library\//, '');
  const tag = ref?.tag;
  const t = (tag ?? '').toLowerCase();
  let family: Family = 'unknown';
  if (/(^|\/)distroless\//.test(repo) || /^chainguard\/(static|glibc-dynamic)$/.test(repo))
    family = 'distroless';
  else if (/(^|\/)alpine$/.test(repo) || /alpine/.test(t)) family = 'alpine';
  else if (/nanoserver|servercore|windows/.test(repo + ' ' + t)) family = 'windows';
  else if (RHEL.test(repo) || /\bubi\d|ubi-|ubi$|oraclelinux|amazonlinux/.test(t)) family = 'rhel';
  else if (
    /(^|\/)(debian|ubuntu|buildpack-deps)$/.test(repo) ||
    /bookworm|bullseye|trixie|buster|jammy|noble|focal|slim/.test(t)
  )
    family = 'debian';
  else if (OFFICIAL_DEBIAN_BASED.has(repo)) family = 'debian';
  // The package managers the Dockerfile itself runs are the best evidence.
  const managers = new Set<string>();
  for (const st of model.stages) {
    if (st.index !== stage.index && !chainOf(model, stage).includes(st.index)) continue;
    for (const i of st.instructions) for (const c of runCmds(i)) if (c.name) managers.add(c.name);
  }
  if (family === 'unknown' || family === 'debian' || family === 'alpine') {
    if (managers.has('apk')) family = 'alpine';
    else if (managers.has('apt-get') || managers.has('apt')) family = 'debian';
    else if (managers.has('dnf') || managers.has('yum') || managers.has('microdnf')) family = 'rhel';
  }
  return { repo, tag, family };
}

function chainOf(model: DockerfileModel, stage: Stage): number[] {
  const out: number[] = [];
  for (
    let cur: Stage | undefined = stage;
    cur;
    cur = cur.baseStage !== undefined ? model.stages[cur.baseStage] : undefined
  ) {
    if (out.includes(cur.index)) break;
    out.push(cur.index);
  }
  return out;
}

/** Official images whose default variant is Debian-based. */
const OFFICIAL_DEBIAN_BASED = new Set([
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'perl',
  'rust',
  'openjdk',
  'eclipse-temurin',
  'maven',
  'gradle',
  'postgres',
  'redis',
  'nginx',
  'httpd',
  'mariadb',
  'mongo',
  'elixir',
  'erlang',
  'haskell',
  'julia',
  'r-base',
  'gcc',
  'wordpress',
]);

export type Language = 'python' | 'node' | 'go' | 'other';

/** The language a stage builds, from its base image and the tools its RUN instructions call. */
export function languageOf(model: DockerfileModel, stage: Stage): Language {
  const info = baseInfo(model, stage);
  const names = new Set<string>();
  for (const i of stage.instructions)
    for (const c of runCmds(i)) if (c.name) names.add(resolvedName(c) ?? c.name);
  const base = info.repo.split('/').pop() ?? '';
  if (base === 'python' || [...names].some((n) => /^(pip[0-9.]*|poetry|pipenv|uv)$/.test(n))) return 'python';
  if (base === 'node' || ['npm', 'yarn', 'pnpm'].some((n) => names.has(n))) return 'node';
  if (base === 'golang' || names.has('go')) return 'go';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// RUN commands.
// ---------------------------------------------------------------------------------------------

/** Commands of a RUN (empty for other instructions and exec-form RUNs). */
export function runCmds(instr: Instruction): RunCommand[] {
  return instr.keyword === 'RUN' ? runCommands(instr) : [];
}

/** The program a command really runs (through sudo, env...). */
export function resolvedName(c: RunCommand): string | undefined {
  const r = resolveCommand(c.cmd);
  return r ? basename(r.name) : c.name;
}

function basename(v: string): string {
  const i = v.lastIndexOf('/');
  return i >= 0 ? v.slice(i + 1) : v;
}

export interface PackageInstall {
  cmd: RunCommand;
  manager: 'apt' | 'apk' | 'rpm';
  packages: DocWord[];
}

/** `apt-get install`, `apk add`, `dnf/yum/microdnf install` calls of an instruction. */
export function packageInstalls(instr: Instruction): PackageInstall[] {
  const out: PackageInstall[] = [];
  for (const c of runCmds(instr)) {
    const name = resolvedName(c);
    let manager: PackageInstall['manager'] | undefined;
    let sub: string[] = [];
    let valueOpts: string[] = [];
    if (name === 'apt-get' || name === 'apt') {
      manager = 'apt';
      sub = ['install'];
      valueOpts = ['-o', '-t', '-c', '--target-release', '--option'];
    } else if (name === 'apk') {
      manager = 'apk';
      sub = ['add'];
      valueOpts = ['-t', '--virtual', '-X', '--repository', '--repositories-file', '-p', '--root'];
    } else if (name === 'dnf' || name === 'yum' || name === 'microdnf') {
      manager = 'rpm';
      sub = ['install'];
      valueOpts = ['--setopt', '--enablerepo', '--disablerepo', '--installroot', '--releasever'];
    }
    if (!manager) continue;
    const s = findSubcommand(c.cmd, ...sub);
    if (!s || !sub.includes(s.value)) continue;
    const ops = operands(c.cmd, s, valueOpts)
      .map((w) => c.words[c.cmd.words.indexOf(w)])
      .filter(Boolean);
    out.push({ cmd: c, manager, packages: ops });
  }
  return out;
}

/** Package names (version suffixes removed) installed by a stage. */
export function installedPackages(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const i of stage.instructions)
    for (const p of packageInstalls(i)) for (const w of p.packages) out.add(packageName(w.value));
  return out;
}

export function packageName(v: string): string {
  return v.replace(/[=<>].*$/, '').replace(/@.*$/, '');
}

const BUILD_PACKAGE =
  /^(gcc|g\+\+|gcc-c\+\+|clang|make|cmake|automake|autoconf|libtool|pkg-?config|pkgconf|build-essential|build-base|musl-dev|linux-headers|cargo|rustc|git|swig|ninja|ninja-build|meson|patch|python3?-dev|python3?-devel|.*-dev|.*-devel|.*-headers)$/;

/** A compiler, build tool or `-dev` package: needed to build, not to run. */
export function isBuildPackage(name: string): boolean {
  return BUILD_PACKAGE.test(name);
}

/** Does every package install of `instr` install build packages only (and it does something)? */
export function installsOnlyBuildPackages(instr: Instruction): boolean {
  const inst = packageInstalls(instr);
  if (!inst.length) return false;
  const pk = inst.flatMap((p) => p.packages);
  if (!pk.length || pk.some((w) => w.hasExpansion)) return false;
  if (!pk.every((w) => isBuildPackage(packageName(w.value)))) return false;
  // Nothing else of consequence: only package-manager calls, cleanup and harmless commands.
  return runCmds(instr).every((c) => {
    const n = resolvedName(c);
    return !n || /^(apt-get|apt|apk|dnf|yum|microdnf|rm|echo|true|set)$/.test(n);
  });
}

// ---------------------------------------------------------------------------------------------
// Text: instructions as movable chunks.
// ---------------------------------------------------------------------------------------------

export interface Chunk {
  instr: Instruction;
  /** Blank lines, detached comments and the instruction's own leading comments (and indentation). */
  lead: string;
  /** The instruction from its keyword through its last line, line break included when there is one. */
  body: string;
}

/** Offset just after the line break of `line` (or the end of the text). */
export function lineEndWithEol(model: DockerfileModel, line: number): number {
  const starts = model.lines.lineStarts;
  return line + 1 < starts.length ? starts[line + 1] : model.text.length;
}

/** Every instruction of the model as a chunk: together with `tail` they make up the whole text. */
export function chunksOf(model: DockerfileModel): { chunks: Chunk[]; tail: string } {
  const chunks: Chunk[] = [];
  let prev = 0;
  for (const instr of model.instructions) {
    const end = lineEndWithEol(model, instr.endLine);
    chunks.push({
      instr,
      lead: model.text.slice(prev, instr.start),
      body: model.text.slice(instr.start, end),
    });
    prev = end;
  }
  return { chunks, tail: model.text.slice(prev) };
}

/** The instruction text only (keyword through last line, without the line break). */
export function instrText(model: DockerfileModel, instr: Instruction): string {
  return model.text.slice(instr.start, model.lines.lineEnd(instr.endLine));
}

/** `text` with a line break at the end. */
export function withEol(text: string, eol: string): string {
  return /\r?\n$|\r$/.test(text) ? text : text + eol;
}

/** The comments of a lead (what must survive a move), without blank lines before them. */
export function trimLeadingBlankLines(lead: string): string {
  return lead.replace(/^(?:[ \t]*\r?\n)+/, '');
}

/** One edit replacing only what differs between `before` and `after` (common prefix and suffix kept). */
export function minimalEdit(model: DockerfileModel, after: string): TextEdit[] {
  const before = model.text;
  if (before === after) return [];
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e))
    e++;
  return [{ range: model.lines.range(s, before.length - e), newText: after.slice(s, after.length - e) }];
}

/** Apply offset edits (non-overlapping) to a slice of the document that starts at `base`. */
export function editSlice(
  text: string,
  base: number,
  edits: { start: number; end: number; text: string }[],
): string {
  let out = '';
  let last = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, e.start - base) + e.text;
    last = e.end - base;
  }
  return out + text.slice(last);
}

/** An insertion edit at a document offset. */
export function insertAt(model: DockerfileModel, offset: number, text: string): TextEdit {
  return { range: model.lines.range(offset, offset), newText: text };
}

// ---------------------------------------------------------------------------------------------
// Instructions.
// ---------------------------------------------------------------------------------------------

/** The WORKDIR in effect at `instr` (absolute when it can be resolved; undefined = `/`). */
export function workdirAt(stage: Stage, instr?: Instruction): string | undefined {
  let wd: string | undefined;
  for (const i of stage.instructions) {
    if (instr && i.index >= instr.index) break;
    if (i.keyword !== 'WORKDIR' || !i.args.length) continue;
    const v = i.args.map((a) => a.value).join(' ');
    wd = v.startsWith('/') || !wd ? v : `${wd.replace(/\/$/, '')}/${v}`;
  }
  return wd;
}

/** A path resolved against a WORKDIR. */
export function absPath(p: string, wd: string | undefined): string {
  if (p.startsWith('/')) return p;
  const base = (wd ?? '/').replace(/\/$/, '');
  return `${base}/${p.replace(/^\.\//, '')}`.replace(/\/\.$/, '');
}

/** Sources and destination of a COPY/ADD (flags and heredocs aside); undefined for exec form oddities. */
export function copyParts(instr: Instruction): { sources: string[]; dest: string } | undefined {
  const vals = instr.json ? instr.json.values : instr.args.map((a) => a.value);
  if (vals.length < 2) return undefined;
  return { sources: vals.slice(0, -1), dest: vals[vals.length - 1] };
}

/** `COPY . .`-like: copies the whole build context. */
export function isWholeContextCopy(instr: Instruction): boolean {
  if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') return false;
  if (instr.flags.some((f) => f.name === 'from')) return false;
  const p = copyParts(instr);
  return !!p && p.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

/** ENV names a stage sets. */
export function envNames(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const i of stage.instructions)
    if (i.keyword === 'ENV') for (const kv of keyValuePairs(i)) out.add(kv.key);
  return out;
}

/** Instructions that describe how the image runs rather than how it is built. */
export const RUNTIME_KEYWORDS = new Set([
  'ENV',
  'EXPOSE',
  'USER',
  'HEALTHCHECK',
  'CMD',
  'ENTRYPOINT',
  'LABEL',
  'MAINTAINER',
  'VOLUME',
  'STOPSIGNAL',
  'ONBUILD',
]);

/** The last CMD or ENTRYPOINT values of a stage (exec form values, or shell-form words). */
export function commandWords(stage: Stage): { instr: Instruction; words: string[]; exec: boolean }[] {
  const out: { instr: Instruction; words: string[]; exec: boolean }[] = [];
  for (const i of stage.instructions) {
    if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') continue;
    out.push({ instr: i, words: i.json ? i.json.values : i.args.map((a) => a.value), exec: !!i.json });
  }
  return out;
}

/** A name not used by any stage (case-insensitive). */
export function freeStageName(model: DockerfileModel, wanted: string, taken: string[] = []): string {
  const used = new Set([
    ...model.stages.map((s) => (s.name ?? '').toLowerCase()),
    ...taken.map((t) => t.toLowerCase()),
  ]);
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}${n}`)) return `${wanted}${n}`;
}

/** The ports a stage EXPOSEs (numbers only, `/tcp` ones). */
export function exposedPorts(stage: Stage): number[] {
  const out: number[] = [];
  for (const i of stage.instructions) {
    if (i.keyword !== 'EXPOSE') continue;
    for (const a of i.args) {
      const m = /^(\d+)(?:-\d+)?(?:\/(tcp|TCP))?$/.exec(a.value);
      if (m) out.push(Number(m[1]));
    }
  }
  return out;
}

/** The directory containing the Dockerfile (the usual build context), from an absolute path. */
export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : '.';
}

export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** Offset of the start of an instruction's line, or of its first leading comment line. */
export function chunkStart(model: DockerfileModel, instr: Instruction): number {
  const line = instr.leadingComments.length ? instr.leadingComments[0].line : instr.line;
  return model.lines.lineStarts[line];
}

/**
 * Where to insert new lines at the end of a stage's build steps: before the first instruction of
 * the stage's trailing run-time block (EXPOSE/CMD/...) that comes after `after` (and after every
 * instruction for which `mustFollow` holds). Returns the offset and whether a line break must be
 * added before the inserted text (end of a file without a final newline).
 */
export function insertionPoint(
  model: DockerfileModel,
  stage: Stage,
  isTrailing: (i: Instruction) => boolean,
): { offset: number; needEolBefore: boolean } {
  const instrs = stage.instructions;
  let k = instrs.length;
  while (k > 0 && isTrailing(instrs[k - 1])) k--;
  // Right after the last build step, so blank lines and comments above the run-time block stay with it.
  if (k < instrs.length) {
    const prev = k > 0 ? instrs[k - 1] : stage.from;
    return { offset: lineEndWithEol(model, prev.endLine), needEolBefore: false };
  }
  const last = instrs[instrs.length - 1] ?? stage.from;
  const end = lineEndWithEol(model, last.endLine);
  const atEof = end === model.text.length && !/[\r\n]$/.test(model.text);
  return { offset: end, needEolBefore: atEof };
}

/** Generated keywords follow the file's own casing (consistent-instruction-casing). */
export function keywordCase(model: DockerfileModel): (kw: string) => string {
  let lower = 0;
  let upper = 0;
  for (const i of model.instructions) {
    if (i.keywordRaw === i.keywordRaw.toLowerCase()) lower++;
    else if (i.keywordRaw === i.keywordRaw.toUpperCase()) upper++;
  }
  return lower > upper ? (k) => k.toLowerCase() : (k) => k.toUpperCase();
}
