/**
 * Sources and destination of a COPY / ADD instruction, in shell form (`COPY a b /dst/`) or exec
 * form (`COPY ["a", "b", "/dst/"]`), heredoc sources (`COPY <<EOF /x`) left out.
 *
 * Not a rule (the file name starts with `_`).
 */
import type { Instruction } from '../../dockerfile/model';

export interface CopyPath {
  /** Quotes removed. */
  value: string;
  /** Document offsets. */
  start: number;
  end: number;
}

export interface CopyArgs {
  sources: CopyPath[];
  dest?: CopyPath;
  /** Heredoc sources were present. */
  heredoc: boolean;
}

export function copyArgs(instr: Instruction): CopyArgs {
  let all: CopyPath[];
  if (instr.json) all = instr.json.values.map((value, i) => ({ value, ...instr.json!.ranges[i] }));
  else all = instr.args.map((a) => ({ value: a.value, start: a.start, end: a.end }));
  if (all.length < 2) return { sources: [], dest: all[0], heredoc: false };
  const dest = all[all.length - 1];
  const heredoc = !instr.json && all.slice(0, -1).some((a) => /^<<-?/.test(a.value));
  const sources = all.slice(0, -1).filter((a) => instr.json || !/^<<-?/.test(a.value));
  return { sources, dest, heredoc };
}

/** A source that names the whole build context: `.`, `./`, `/` ... */
export function isWholeContext(value: string): boolean {
  return /^(\.\/?|\.\/\.|\/|\.\/\*?)$/.test(value.replace(/\/+$/, '/')) || value === '*';
}

export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}
