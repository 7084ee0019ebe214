/**
 * Dockerfile rules about the build context and its `.dockerignore`: the `COPY . .` they care about,
 * and the content Berth proposes for a new `.dockerignore`.
 *
 * Not a rule (the file name starts with `_`).
 */
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { effective, flag } from '../../dockerfile/model';
import { allRunCommands } from '../../dockerfile/run';
import { scopeOf } from '../../dockerfile/scope';
import { cleanPath, compilePatterns, isExcluded } from '../../dockerignore/matcher';
import { join } from '../../dockerignore/paths';
import type { FileSystem } from '../../types';
import { copyArgs, isUrl, isWholeContext, type CopyPath } from './_copy-sources';
import { parseImageRef } from './_base-image';

/** The first `COPY`/`ADD` of the whole context (not `--from`), with its `.` source. */
export function firstCopyAll(model: DockerfileModel): { instr: Instruction; src: CopyPath } | undefined {
  for (const instr of model.instructions) {
    if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || flag(instr, 'from')) continue;
    const src = copyArgs(instr).sources.find((s) => isWholeContext(s.value));
    if (src) return { instr, src };
  }
  return undefined;
}

/** Literal context paths the Dockerfile copies (no `--from`, no URL, no wildcard, no variable). */
export function copiedPaths(model: DockerfileModel): string[] {
  const out: string[] = [];
  for (const instr of model.instructions) {
    if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || flag(instr, 'from')) continue;
    for (const s of copyArgs(instr).sources) {
      if (isUrl(s.value) || /[*?[$]/.test(s.value) || isWholeContext(s.value)) continue;
      out.push(s.value);
    }
  }
  return out;
}

/** A `COPY`/`ADD` source read from the build context, as `.dockerignore` sees it. */
export interface ContextSource {
  /** The instruction (the wrapped one for `ONBUILD COPY`). */
  instr: Instruction;
  src: CopyPath;
  /** The source with variables expanded. */
  value: string;
  /** Relative to the context root, cleaned: what `.dockerignore` patterns are matched against. */
  path: string;
}

/**
 * Every `COPY`/`ADD` source taken from the build context whose path is known: no `--from`, URL or
 * git source, no wildcard, no unknown variable, not the whole context, not outside it.
 */
export function contextSources(model: DockerfileModel): ContextSource[] {
  const out: ContextSource[] = [];
  let scope: ReturnType<typeof scopeOf> | undefined;
  for (const outer of model.instructions) {
    const instr = effective(outer);
    if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || flag(instr, 'from')) continue;
    for (const src of copyArgs(instr).sources) {
      if (isUrl(src.value) || src.value.startsWith('git@')) continue;
      const value = src.value.includes('$') ? (scope ??= scopeOf(model)).evalAt(instr, src.value) : src.value;
      if (value === undefined || /[*?[]/.test(value)) continue;
      const path = cleanPath(value.replace(/^\/+/, ''));
      if (path === '.' || path.startsWith('..')) continue;
      out.push({ instr, src, value, path });
    }
  }
  return out;
}

type Lang = 'python' | 'node';

function languages(model: DockerfileModel, fs: FileSystem | undefined, dir: string): Set<Lang> {
  const langs = new Set<Lang>();
  for (const st of model.stages) {
    const name = parseImageRef(st.imageResolved ?? st.image).name;
    if (/^(python|pypy)$/.test(name)) langs.add('python');
    if (/^(node|bun|deno)$/.test(name)) langs.add('node');
  }
  for (const c of allRunCommands(model.instructions)) {
    if (/^(pip[\d.]*|poetry|uv|pipenv|python[\d.]*)$/.test(c.name ?? '')) langs.add('python');
    if (/^(npm|yarn|pnpm|npx|bun)$/.test(c.name ?? '')) langs.add('node');
  }
  if (fs) {
    if (['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'].some((f) => fs.exists(join(dir, f))))
      langs.add('python');
    if (fs.exists(join(dir, 'package.json'))) langs.add('node');
  }
  return langs;
}

/** The text of a new `.dockerignore` for this Dockerfile, never excluding a path it copies. */
export function dockerignoreContent(
  model: DockerfileModel,
  fs: FileSystem | undefined,
  dir: string,
  eol: string,
): string {
  const langs = languages(model, fs, dir);
  const groups: [string, string[]][] = [
    ['Version control and secrets', ['.git', '.gitignore', '.env', '.env.*', '*.pem', '*.key']],
    ['Editors and OS files', ['.vscode', '.idea', '**/*.swp', '**/.DS_Store']],
  ];
  if (langs.has('python'))
    groups.push([
      'Python',
      [
        '**/__pycache__',
        '**/*.py[cod]',
        '.venv',
        'venv',
        '.pytest_cache',
        '.mypy_cache',
        '.ruff_cache',
        '.coverage',
        'htmlcov',
        '*.egg-info',
      ],
    ]);
  if (langs.has('node'))
    groups.push(['Node.js', ['**/node_modules', 'npm-debug.log*', 'yarn-error.log*', 'coverage', '.next']]);
  const copied = copiedPaths(model);
  const keep = (p: string) => !copied.some((c) => isExcluded(compilePatterns([p]), c));
  const seen = new Set<string>();
  const lines = ['# Files the build does not need (generated by Berth: review it).'];
  for (const [title, patterns] of groups) {
    const ps = patterns.filter((p) => keep(p) && !seen.has(p));
    if (!ps.length) continue;
    ps.forEach((p) => seen.add(p));
    lines.push('', `# ${title}`, ...ps);
  }
  return lines.join(eol) + eol;
}
