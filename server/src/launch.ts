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
