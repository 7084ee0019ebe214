import { effective, flag, type Instruction } from '../../dockerfile/model';
import { runCommands, type RunCommand } from '../../dockerfile/run';
import { findSubcommand, operands, resolveCommand } from '../../dockerfile/shell';
import type { FileSystem, Fix } from '../../types';
import { dirname, join } from '../../dockerignore/paths';
import { defineDockerfileRule } from '../rule';
import { copyArgs, isWholeContext } from './_copy-sources';

interface Install {
  /** What to call it in messages: `npm ci`. */
  label: string;
  /** Tool family: an earlier install of the same family means the manifests were handled. */
  tool: string;
  /** Manifest files the command reads, when the command names them (`pip -r`). */
  named?: string[];
  /** Manifest files the tool reads by convention; the first one is required. */
  conventional?: string[];
}

/** The dependency install a command runs, if any. */
function installOf(c: RunCommand): Install | undefined {
  const r = resolveCommand(c.cmd);
  if (!r) return undefined;
  const words = c.cmd.words.map((w) => w.value);
  let name = r.name;
  let rest = words.slice(r.index + 1);
  if (/^python[\d.]*$/.test(name) && rest[0] === '-m' && /^pip[\d.]*$/.test(rest[1] ?? '')) {
    name = 'pip';
    rest = rest.slice(2);
  }
  if (name === 'uv' && rest[0] === 'pip') {
    name = 'pip';
    rest = rest.slice(1);
  }
  if (/^pip[\d.]*$/.test(name)) {
    if (rest.find((w) => !w.startsWith('-')) !== 'install') return undefined;
    const files: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const m = /^(-r|--requirement|-c|--constraint)(?:=(.*))?$/.exec(rest[i]);
      if (m) files.push(m[2] ?? rest[++i] ?? '');
      else if (/^-[rc]./.test(rest[i])) files.push(rest[i].slice(2));
    }
    if (!files.length || files.some((f) => !f)) return undefined;
    return { label: 'pip install -r', tool: 'pip', named: files };
  }
  const sub = findSubcommand(c.cmd)?.value;
  const noPackages = () => operands(c.cmd, 'subcommand').length === 0;
  switch (name) {
    case 'npm':
      if (sub === 'ci' || ((sub === 'install' || sub === 'i') && noPackages()))
        return {
          label: `npm ${sub}`,
          tool: 'npm',
          conventional: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
        };
      return undefined;
    case 'yarn':
      if (sub === undefined || (sub === 'install' && noPackages()))
        return {
          label: sub ? 'yarn install' : 'yarn',
          tool: 'yarn',
          conventional: ['package.json', 'yarn.lock', '.yarnrc.yml', '.yarnrc', '.npmrc'],
        };
      return undefined;
    case 'pnpm':
      if ((sub === 'install' || sub === 'i') && noPackages())
        return {
          label: `pnpm ${sub}`,
          tool: 'pnpm',
          conventional: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'],
        };
      return undefined;
    case 'go':
      if (sub === 'mod' && words.includes('download'))
        return { label: 'go mod download', tool: 'go', conventional: ['go.mod', 'go.sum'] };
      return undefined;
    case 'bundle':
      if (sub === 'install' || sub === undefined)
        return { label: 'bundle install', tool: 'bundle', conventional: ['Gemfile', 'Gemfile.lock'] };
      return undefined;
    case 'composer':
      if (sub === 'install')
        return {
          label: 'composer install',
          tool: 'composer',
          conventional: ['composer.json', 'composer.lock'],
        };
      return undefined;
    case 'poetry':
      if (sub === 'install')
        return { label: 'poetry install', tool: 'poetry', conventional: ['pyproject.toml', 'poetry.lock'] };
      return undefined;
    case 'uv':
      if (sub === 'sync')
        return { label: 'uv sync', tool: 'uv', conventional: ['pyproject.toml', 'uv.lock'] };
      return undefined;
    case 'pipenv':
      if (sub === 'install' || sub === 'sync')
        return { label: `pipenv ${sub}`, tool: 'pipenv', conventional: ['Pipfile', 'Pipfile.lock'] };
      return undefined;
    case 'mvn':
      if (words.some((w) => /^dependency:(go-offline|resolve)$/.test(w)))
        return { label: 'mvn dependency:go-offline', tool: 'mvn', conventional: ['pom.xml'] };
      return undefined;
    default:
      return undefined;
  }
}

