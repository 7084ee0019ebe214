/**
 * ShellCheck on RUN bodies: when a `shellcheck` binary is on PATH, every shell-form RUN and every
 * heredoc script is checked in the stage's shell dialect, and each finding is mapped back to its
 * exact place in the Dockerfile. Without the binary (or without a real file context) the rule says
 * nothing. Findings read `SC2086: ...`; `# hadolint ignore=SC2086` above the RUN, a
 * `# hadolint global ignore=SC2086` comment and `ignored: [SC2086]` in the config silence one code.
 * All scripts of one analysis go to one shellcheck process per dialect (see runShellcheck).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { docEndOffset, docOffset, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/run';
import type { Heredoc } from '../../dockerfile/model';
import { defineDockerfileRule, type RuleContext } from '../rule';
import { pragmaShellAt, runsInPosixShell } from './_packages';
import { namesAt, outerInstruction, shellAt } from './_run-stage';
import { PROXY_ARGS } from '../../dockerfile/scope';

/** Codes that make no sense for a Dockerfile (ash support notice, `source` needing a directive). */
const EXCLUDED = ['SC2187', 'SC1090', 'SC1091'];
const TIMEOUT_MS = 10_000;

let binary: string | null | undefined;

/** The shellcheck command to run (`$BERTH_SHELLCHECK` or `shellcheck` on PATH), or null; looked up once per process. */
export function shellcheckBinary(): string | null {
  if (binary !== undefined) return binary;
  const cmd = process.env.BERTH_SHELLCHECK || 'shellcheck';
  try {
    const r = spawnSync(cmd, ['--version'], { encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true });
    binary = r.status === 0 && /shellcheck/i.test(r.stdout ?? '') ? cmd : null;
  } catch {
    binary = null;
  }
  return binary;
}

/** Forget the cached lookup (tests). */
export function resetShellcheckLookup(): void {
  binary = undefined;
  results.clear();
}

export interface ShellcheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** Results by `dialect \0 script` (null: shellcheck could not check it), oldest first. */
const results = new Map<string, ShellcheckComment[] | null>();
/** At most this many scripts go to shellcheck in one analysis; the rest are not checked. */
const MAX_SCRIPTS = 2000;
/** Time for all shellcheck runs of one analysis together. */
const TOTAL_TIMEOUT_MS = 30_000;
const CACHE_SIZE = 2 * MAX_SCRIPTS;

interface Script {
  dialect: string;
  input: string;
}

const keyOf = (s: Script) => `${s.dialect}\0${s.input}`;

/**
 * Checks all `scripts` with one shellcheck process per dialect (each uncached script in its own file
 * of one temp dir). Returns the comments by key; a script that was not checked (over MAX_SCRIPTS,
 * out of time, shellcheck failed) has no entry or null, and gets no finding.
 */
