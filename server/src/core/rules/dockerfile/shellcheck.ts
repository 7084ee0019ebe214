/**
 * ShellCheck on RUN bodies: when a `shellcheck` binary is on PATH, every shell-form RUN and every
 * heredoc script is checked in the stage's shell dialect, and each finding is mapped back to its
 * exact place in the Dockerfile. Without the binary (or without a real file context) the rule says
 * nothing. Findings read `SC2086: ...`; `# hadolint ignore=SC2086` above the RUN, a
 * `# hadolint global ignore=SC2086` comment and `ignored: [SC2086]` in the config silence one code.
 */
import { spawnSync } from 'node:child_process';
import { docEndOffset, docOffset, type DockerfileModel, type Instruction } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/run';
import type { Heredoc } from '../../dockerfile/model';
import { defineDockerfileRule, type RuleContext } from '../rule';
import { runsInPosixShell } from './_packages';
import { namesAt, outerInstruction, shellAt } from './_run-stage';

/** Codes that make no sense for a Dockerfile (ash support notice, `source` needing a directive). */
const EXCLUDED = ['SC2187', 'SC1090', 'SC1091'];
/** Variables the builder always provides. */
const PREDEFINED = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
];
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

const results = new Map<string, ShellcheckComment[] | null>();

/** Runs shellcheck on `script` (cached by input); null when it could not run. */
function runShellcheck(cmd: string, dialect: string, script: string): ShellcheckComment[] | null {
  const key = `${dialect}\0${script}`;
  if (results.has(key)) return results.get(key)!;
  let out: ShellcheckComment[] | null = null;
  try {
    const r = spawnSync(
      cmd,
      ['--format=json1', `--shell=${dialect}`, `--exclude=${EXCLUDED.join(',')}`, '-'],
      {
        input: script,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
      },
    );
    if (!r.error && (r.status === 0 || r.status === 1) && r.stdout) {
      const parsed = JSON.parse(r.stdout) as { comments?: ShellcheckComment[] };
      out = Array.isArray(parsed.comments) ? parsed.comments : [];
    }
  } catch {
    out = null;
  }
  if (results.size > 500) results.delete(results.keys().next().value as string);
  results.set(key, out);
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

/** `export A=1 B=1` for the ARG/ENV names in scope, so that ShellCheck knows they are set. */
function exportsLine(model: DockerfileModel, instr: Instruction): string {
  const names = new Set(PREDEFINED);
  for (const n of namesAt(model, instr)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) names.add(n);
  return `export ${[...names].map((n) => `${n}=1`).join(' ')}`;
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

function check(
  ctx: RuleContext<DockerfileModel>,
  cmd: string,
  dialect: string,
  prefix: string,
  body: string,
  toDoc: (o: number) => number,
  toDocEnd: (o: number) => number,
  ignored: Set<string>,
) {
  const lines = body.split('\n');
  // The exports line goes first, or right after a shebang (which must stay on line 1).
  const at = lines[0].startsWith('#!') ? 1 : 0;
  const input = [...lines.slice(0, at), prefix, ...lines.slice(at)].join('\n');
  const comments = runShellcheck(cmd, dialect, input);
  if (!comments) return;
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
    let defaultShell = 'sh';
    for (const c of model.comments) {
      const m = /^hadolint\s+shell\s*=\s*(\S+)/i.exec(c.text);
      if (m) defaultShell = m[1];
    }
    const globalIgnored = fileIgnores(model);
    for (const outer of runs) {
      const instr = outer.onbuild ?? outer;
      if (instr.json || !runsInPosixShell(model, instr)) continue;
      const shell = shellAt(model, outer);
      const dialect = dialectOf(shell?.[0] ?? defaultShell);
      if (!dialect) continue;
      const ignored = new Set([...globalIgnored, ...instructionIgnores(outerInstruction(model, outer))]);
      const prefix = exportsLine(model, outer);
      if (!instr.heredocs.length) {
        const base = instr.restStart;
        const text = instr.argsText.slice(base);
        if (!text.trim()) continue;
        check(
          ctx,
          cmd,
          dialect,
          prefix,
          text,
          (o) => docOffset(instr, base + o),
          (o) => docEndOffset(instr, base + o),
          ignored,
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
        check(
          ctx,
          cmd,
          d,
          prefix,
          hd.body,
          (o) => hd.bodyStart + o,
          (o) => hd.bodyStart + o,
          ignored,
        );
      }
    }
  },
);
