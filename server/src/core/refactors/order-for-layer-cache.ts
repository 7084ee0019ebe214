/**
 * "Order for the layer cache": when a stage copies the whole build context (`COPY . .`) and only
 * then installs its dependencies, copy the dependency manifests first and move the install above
 * the whole copy, so that editing the code no longer re-runs the install. Two edits: an insertion
 * before the `COPY . .` (the manifest COPY and the user's install RUN, comments included) and the
 * removal of the RUN where it was.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { RunCommand } from '../dockerfile/run';
import { findSubcommand, operands } from '../dockerfile/shell';
import type { Range } from '../types';
import type { Refactor, RefactorContext } from './index';
import {
  absPath,
  chunkStart,
  copyParts,
  dirOf,
  isWholeContextCopy,
  joinPath,
  keywordCase,
  lineEndWithEol,
  resolvedName,
  runCmds,
  touches,
  workdirAt,
} from './util';

export const ID = 'order-for-layer-cache';

interface Install {
  tool: string;
  /** Files to copy first; optional ones are written as a glob that may match nothing. */
  files: string[];
  optional: string[];
}

function installOf(c: RunCommand): Install | undefined {
  const n = resolvedName(c);
  if (!n) return undefined;
  const w = c.words.map((x) => x.value);
  const sub = findSubcommand(c.cmd)?.value;
  if (
    /^pip[0-9.]*$/.test(n) ||
    (/^python[0-9.]*$/.test(n) && w.includes('-m') && w.some((x) => /^pip/.test(x)))
  ) {
    if (!w.includes('install')) return undefined;
    const files: string[] = [];
    for (let i = 0; i < w.length; i++) {
      const m = /^(-r|--requirement|-c|--constraint)(?:=(.+))?$/.exec(w[i]);
      if (m) files.push(m[2] ?? w[++i] ?? '');
      else if (/^-[rc]./.test(w[i])) files.push(w[i].slice(2));
    }
    // Only requirement files: `pip install .` needs the source.
    const pkgs = operands(c.cmd, findSubcommand(c.cmd, 'install'), [
      '-r',
      '--requirement',
      '-c',
      '--constraint',
      '-i',
      '--index-url',
      '--extra-index-url',
      '-f',
      '--find-links',
      '-t',
      '--target',
    ]);
    if (
      !files.length ||
      files.some((f) => !f || f.includes('$')) ||
      pkgs.some((p) => /^[./]/.test(p.value) || p.value === '-e')
    )
      return undefined;
    if (w.includes('-e') || w.includes('--editable')) return undefined;
    return { tool: 'pip', files, optional: [] };
  }
  const noPkgs = () => operands(c.cmd, 'subcommand').length === 0;
  if (n === 'npm' && (sub === 'ci' || ((sub === 'install' || sub === 'i') && noPkgs())))
    return { tool: 'npm', files: ['package*.json'], optional: [] };
  if (n === 'yarn' && (sub === undefined || (sub === 'install' && noPkgs())))
    return { tool: 'yarn', files: ['package.json'], optional: ['yarn.lock', '.yarnrc.yml'] };
  if (n === 'pnpm' && (sub === 'install' || sub === 'i') && noPkgs())
    return { tool: 'pnpm', files: ['package.json'], optional: ['pnpm-lock.yaml', 'pnpm-workspace.yaml'] };
  if (n === 'go' && sub === 'mod' && w.includes('download'))
    return { tool: 'go', files: ['go.mod'], optional: ['go.sum'] };
  if (n === 'bundle' && (sub === 'install' || sub === undefined))
    return { tool: 'bundler', files: ['Gemfile'], optional: ['Gemfile.lock'] };
  if (n === 'composer' && sub === 'install' && w.includes('--no-scripts') && w.includes('--no-autoloader'))
    return { tool: 'composer', files: ['composer.json'], optional: ['composer.lock'] };
  if (n === 'poetry' && sub === 'install' && w.includes('--no-root'))
    return { tool: 'poetry', files: ['pyproject.toml'], optional: ['poetry.lock'] };
  if (n === 'uv' && sub === 'sync' && w.includes('--no-install-project'))
    return { tool: 'uv', files: ['pyproject.toml'], optional: ['uv.lock'] };
  if (n === 'pipenv' && sub === 'install')
    return { tool: 'pipenv', files: ['Pipfile'], optional: ['Pipfile.lock'] };
  return undefined;
}

/** Instructions that change how a later RUN runs: the install must not cross them. */
const BARRIER = new Set(['WORKDIR', 'USER', 'ENV', 'ARG', 'SHELL', 'ONBUILD']);

interface Move {
  stage: Stage;
  copy: Instruction;
  run: Instruction;
  install: Install;
}

