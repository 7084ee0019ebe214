/**
 * The shell commands a RUN instruction executes, with document offsets: the shell-form body
 * (through line continuations) and heredoc scripts. Parsed lazily, once per instruction.
 */
import { parseShell, type ShCommand, type ShScript, type ShWord } from './shell';
import type { Heredoc, Instruction } from './model';

export interface DocWord extends ShWord {
  /** Document offsets. */
  docStart: number;
  docEnd: number;
}

export interface RunCommand {
  instr: Instruction;
  /** The heredoc this command comes from, when it is not in the instruction line. */
  heredoc?: Heredoc;
  cmd: ShCommand;
  /** Basename of the command word (`/usr/bin/apt-get` -> `apt-get`), undefined for a bare assignment. */
  name?: string;
  /** Words with document offsets (words[0] is the command name). */
  words: DocWord[];
  /** The whole script this command belongs to (for `pipedFrom` and neighbours). */
  script: ShScript;
  /** Index of this command in `script.commands`. */
  indexInScript: number;
  docStart: number;
  docEnd: number;
}

const cache = new WeakMap<Instruction, RunCommand[]>();

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

function basename(v: string): string {
  const i = v.lastIndexOf('/');
  return i >= 0 ? v.slice(i + 1) : v;
}

/** Commands of a RUN (or ONBUILD RUN) instruction, in source order. Exec-form RUNs have none. */
export function runCommands(instr: Instruction): RunCommand[] {
  const target = instr.keyword === 'ONBUILD' && instr.onbuild ? instr.onbuild : instr;
  const hit = cache.get(target);
  if (hit) return hit;
  const out: RunCommand[] = [];
  if (target.json) {
    cache.set(target, out);
    return out;
  }
  const text = target.argsText.slice(target.restStart);
  const base = target.restStart;
  const map = target.argsMap;
  const toDoc = (o: number) => map[Math.min(base + o, map.length - 1)];
  const toDocEnd = (o: number) => (o <= 0 ? toDoc(0) : toDoc(o - 1) + 1);
  const lineScript = safeParse(text);
  push(lineScript, toDoc, toDocEnd, undefined);
  // Heredoc bodies are scripts when the line runs no other program than a shell reading them.
  if (target.heredocs.length) {
    const names = lineScript.commands.map((c) => (c.words[0] ? basename(c.words[0].value) : undefined));
    const bodyIsScript = names.every((n) => n === undefined || SHELLS.has(n));
    if (bodyIsScript) {
      for (const hd of target.heredocs) {
        const script = safeParse(hd.body);
        push(
          script,
          (o) => hd.bodyStart + o,
          (o) => hd.bodyStart + o,
          hd,
        );
      }
    }
  }
  cache.set(target, out);
  return out;

  function push(script: ShScript, d: (o: number) => number, de: (o: number) => number, heredoc?: Heredoc) {
    script.commands.forEach((cmd, i) => {
      // The fields spelled out (same order as ShWord): `{ ...w, docStart, docEnd }` took V8's slow
      // clone path here, some 1.4 µs a word (a tenth of the analysis of a large file).
      const words = cmd.words.map((w): DocWord => ({
        start: w.start,
        end: w.end,
        raw: w.raw,
        value: w.value,
        quoted: w.quoted,
        hasExpansion: w.hasExpansion,
        docStart: d(w.start),
        docEnd: de(w.end),
      }));
      out.push({
        instr: target,
        heredoc,
        cmd,
        name: cmd.words[0] ? basename(cmd.words[0].value) : undefined,
        words,
        script,
        indexInScript: i,
        docStart: d(cmd.start),
        docEnd: de(cmd.end),
      });
    });
  }
}

/**
 * Parsed scripts by text, across document versions: after a keystroke only the edited RUN is parsed
 * again (the instructions after the edit are new objects at new offsets, with the same text). Scripts
 * are never modified after parsing. Bounded, least recently used first out: the document being edited
 * keeps its scripts while others are opened.
 */
const scripts = new Map<string, ShScript>();
/**
 * Characters of script text the cache holds at most. A parsed script takes some 18 bytes of heap per
 * character of its text (measured over the corpus: 4.6 MB for 256 K characters), so 128 K characters
 * is ~2.3 MB: the RUN scripts of a 7,000-line Dockerfile like the benchmark's (the largest corpus
 * Dockerfile has 650 lines).
 */
const MAX_CACHED_CHARS = 128 * 1024;
let cachedChars = 0;

function safeParse(text: string): ShScript {
  const hit = scripts.get(text);
  if (hit) {
    scripts.delete(text);
    scripts.set(text, hit);
    return hit;
  }
  let script: ShScript;
  try {
    script = parseShell(text);
  } catch (e) {
    script = { commands: [], hasPipe: false, errors: [{ start: 0, end: text.length, message: String(e) }] };
  }
  if (text.length <= MAX_CACHED_CHARS / 8) {
    for (const k of scripts.keys()) {
      if (cachedChars + text.length <= MAX_CACHED_CHARS) break;
      scripts.delete(k);
      cachedChars -= k.length;
    }
    scripts.set(text, script);
    cachedChars += text.length;
  }
  return script;
}

/** All RUN commands of a model's instructions (ONBUILD RUN included), in order. */
export function allRunCommands(instructions: Instruction[]): RunCommand[] {
  const out: RunCommand[] = [];
  for (const i of instructions) {
    if (i.keyword === 'RUN' || (i.keyword === 'ONBUILD' && i.onbuild?.keyword === 'RUN'))
      out.push(...runCommands(i));
  }
  return out;
}

/**
 * The subcommand word of a command, skipping flags before it: `apt-get -y install` -> `install`.
 * Flags that take a separate value are listed in `valueFlags` (e.g. `-o`, `-t` for apt-get).
 */
export function subcommandIndex(words: ShWord[], valueFlags: Set<string> = new Set()): number {
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v.startsWith('-')) {
      if (valueFlags.has(v)) i++;
      continue;
    }
    return i;
  }
  return -1;
}
