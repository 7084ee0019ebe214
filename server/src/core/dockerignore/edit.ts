/**
 * Edits to a `.dockerignore` that let the build see paths it hides again, for the quick-fixes of
 * `copy-ignored-file` (in the Dockerfile) and `dockerignore-excludes-copied-file` (in the ignore file).
 *
 * The choice is made from the patterns alone, never from the files on disk:
 * - a pattern without wildcards that names exactly the hidden path(s) (`/requirements.txt` for
 *   `requirements.txt`) hides nothing else: its line is removed;
 * - any other pattern (`*.md`, `app/*.py`, a parent directory such as `docs`) may hide other files
 *   too, so it stays, and a `!path` line is added after the last pattern that excludes the path.
 *
 * Every edit is checked: the edited file, parsed again, must let every path through.
 */
import { applyEdits } from '../fix';
import type { TextEdit } from '../types';
import { hasWildcard, matchPath, patternMatches } from './matcher';
import { parseDockerignore, type DockerignoreModel } from './model';

export interface UnhideEdit {
  title: string;
  /** Edits in the `.dockerignore` (positions in that file). */
  edits: TextEdit[];
}

/** The edit that stops `model` excluding `paths` (context-relative, cleaned), or undefined. */
export function unhideEdit(model: DockerignoreModel, paths: string[]): UnhideEdit | undefined {
  const hidden = [...new Set(paths)].filter((p) => matchPath(model.patterns, p).excluded);
  if (!hidden.length) return undefined;
  const deciding = new Set(hidden.map((p) => matchPath(model.patterns, p).index));
  if (deciding.size === 1) {
    const p = model.patterns[[...deciding][0]];
    if (!hasWildcard(p.pattern) && hidden.every((h) => h === p.pattern)) {
      const edit = {
        title: `Remove \`${p.raw}\` (line ${p.line + 1}) from .dockerignore`,
        edits: [removeLine(model, p.line)],
      };
      if (verified(model, edit.edits, hidden)) return edit;
    }
  }
  return reinclude(model, hidden);
}

/** Delete one line with its line break (the one before it when it is the last line). */
function removeLine(model: DockerignoreModel, line: number): TextEdit {
  const { lines, text } = model;
  let start = lines.lineStarts[line];
  if (line === 0 && text.charCodeAt(0) === 0xfeff) start++;
  const end = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : text.length;
  if (line + 1 >= lines.lineCount && line > 0) start = lines.lineEnd(line - 1);
  return { range: lines.range(start, end), newText: '' };
}

/** Add `!path` after the last pattern that excludes each path. */
function reinclude(model: DockerignoreModel, hidden: string[]): UnhideEdit | undefined {
  // `\`, wildcards and surrounding spaces would change meaning in a pattern: no edit then.
  if (hidden.some((h) => /[*?[\\]/.test(h) || h !== h.trim() || h === '.')) return undefined;
  const byLine = new Map<number, string[]>();
  for (const h of hidden) {
    let last = -1;
    for (const p of model.patterns) if (!p.exclusion && !p.error && patternMatches(p, h)) last = p.line;
    if (last < 0) return undefined;
    byLine.set(last, [...(byLine.get(last) ?? []), `!${h}`]);
  }
  const { lines } = model;
  const eol = lines.eol;
  const edits: TextEdit[] = [...byLine].map(([line, add]) => {
    const at = lines.positionAt(lines.lineEnd(line));
    return { range: { start: at, end: at }, newText: eol + add.join(eol) };
  });
  if (!verified(model, edits, hidden)) return undefined;
  const first = matchPath(model.patterns, hidden[0]).index;
  const raw = model.patterns[first].raw;
  const title =
    hidden.length === 1
      ? `Add \`!${hidden[0]}\` to .dockerignore after \`${raw}\`, which may exclude other files`
      : `Add ${hidden.map((h) => `\`!${h}\``).join(', ')} to .dockerignore (the patterns may exclude other files)`;
  return { title, edits };
}

function verified(model: DockerignoreModel, edits: TextEdit[], hidden: string[]): boolean {
  const after = parseDockerignore(applyEdits(model.text, edits, model.lines));
  return hidden.every((h) => !matchPath(after.patterns, h).excluded);
}