function findMoves(model: DockerfileModel): Move[] {
  const out: Move[] = [];
  for (const st of model.stages) {
    const copy = st.instructions.find(isWholeContextCopy);
    if (!copy || copy.heredocs.length) continue;
    for (const run of st.instructions) {
      if (run.index <= copy.index || run.keyword !== 'RUN') continue;
      const cmds = runCmds(run);
      const inst = cmds.map(installOf).find(Boolean);
      if (!inst) continue;
      // The whole RUN moves: every other command in it must be harmless without the source.
      const ok = cmds.every((c) => {
        const n = resolvedName(c);
        return (
          !!installOf(c) ||
          !n ||
          /^(pip[0-9.]*|python[0-9.]*|npm|yarn|pnpm|go|bundle|composer|poetry|uv|pipenv|rm|echo|true|set|apt-get|apk)$/.test(
            n,
          )
        );
      });
      if (!ok || run.heredocs.length) break;
      if (run.flags.some((f) => f.name === 'mount' && /type=bind/.test(f.value ?? ''))) break;
      const between = st.instructions.filter((i) => i.index > copy.index && i.index < run.index);
      if (between.some((i) => BARRIER.has(i.keyword))) break;
      // Manifests already copied before the whole copy: nothing to do.
      const earlier = st.instructions.filter(
        (i) => i.index < copy.index && (i.keyword === 'COPY' || i.keyword === 'ADD'),
      );
      if (earlier.some((i) => !i.flags.some((f) => f.name === 'from'))) break;
      out.push({ stage: st, copy, run, install: inst });
      break;
    }
  }
  return out;
}

export function orderForLayerCache(model: DockerfileModel, range: Range, ctx: RefactorContext): Refactor[] {
  const out: Refactor[] = [];
  for (const m of findMoves(model)) {
    if (!touches(range, m.copy) && !touches(range, m.run) && !touches(range, m.stage.from)) continue;
    const parts = copyParts(m.copy);
    if (!parts || m.copy.flags.some((f) => f.name !== 'chown' && f.name !== 'chmod' && f.name !== 'link'))
      continue;
    const dest = parts.dest;
    const wdCopy = workdirAt(m.stage, m.copy);
    const wdRun = workdirAt(m.stage, m.run);
    const destAbs = absPath(dest, wdCopy);
    let sources: string[];
    let target = dest === '.' ? './' : dest.replace(/\/?$/, '/');
    if (m.install.tool === 'pip') {
      // Requirement files relative to the RUN's WORKDIR, mapped back into the context.
      sources = [];
      const root = destAbs.replace(/\/?$/, '/');
      const targets = new Set<string>();
      for (const f of m.install.files) {
        const abs = absPath(f, wdRun);
        if (!abs.startsWith(root)) return out;
        const rel = abs.slice(root.length);
        const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
        // A requirements directory is copied whole (files include each other with -r).
        const src = dir ? dir.slice(0, dir.indexOf('/') + 1) : rel;
        if (!sources.includes(src)) sources.push(src);
        targets.add(dir ? dest.replace(/\/?$/, '/') + src : target);
      }
      if (targets.size !== 1 && sources.some((s) => s.endsWith('/'))) return out;
      target = [...targets][0];
      if (sources.length === 1 && !sources[0].endsWith('/') && dest === '.') target = '.';
    } else {
      const ctxDir = ctx.path ? dirOf(ctx.path) : undefined;
      const exists = (f: string) => (ctx.fs && ctxDir ? ctx.fs.exists(joinPath(ctxDir, f)) : undefined);
      if (ctx.fs && ctxDir && m.install.files.some((f) => !f.includes('*') && exists(f) === false)) continue;
      sources = [...m.install.files];
      for (const f of m.install.optional) {
        const e = exists(f);
        if (e === true) sources.push(f);
        else if (e === undefined) sources.push(`${f}*`); // may match nothing, and the COPY still works
      }
    }
    const K = keywordCase(model);
    const eol = model.lines.eol;
    const copyFlags = m.copy.flags
      .filter((f) => f.name === 'chown' || f.name === 'chmod')
      .map((f) => model.text.slice(f.start, f.end) + ' ')
      .join('');
    const at = chunkStart(model, m.copy);
    const runStart = chunkStart(model, m.run);
    const runEnd = lineEndWithEol(model, m.run.endLine);
    let runText = model.text.slice(runStart, runEnd);
    if (!/[\r\n]$/.test(runText)) runText += eol;
    const newText = `${K('COPY')} ${copyFlags}${sources.join(' ')} ${target}${eol}${runText}${eol}`;
    // Remove the RUN with the blank line before it, when there is one.
    let delStart = runStart;
    const prevLine = model.lines.positionAt(runStart).line - 1;
    if (
      prevLine >= 0 &&
      model.lines.lineText(prevLine).trim() === '' &&
      model.lines.lineStarts[prevLine] > at
    )
      delStart = model.lines.lineStarts[prevLine];
    let delEnd = runEnd;
    if (runEnd === model.text.length && delStart === runStart) {
      // Last line of a file without a final newline: take the line break before it instead.
      delStart = Math.max(at, runStart - eol.length);
      delEnd = model.text.length;
    }
    out.push({
      id: ID,
      title: `Order for the layer cache: install ${m.install.tool} dependencies before COPY of the whole context`,
      kind: 'refactor.rewrite',
      fix: {
        title: 'Order for the layer cache',
        edits: [
          { range: model.lines.range(at, at), newText },
          { range: model.lines.range(delStart, delEnd), newText: '' },
        ],
        notForFixAll: true,
      },
    });
  }
  return out;
}
