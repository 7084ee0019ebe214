/** Types of the shell parser (see ../shell.ts and docs/dev/shell-parser.md). */

export interface ShWord {
  /** Offset in the input string (inclusive). */
  start: number;
  /** Offset (exclusive). */
  end: number;
  /** The source text of the word, e.g. `"--foo=$BAR"`. */
  raw: string;
  /** Unquoted value: quotes removed, backslash escapes resolved, expansions left as written (`--foo=$BAR`). */
  value: string;
  /** Any part was quoted (single, double, `$'..'`, or a backslash escape). */
  quoted: boolean;
  /** Contains `$var`, `${...}`, `$(...)`, `$((...))` or backticks (outside single quotes). */
  hasExpansion: boolean;
}

export interface ShHeredoc {
  /** Delimiter with quotes removed (`EOF` for `<<'EOF'`). */
  delimiter: string;
  /** The delimiter was quoted: the body is literal (no expansion). */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from body lines and from the delimiter line. */
  stripTabs: boolean;
  /** Body offsets: from the line after the operator's line to the start of the delimiter line. */
  start: number;
  end: number;
  /** The body text (`text.slice(start, end)`). */
  body: string;
  /** The delimiter line was not found (body runs to the end of the input). */
  unterminated?: boolean;
}

export interface ShRedirect {
  /** `<`, `>`, `>>`, `>|`, `<>`, `<&`, `>&`, `&>`, `&>>`, `<<`, `<<-`, `<<<`. */
  op: string;
  /** From the fd (if any) to the end of the target word. */
  start: number;
  end: number;
  /** The target word (file, fd number, here-string, or heredoc delimiter word). */
  target?: ShWord;
  /** Explicit file descriptor before the operator: `2` in `2>&1`, `{fd}` in bash `{fd}>file`. */
  fd?: string;
  /** For `<<` and `<<-`: the here-document. */
  heredoc?: ShHeredoc;
}

export interface ShCommand {
  /** Words of the simple command, assignments and redirections excluded; words[0] is the command name. */
  words: ShWord[];
  /** `FOO=bar` prefixes. */
  assignments: ShWord[];
  redirects: ShRedirect[];
  start: number;
  end: number;
  /** Index (in ShScript.commands) of the command whose output is piped into this one, if any. */
  pipedFrom?: number;
  /** The operator that follows this command: '&&' | '||' | ';' | '|' | '&' | '\n' | ';;' (case) | undefined. */
  next?: string;
  /** Nesting: 0 at top level; >0 inside subshell ( ), { }, if/while/for/case bodies, $( ) or backticks. */
  depth: number;
  /** True when inside $( ) or backticks. */
  inSubstitution: boolean;
  /** Preceded by `!` (pipeline negation). */
  negated?: boolean;
  /** Preceded by the `time` keyword (which is then not part of `words`). */
  timed?: boolean;
}

export interface ShError {
  start: number;
  end: number;
  message: string;
}

export interface ShScript {
  /**
   * Every simple command, in source order (by start offset), nested ones included. Control words
   * (if/then/fi/for/do/done/case/esac/{/}) are not commands; the commands inside them are.
   */
  commands: ShCommand[];
  /** A `|` pipeline anywhere (not `||`). */
  hasPipe: boolean;
  /** Syntax problems; parsing recovers and goes on. */
  errors: ShError[];
}

export interface ShParseOptions {
  /**
   * `bash` (default): `&>`, `&>>` and `|&` are operators. `posix`: `a &> f` is `a &` then `> f`,
   * and `|&` is `|` then `&`. Everything else (`[[ ]]`, `(( ))`, `$'..'`, arrays, `<<<`, `function`)
   * is accepted in both, since a linter should see the commands either way.
   */
  dialect?: 'posix' | 'bash';
}
