/**
 * How the language server process is started: shared by the extension (client/src/extension.ts) and the
 * benchmark (scripts/bench.mjs, through bench-entry.ts), so that what is measured is what users run.
 *
 * MALLOC_ARENA_MAX=1: glibc gives each thread that calls malloc its own arena. V8's background compiler
 * threads then keep a few MB each of freed-but-held memory (measured: ~20 MB of the server's resident
 * memory after opening the corpus); one arena removes that, and the keystroke path measured the same.
 * Only glibc reads it; elsewhere it is an unused variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

/**
 * Node options of the server process (the extension passes them as `execArgv`, the benchmark on its
 * command line).
 *
 * --max-semi-space-size=1: V8's young generation otherwise grows to 32 MB during the burst of analyses
 * when a workspace opens, and keeps it. Measured with scripts/bench.mjs (570 corpus files open, idle):
 * RSS 131-138 MB instead of 140-179 MB, peak 133-138 MB instead of 159-182 MB; the keystroke path
 * (debounce 0, p50 22-23 ms) measured the same, the server's CPU time for the corpus +3%.
 *
 * --expose-gc: lets the server run one full collection once it falls idle after a burst of analyses
 * (server/src/features/idle-gc.ts); without it the server works the same and only holds more memory.
 *
 * --no-maglev: V8's mid-tier compiler (on by default from Node 22, so in VS Code's Electron and in
 * code-server; off in Node 20) compiles much of the server during that burst and leaves its freed
 * compile memory in glibc's heap for good. Measured on Node 24 with scripts/bench.mjs (570 corpus files
 * open, idle, two runs each): RSS 106-110 MB instead of 124-142 MB (the server's own memory 56-61 MB
 * instead of 73-92 MB); the keystroke path measured the same (debounce 0, p50 16-18 ms in a fresh
 * server, 10-11 ms warmed up, against 16-17 and 11 ms).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--expose-gc', '--no-maglev'];
