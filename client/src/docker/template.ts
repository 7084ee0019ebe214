import { tokenizeWords, WordSyntaxError } from './words';

/**
 * A template variable's value: a string is exactly one argv element; an array is zero or more whole
 * argv elements (for example `['-f', '/a b/compose.yaml']`, or `[]` when a flag is off).
 */
export type TemplateValue = string | readonly string[];
export type TemplateVariables = Readonly<Record<string, TemplateValue>>;

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/**
 * Expands a command template into an argument vector.
 *
 * The template is split into words first (see words.ts); only then are variables substituted, so a value
 * is never re-split, whatever it contains (spaces, quotes, `$`, backticks...).
 * - a word that is exactly one variable (`${configurationFiles}` or `"${configurationFiles}"`) becomes
 *   that variable's elements, possibly none;
 * - a variable inside a longer word (`--tail=${tail}`) must be a single value and is concatenated.
 */
export function expandTemplate(template: string, variables: TemplateVariables, label = 'template'): string[] {
  let words;
  try {
    words = tokenizeWords(template, { variables: true });
  } catch (e) {
    if (e instanceof WordSyntaxError) throw new TemplateError(`${label}: ${e.message}`);
    throw e;
  }
  const lookup = (name: string): readonly string[] => {
    if (!Object.prototype.hasOwnProperty.call(variables, name)) {
      const known = Object.keys(variables)
        .map((k) => '${' + k + '}')
        .join(', ');
      throw new TemplateError(`${label}: unknown variable \${${name}} (known: ${known})`);
    }
    const value = variables[name];
    return typeof value === 'string' ? [value] : value;
  };

  const argv: string[] = [];
  for (const word of words) {
    if (word.segments.length === 1 && word.segments[0].kind === 'var') {
      argv.push(...lookup(word.segments[0].name));
      continue;
    }
    let out = '';
    for (const seg of word.segments) {
      if (seg.kind === 'text') {
        out += seg.value;
        continue;
      }
      const value = lookup(seg.name);
      if (value.length > 1) {
        throw new TemplateError(
          `${label}: \${${seg.name}} expands to several arguments and cannot be joined with other text`,
        );
      }
      out += value[0] ?? '';
    }
    argv.push(out);
  }
  if (argv.length === 0 || argv[0] === '') throw new TemplateError(`${label}: the command is empty`);
  return argv;
}