/** The manifests to copy first, when they are certain: named by the command, or found in the context. */
function manifests(
  inst: Install,
  fs: FileSystem | undefined,
  ctxDir: string | undefined,
): string[] | undefined {
  if (inst.named) {
    if (inst.named.some((f) => f.includes('$') || f.startsWith('/') || f.includes('..') || /[*?[]/.test(f)))
      return undefined;
    // A requirements file that includes other files or the project itself needs more than itself.
    if (fs && ctxDir)
      for (const f of inst.named) {
        const text = fs.readFile(join(ctxDir, f));
        if (text !== undefined && /^\s*(-r|-c|--requirement|--constraint|-e|\.|file:)/m.test(text))
          return undefined;
      }
    return inst.named.map((f) => f.replace(/^\.\//, ''));
  }
  if (!fs || !ctxDir || !inst.conventional) return undefined;
  const found = inst.conventional.filter(
    (f) => fs.exists(join(ctxDir, f)) && !fs.isDirectory(join(ctxDir, f)),
  );
  return found.includes(inst.conventional[0]) ? found : undefined;
}

/** Instructions between two indexes of a stage that a moved RUN does not depend on. */
const HARMLESS_BETWEEN = new Set(['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL', 'HEALTHCHECK']);

export default defineDockerfileRule(
  {
    id: 'copy-all-before-dependency-install',
    description:
      '`COPY . .` comes before the dependency install, so every source change reinstalls all dependencies.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const model = ctx.model;
    const ctxDir = ctx.path ? dirname(ctx.path) : undefined;
    for (const stage of model.stages) {
      const list = stage.instructions;
      const copyIdx = list.findIndex((i) => {
        if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || flag(i, 'from')) return false;
        return copyArgs(i).sources.some((s) => isWholeContext(s.value));
      });
      if (copyIdx < 0) continue;
      const copyAll = list[copyIdx];
      const installedBefore = new Set<string>();
      for (const i of list.slice(0, copyIdx))
        if (i.keyword === 'RUN')
          for (const c of runCommands(i)) {
            const inst = installOf(c);
            if (inst) installedBefore.add(inst.tool);
          }
      let found: { instr: Instruction; cmd: RunCommand; inst: Install } | undefined;
      for (const i of list.slice(copyIdx + 1)) {
        if (effective(i) !== i || i.keyword !== 'RUN') continue;
        for (const c of runCommands(i)) {
          const inst = installOf(c);
          if (inst && !installedBefore.has(inst.tool)) {
            found = { instr: i, cmd: c, inst };
            break;
          }
        }
        if (found) break;
      }
      if (!found) continue;
      const { instr: run, inst } = found;
      const runLine = model.lines.positionAt(run.keywordStart).line + 1;
      const files = manifests(inst, ctx.fs, ctxDir);
      let suggestions: Fix[] | undefined;
      const between = list.slice(copyIdx + 1, list.indexOf(run));
      const cmds = runCommands(run);
      const onlyInstalls = cmds.every((c) => installOf(c) || (c.name && /^pip[\d.]*$/.test(c.name)));
      const dest = copyArgs(copyAll).dest;
      if (
        files &&
        dest &&
        between.every((i) => HARMLESS_BETWEEN.has(i.keyword)) &&
        onlyInstalls &&
        !run.heredocs.length
      ) {
        suggestions = [moveFix(ctx, copyAll, run, files, dest.value)];
      }
      const what = files ? files.map((f) => `\`${f}\``).join(', ') : 'the dependency manifests';
      ctx.report({
        range: ctx.range(copyAll.keywordStart, copyAll.end),
        message: `This copies the whole context before \`${inst.label}\` (line ${runLine}): any source change invalidates the cache and reinstalls every dependency. Copy ${what} first, install, then copy the rest.`,
        suggestions,
      });
    }
  },
);

function moveFix(
  ctx: Parameters<Parameters<typeof defineDockerfileRule>[1]>[0],
  copyAll: Instruction,
  run: Instruction,
  files: string[],
  dest: string,
): Fix {
  const model = ctx.model;
  const lines = model.lines;
  const eol = lines.eol;
  const kw = copyAll.keywordRaw === copyAll.keywordRaw.toLowerCase() ? 'copy' : 'COPY';
  const base = dest.endsWith('/') ? dest : dest === '.' ? './' : dest + '/';
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const d = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  const copies = [...byDir].map(([d, fs]) => `${kw} ${fs.join(' ')} ${base === './' && d ? d : base + d}`);
  const runStartLine = run.leadingComments[0]?.line ?? run.line;
  const runStart = lines.lineStarts[runStartLine];
  const runEndLine = lines.positionAt(run.end).line;
  const runEnd = runEndLine + 1 < lines.lineCount ? lines.lineStarts[runEndLine + 1] : model.text.length;
  let runText = model.text.slice(runStart, runEnd);
  if (!/\r?\n$/.test(runText)) runText += eol;
  const at = lines.lineStarts[copyAll.leadingComments[0]?.line ?? copyAll.line];
  return {
    title: `Copy ${files.join(', ')} and install before copying everything`,
    edits: [
      { range: lines.range(at, at), newText: copies.map((c) => c + eol).join('') + runText },
      { range: lines.range(runStart, runEnd), newText: '' },
    ],
  };
}
