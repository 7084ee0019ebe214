import { spawn } from 'child_process';

export interface ProcessResult {
  /** Exit code; null when the process could not start or was killed. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not start (`ENOENT`: not installed) or timed out (`ETIMEDOUT`). */
  error?: { code?: string; message: string };
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the process after this many milliseconds. */
  timeoutMs?: number;
  /** Stop collecting output past this many characters (per stream). */
  maxOutput?: number;
}

/** Runs a command (argv[0] with argv[1..] as arguments) and collects its output. */
export type CommandRunner = (argv: readonly string[], cwd?: string) => Promise<ProcessResult>;

/**
 * Runs `argv` in `cwd` without a shell: each element reaches the program as one argument, whatever it
 * contains. Never rejects: failures to start are reported in `error`.
 */
export function runProcess(
  argv: readonly string[],
  cwd?: string,
  options: RunOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    if (argv.length === 0 || argv[0] === '') {
      resolve({ exitCode: null, stdout: '', stderr: '', error: { message: 'empty command' } });
      return;
    }
    const max = options.maxOutput ?? 16 * 1024 * 1024;
    let stdout = '';
    let stderr = '';
    let settled = false;
    let timedOut = false;
    const finish = (r: ProcessResult): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(r);
    };
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), {
        cwd,
        env: options.env ?? process.env,
        shell: false,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      finish({ exitCode: null, stdout, stderr, error: { code: err.code, message: err.message } });
      return;
    }
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            child.kill();
          }, options.timeoutMs)
        : undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      if (stdout.length < max) stdout += d;
    });
    child.stderr.on('data', (d: string) => {
      if (stderr.length < max) stderr += d;
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish({ exitCode: null, stdout, stderr, error: { code: err.code, message: err.message } });
    });
    child.on('close', (code) => {
      if (timedOut) {
        finish({
          exitCode: null,
          stdout,
          stderr,
          error: { code: 'ETIMEDOUT', message: `${argv[0]} did not finish in ${options.timeoutMs} ms` },
        });
      } else {
        finish({ exitCode: code, stdout, stderr });
      }
    });
  });
}
