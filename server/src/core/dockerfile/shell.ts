/**
 * Shell parser for RUN bodies (shell form and heredoc scripts): every simple command with its words
 * and exact offsets, split across `&&`, `||`, `;`, `|`, `&`, newlines, subshells, groups, if / for /
 * while / until / case, `$( )` and backquotes. Synchronous, never throws, linear time, recovers from
 * errors. Why hand-written rather than an npm parser: docs/dev/shell-parser.md.
 */
import { ShellParser } from './shell/parser';
import type { ShParseOptions, ShScript } from './shell/types';

export type {
  ShCommand,
  ShError,
  ShHeredoc,
  ShParseOptions,
  ShRedirect,
  ShScript,
  ShWord,
} from './shell/types';
export {
  commandName,
  findSubcommand,
  flagValue,
  hasFlag,
  isCommand,
  operands,
  resolveCommand,
  type ResolvedCommand,
} from './shell/commands';

/**
 * Parses a (logical, continuation-free) RUN body or heredoc script. Never throws: problems go to
 * `errors` and parsing goes on. `dialect` defaults to `bash` (see ShParseOptions).
 */
export function parseShell(text: string, options?: ShParseOptions): ShScript {
  const s = typeof text === 'string' ? text : String(text ?? '');
  const p = new ShellParser(s, options?.dialect !== 'posix');
  try {
    return p.parse();
  } catch (e) {
    // Defensive: a bug must not take the language server down. Keep what was found.
    p.error(0, s.length, `internal shell parser error: ${e instanceof Error ? e.message : String(e)}`);
    return p.result();
  }
}
