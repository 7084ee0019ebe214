/**
 * The `.dockerignore` document model: one entry per pattern line, with document offsets, parsed as
 * BuildKit reads the file (a line whose first character is `#` is a comment; other lines are
 * trimmed; empty lines are skipped; a UTF-8 BOM on the first line is dropped).
 */
import { LineIndex } from '../text';
import { compilePattern, normalizePattern } from './matcher';
import type { CompiledPattern } from './matcher';

export interface DockerignorePattern extends CompiledPattern {
  /** 0-based line. */
  line: number;
  /** The line's text, trimmed, `!` included. */
  raw: string;
  /** Document offsets of the trimmed text (`!` included). */
  start: number;
  end: number;
  /** Offset where the pattern starts (after `!` and any space after it). */
  patternStart: number;
  /** Index in `patterns`. */
  index: number;
}

export interface DockerignoreComment {
  text: string;
  line: number;
  start: number;
  end: number;
}

export interface DockerignoreModel {
  kind: 'dockerignore';
  text: string;
  lines: LineIndex;
  patterns: DockerignorePattern[];
  comments: DockerignoreComment[];
}

export function parseDockerignore(text: string): DockerignoreModel {
  const lines = new LineIndex(text);
  const patterns: DockerignorePattern[] = [];
  const comments: DockerignoreComment[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    let start = lines.lineStarts[l];
    const end = lines.lineEnd(l);
    if (l === 0 && text.charCodeAt(0) === 0xfeff) start++;
    const lineText = text.slice(start, end);
    if (lineText.startsWith('#')) {
      comments.push({ text: lineText.slice(1).trim(), line: l, start, end });
      continue;
    }
    const lead = lineText.length - lineText.trimStart().length;
    const raw = lineText.trim();
    if (!raw) continue;
    const s = start + lead;
    const e = s + raw.length;
    const exclusion = raw.startsWith('!');
    let body = raw;
    let patternStart = s;
    if (exclusion) {
      body = raw.slice(1);
      const inner = body.length - body.trimStart().length;
      body = body.trim();
      patternStart = s + 1 + inner;
    }
    const base = { line: l, raw, start: s, end: e, patternStart, index: patterns.length, exclusion };
    if (exclusion && !body) {
      patterns.push({ ...base, pattern: '', error: 'a lone `!` is not a valid pattern' });
      continue;
    }
    const pattern = normalizePattern(body);
    patterns.push({ ...base, pattern, ...compilePattern(pattern) });
  }
  return { kind: 'dockerignore', text, lines, patterns, comments };
}