function runShellcheck(cmd: string, scripts: Script[]): Map<string, ShellcheckComment[] | null> {
  const out = new Map<string, ShellcheckComment[] | null>();
  const todo = new Map<string, Script>();
  for (const s of scripts) {
    const key = keyOf(s);
    if (out.has(key) || todo.has(key)) continue;
    if (results.has(key)) {
      const hit = results.get(key)!;
      results.delete(key); // most recently used last
      results.set(key, hit);
      out.set(key, hit);
    } else if (todo.size < MAX_SCRIPTS) todo.set(key, s);
  }
  if (!todo.size) return out;
  const byDialect = new Map<string, string[]>();
  for (const [key, s] of todo) {
    const keys = byDialect.get(s.dialect) ?? [];
    keys.push(key);
    byDialect.set(s.dialect, keys);
  }
  const remember = (key: string, comments: ShellcheckComment[] | null) => {
    out.set(key, comments);
    results.set(key, comments);
  };
  const deadline = Date.now() + TOTAL_TIMEOUT_MS;
  // The files are named 0, 1, ... in the temp dir (shellcheck runs there: short command lines).
  const exe = /[\\/]/.test(cmd) ? path.resolve(cmd) : cmd;
  let dir: string | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-shellcheck-'));
    let n = 0;
    for (const [dialect, keys] of byDialect) {
      const timeout = deadline - Date.now();
      if (timeout <= 0) break;
      const names = new Map<string, string>();
      for (const key of keys) {
        const name = String(n++);
        fs.writeFileSync(path.join(dir, name), todo.get(key)!.input);
        names.set(name, key);
      }
      const r = spawnSync(
        exe,
        ['--format=json1', `--shell=${dialect}`, `--exclude=${EXCLUDED.join(',')}`, '--', ...names.keys()],
        { cwd: dir, encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      );
      // Out of time (or killed): these scripts stay unchecked and uncached.
      if (r.signal || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') continue;
      let comments: ShellcheckComment[] | undefined;
      if (!r.error && (r.status === 0 || r.status === 1) && r.stdout) {
        try {
          const parsed = JSON.parse(r.stdout) as { comments?: (ShellcheckComment & { file?: string })[] };
          if (Array.isArray(parsed.comments)) comments = parsed.comments;
        } catch {
          comments = undefined;
        }
      }
      if (!comments) {
        for (const key of keys) remember(key, null);
        continue;
      }
      const byFile = new Map<string, ShellcheckComment[]>();
      for (const c of comments as (ShellcheckComment & { file?: string })[]) {
        const list = byFile.get(c.file ?? '') ?? [];
        list.push(c);
        byFile.set(c.file ?? '', list);
      }
      for (const [name, key] of names) remember(key, byFile.get(name) ?? []);
    }
  } catch {
    // No temp dir, no disk space...: the unchecked scripts get no finding.
  } finally {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  while (results.size > CACHE_SIZE) results.delete(results.keys().next().value as string);
  return out;
}

/** ShellCheck's `--shell` for a shell executable, or undefined when ShellCheck does not support it. */
function dialectOf(exe: string): string | undefined {
  const name = exe.split(/[\\/]/).pop()!.toLowerCase();
  if (name === 'bash') return 'bash';
  if (name === 'sh' || name === 'busybox') return 'sh';
  if (name === 'dash' || name === 'ash') return 'dash';
  if (name === 'ksh' || name === 'mksh' || name === 'ksh93') return 'ksh';
  return undefined;
}

/** SC codes silenced for the whole file (`# hadolint global ignore=SC2086`, `# berth-ignore-file SC2086`). */
function fileIgnores(model: DockerfileModel): Set<string> {
  const out = new Set<string>();
  for (const c of model.comments) {
    const m = /^(?:hadolint\s+global\s+ignore\s*=|berth-ignore-file:?\s+)(.*)$/i.exec(c.text);
    if (m) for (const code of m[1].split(/[,\s]+/)) if (/^SC\d+$/i.test(code)) out.add(code.toUpperCase());
  }
  return out;
}

function instructionIgnores(instr: Instruction): Set<string> {
  const out = new Set<string>();
  for (const c of instr.leadingComments) {
    const m = /^(?:hadolint\s+ignore\s*=|berth-ignore:?\s+)(.*)$/i.exec(c.text);
    if (m) for (const code of m[1].split(/[,\s]+/)) if (/^SC\d+$/i.test(code)) out.add(code.toUpperCase());
  }
  return out;
}

/**
 * `export A=1 B=1` for the ARG/ENV names in scope that `body` mentions, so that ShellCheck knows they
 * are set (names the script never mentions change nothing, and ShellCheck slows down sharply with
 * long export lines: a stage with 1,000 ENVs took seconds per script).
 */
function exportsLine(names: string[], body: string): string {
  // The proxy args the builder always provides (scope.ts owns the list).
  const out = new Set<string>(PROXY_ARGS);
  for (const n of names) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && body.includes(n)) out.add(n);
  return `export ${[...out].map((n) => `${n}=1`).join(' ')}`;
}

/** UTF-16 offset of a 1-based code-point column in `line`. */
function columnOffset(line: string, column: number): number {
  let off = 0;
  for (let cp = 1; cp < column && off < line.length; cp++) {
    const c = line.charCodeAt(off);
    off += c >= 0xd800 && c < 0xdc00 && off + 1 < line.length ? 2 : 1;
  }
  return off;
}

interface Job {
  script: Script;
  /** Reports shellcheck's comments on `script` at their places in the Dockerfile. */
  report: (comments: ShellcheckComment[]) => void;
}

/** The script shellcheck gets for `body` (the exports line added) and how to map its comments back. */
function prepare(
  ctx: RuleContext<DockerfileModel>,
  dialect: string,
  prefix: string,
  body: string,
  toDoc: (o: number) => number,
  toDocEnd: (o: number) => number,
  ignored: Set<string>,
): Job {
  const lines = body.split('\n');
  // The exports line goes first, or right after a shebang (which must stay on line 1).
  const at = lines[0].startsWith('#!') ? 1 : 0;
  const input = [...lines.slice(0, at), prefix, ...lines.slice(at)].join('\n');
  const report = (comments: ShellcheckComment[]) => {
    const starts: number[] = [];
    let acc = 0;
    for (const l of lines) {
      starts.push(acc);
      acc += l.length + 1;
    }
    const offset = (line: number, column: number) => {
      const i = Math.min(Math.max(line - 1 > at ? line - 2 : line - 1, 0), lines.length - 1);
      return Math.min(starts[i] + columnOffset(lines[i], column), body.length);
    };
    for (const c of comments) {
      const code = `SC${c.code}`;
      if (c.line === at + 1 || ignored.has(code) || ctx.config.rules[code] === 'off') continue;
      const s = offset(c.line, c.column);
      let e = offset(c.endLine, c.endColumn);
      if (e <= s) e = Math.min(s + 1, body.length);
      const start = toDoc(s);
      const end = e > s ? toDocEnd(e) : start;
      ctx.report({ range: ctx.range(start, Math.max(start, end)), message: `${code}: ${c.message}` });
    }
  };
  return { script: { dialect, input }, report };
}

export default defineDockerfileRule(
  {
    id: 'shellcheck',
    description: 'ShellCheck findings in RUN scripts (only when a `shellcheck` binary is installed).',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (!ctx.fs) return;
    const model = ctx.model;
    const runs = model.instructions.filter(
      (i) => i.keyword === 'RUN' || (i.keyword === 'ONBUILD' && i.onbuild?.keyword === 'RUN'),
    );
    if (!runs.length) return;
    const cmd = shellcheckBinary();
    if (!cmd) return;
    const globalIgnored = fileIgnores(model);
    const jobs: Job[] = [];
    for (const outer of runs) {
      const instr = outer.onbuild ?? outer;
      if (instr.json || !runsInPosixShell(model, instr)) continue;
      const shell = shellAt(model, outer);
      // Without a SHELL, the `# hadolint shell=` pragma above the RUN (as in hadolint), else sh.
      const dialect = dialectOf(shell?.[0] ?? pragmaShellAt(model, outer.start) ?? 'sh');
      if (!dialect) continue;
      const ignored = new Set([...globalIgnored, ...instructionIgnores(outerInstruction(model, outer))]);
      const names = namesAt(model, outer);
      if (!instr.heredocs.length) {
        const base = instr.restStart;
        const text = instr.argsText.slice(base);
        if (!text.trim()) continue;
        jobs.push(
          prepare(
            ctx,
            dialect,
            exportsLine(names, text),
            text,
            (o) => docOffset(instr, base + o),
            (o) => docEndOffset(instr, base + o),
            ignored,
          ),
        );
        continue;
      }
      // Heredoc scripts (the line only hands them to a shell).
      const scripts = new Set<Heredoc>();
      for (const c of runCommands(instr)) if (c.heredoc) scripts.add(c.heredoc);
      for (const hd of scripts) {
        let d = dialect;
        const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(hd.body);
        if (shebang) {
          const exe = shebang[1].endsWith('/env') && shebang[2] ? shebang[2] : shebang[1];
          const fromShebang = dialectOf(exe);
          if (!fromShebang) continue;
          d = fromShebang;
        }
        jobs.push(
          prepare(
            ctx,
            d,
            exportsLine(names, hd.body),
            hd.body,
            (o) => hd.bodyStart + o,
            (o) => hd.bodyStart + o,
            ignored,
          ),
        );
      }
    }
    if (!jobs.length) return;
    // One shellcheck process per dialect for the whole file.
    const found = runShellcheck(
      cmd,
      jobs.map((j) => j.script),
    );
    for (const j of jobs) {
      const comments = found.get(keyOf(j.script));
      if (comments) j.report(comments);
    }
  },
);
