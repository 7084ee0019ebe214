/**
 * A small, predictable word splitter for command settings and command templates.
 *
 * Rules (deliberately simpler than a shell, and the same on every platform):
 * - whitespace separates words;
 * - `'...'` and `"..."` group text into one word (the quotes are removed); there are no escapes,
 *   so Windows paths like `"C:\Program Files\Docker\docker.exe"` work as written;
 *   to put a quote character in a word, quote it with the other kind: `"it's"`, `'say "hi"'`;
 * - with `variables: true`, `${name}` is a variable reference, in quoted and unquoted text alike.
 *
 * Nothing here ever sees user paths: those are substituted after splitting (see template.ts),
 * so they are never re-split.
 */

export type WordSegment = { kind: 'text'; value: string } | { kind: 'var'; name: string };

export interface Word {
  segments: WordSegment[];
}

export class WordSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WordSyntaxError';
  }
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function tokenizeWords(input: string, options: { variables: boolean }): Word[] {
  const words: Word[] = [];
  let segments: WordSegment[] | undefined;
  let text = '';
  const flushText = (): void => {
    if (text !== '') {
      segments!.push({ kind: 'text', value: text });
      text = '';
    }
  };
  const endWord = (): void => {
    if (segments) {
      flushText();
      words.push({ segments });
      segments = undefined;
    }
  };

  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (!quote && /\s/.test(ch)) {
      endWord();
      continue;
    }
    segments ??= [];
    if (quote) {
      if (ch === quote) {
        quote = undefined;
        continue;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    if (options.variables && ch === '$' && input[i + 1] === '{') {
      const close = input.indexOf('}', i + 2);
      if (close < 0) throw new WordSyntaxError(`unterminated "\${" at offset ${i}`);
      const name = input.slice(i + 2, close);
      if (!VAR_NAME.test(name)) throw new WordSyntaxError(`invalid variable name "\${${name}}"`);
      flushText();
      segments.push({ kind: 'var', name });
      i = close;
      continue;
    }
    text += ch;
  }
  if (quote) throw new WordSyntaxError(`unterminated ${quote} quote`);
  endWord();
  return words;
}

/** Splits a command setting such as `podman compose` or `"C:\Program Files\x\docker.exe"` into argv. */
export function splitCommandWords(input: string): string[] {
  return tokenizeWords(input, { variables: false }).map((w) =>
    w.segments.map((s) => (s.kind === 'text' ? s.value : '')).join(''),
  );
}
