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
import type { Range, TextEdit } from '../types';
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

/**
 * Instructions the install must not cross: they change how a later RUN runs, or (RUN, COPY, ADD)
 * may put in place what the install needs (a compiler, a config file) or depend on its order.
 */
const BARRIER = new Set(['WORKDIR', 'USER', 'ENV', 'ARG', 'SHELL', 'ONBUILD', 'RUN', 'COPY', 'ADD']);

/** pip options that name a file or directory: they read the build context. */
const PIP_FILE_OPTS =
  /^(-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links|--src|-t|--target|--prefix|--root)(=|$)|^-[rcef]./;

/**
 * Commands that may move with the install: they read nothing from the build context and write
 * nothing the whole copy would replace. `dest` is the absolute destination of the whole copy.
 */
function harmless(c: RunCommand, dest: string): boolean {
  const n = resolvedName(c);
  if (!n) return false;
  const w = c.words.map((x) => x.value);
  const sub = findSubcommand(c.cmd)?.value;
  if (n === 'echo' || n === 'true' || n === ':') return true;
  if (n === 'rm') {
    // Only caches outside the copied tree (`rm -rf /root/.cache`).
    const ops = w.slice(1).filter((x) => !x.startsWith('-'));
    const root = dest.replace(/\/?$/, '/');
    return (
      ops.length > 0 &&
      ops.every(
        (x) =>
          x.startsWith('/') &&
          !x.includes('$') &&
          !(x + '/').startsWith(root) &&
          !root.startsWith(x.replace(/\/?$/, '/')),
      )
    );
  }
  if (
    /^pip[0-9.]*$/.test(n) ||
    (/^python[0-9.]*$/.test(n) && w[1] === '-m' && /^pip[0-9.]*$/.test(w[2] ?? ''))
  ) {
    const s = findSubcommand(c.cmd, 'install', 'cache')?.value;
    if (s === 'cache') return w.includes('purge');
    if (s !== 'install') return false;
    // Named packages from the index only (`pip install --upgrade pip setuptools`).
    if (w.some((x) => PIP_FILE_OPTS.test(x))) return false;
    const pkgs = operands(c.cmd, findSubcommand(c.cmd, 'install'), [
      '-i',
      '--index-url',
      '--extra-index-url',
    ]);
    return (
      pkgs.length > 0 &&
      pkgs.every((p) => /^[A-Za-z0-9][\w.\-[\],<>=!~*]*$/.test(p.value) && !p.value.includes('$'))
    );
  }
  if ((n === 'npm' || n === 'yarn') && sub === 'cache') return w.includes('clean');
  if (n === 'npm' && (sub === 'install' || sub === 'i') && (w.includes('-g') || w.includes('--global'))) {
    const pkgs = operands(c.cmd, 'subcommand');
    return pkgs.length > 0 && pkgs.every((p) => /^@?[a-z0-9][\w.\-/@^~]*$/i.test(p.value));
  }
  if (n === 'go' && sub === 'mod') return w.includes('verify') && !w.includes('download');
  return false;
}

interface Plan {
  install: Install;
  /** How many of the RUN's commands move (all of them, or the leading ones, the RUN split after them). */
  moved: number;
  cmds: RunCommand[];
}

/**
 * What of a RUN can move above the whole copy: every command, when each is a dependency install
 * from the manifests or harmless; else the leading commands of a plain `a && b && c` list, when
 * they are (the rest stays after the copy as its own RUN). Undefined: nothing can move.
 */
function planRun(model: DockerfileModel, run: Instruction, dest: string): Plan | undefined {
  if (run.heredocs.length || run.json) return undefined;
  if (run.flags.some((f) => f.name === 'mount' && /type=bind/.test(f.value ?? ''))) return undefined;
  const cmds = runCmds(run);
  if (
    !cmds.length ||
    cmds.some((c) => c.cmd.depth > 0 || c.cmd.inSubstitution || c.cmd.pipedFrom !== undefined)
  )
    return undefined;
  if (cmds[0].script.hasPipe || cmds[0].script.errors.length) return undefined;
  let install: Install | undefined;
  let k = 0;
  for (; k < cmds.length; k++) {
    const c = cmds[k];
    const inst = installOf(c);
    const isSet = resolvedName(c) === 'set' || (!c.name && c.cmd.assignments.length > 0);
    if (inst && (!install || inst.tool === install.tool)) {
      if (install) {
        install.files.push(...inst.files.filter((f) => !install!.files.includes(f)));
        install.optional.push(...inst.optional.filter((f) => !install!.optional.includes(f)));
      } else install = { tool: inst.tool, files: [...inst.files], optional: [...inst.optional] };
    } else if (!(isSet || harmless(c, dest))) break;
    if (c.cmd.next !== undefined && c.cmd.next !== '&&' && c.cmd.next !== ';' && c.cmd.next !== '\n')
      return undefined;
  }
  if (!install) return undefined;
  if (k === cmds.length) return { install, moved: k, cmds };
  // A split: only after `&&`, with nothing before it the rest could depend on (`set -e`, `X=1`).
  const head = cmds.slice(0, k);
  if (head.some((c) => resolvedName(c) === 'set' || !c.name)) return undefined;
  if (head.some((c) => c.cmd.next !== '&&')) return undefined;
  if (
    cmds
      .slice(k)
      .some(
        (c) => c.cmd.next !== undefined && c.cmd.next !== '&&' && c.cmd.next !== ';' && c.cmd.next !== '\n',
      )
  )
    return undefined;
  // The joint (` && \` and the indentation) is dropped: it must not hold a comment.
  if (model.text.slice(head[k - 1].docEnd, cmds[k].docStart).includes('#')) return undefined;
  return { install, moved: k, cmds };
}

/**
 * Does a requirements file need more of the context than itself? (`-e .`, local paths, and `-r`
 * of another file when the file is copied alone.) Unknown content: no.
 */
function requirementsNeedMore(text: string | undefined, wholeDir: boolean): boolean {
  if (text === undefined) return false;
  for (const raw of text.split(/\r?\n/)) {
    const l = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!l) continue;
    if (/^(-e|--editable)\b/.test(l) || /^(\.|\/|~|file:)/.test(l) || /@\s*file:/.test(l)) return true;
    if (!wholeDir && /^(-r|-c|--requirement|--constraint)\b/.test(l)) return true;
  }
  return false;
}

/**
 * Do the manifests (read from the build context when there is file access) make the install read
 * more than them? Lifecycle scripts, workspaces, local path dependencies, a Yarn binary in the
 * repository, a host `node_modules` the whole copy would put over the installed one...
 */
function manifestsNeedMore(
  tool: string,
  plan: Plan,
  read: (f: string) => string | undefined,
  exists: (f: string) => boolean | undefined,
): boolean {
  const words = plan.cmds.slice(0, plan.moved).flatMap((c) => c.words.map((w) => w.value));
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') {
    const text = read('package.json');
    if (text !== undefined) {
      let pkg: Record<string, unknown>;
      try {
        pkg = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return true;
      }
      const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
      const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
      if (!words.includes('--ignore-scripts') && lifecycle.some((s) => s in scripts)) return true;
      if (pkg.workspaces) return true;
      for (const k of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        const deps = (pkg[k] ?? {}) as Record<string, unknown>;
        if (
          Object.values(deps).some((v) => typeof v === 'string' && /^(file:|link:|workspace:|\.|\/)/.test(v))
        )
          return true;
      }
    }
    if (exists('pnpm-workspace.yaml')) return true;
    if (/^\s*(yarnPath|plugins)\s*:/m.test(read('.yarnrc.yml') ?? '')) return true;
    // A host node_modules not ignored would be copied over the installed one.
    if (exists('node_modules') && !ignores(read('.dockerignore'), 'node_modules')) return true;
  } else if (tool === 'go') {
    if (/^\s*replace\b[^\n]*=>\s*(\.|\/)|^\s*replace\s*\([^)]*=>\s*(\.|\/)/m.test(read('go.mod') ?? ''))
      return true;
    if (exists('go.work')) return true;
  } else if (tool === 'bundler') {
    if (/^\s*gemspec\b|\bpath\s*(:|=>)|^\s*eval_gemfile\b/m.test(read('Gemfile') ?? '')) return true;
  } else if (tool === 'poetry' || tool === 'uv' || tool === 'pipenv') {
    const text = read(tool === 'pipenv' ? 'Pipfile' : 'pyproject.toml') ?? '';
    if (/\bpath\s*=|\[tool\.uv\.workspace\]|workspace\s*=\s*true|\beditable\s*=\s*true/.test(text))
      return true;
  } else if (tool === 'composer') {
    if (/"type"\s*:\s*"path"/.test(read('composer.json') ?? '')) return true;
  }
  return false;
}

/** Does a .dockerignore text exclude `name` at the root of the context? */
function ignores(text: string | undefined, name: string): boolean {
  if (text === undefined) return false;
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
    .some((l) => l === name || l === `**/${name}` || l === `${name}/**` || l === `**/${name}/**`);
}

interface Move {
  stage: Stage;
  copy: Instruction;
  run: Instruction;
  plan: Plan;
}

function findMoves(model: DockerfileModel): Move[] {
  const out: Move[] = [];
  for (const st of model.stages) {
    const copy = st.instructions.find(isWholeContextCopy);
    if (!copy || copy.heredocs.length) continue;
    const parts = copyParts(copy);
    if (!parts) continue;
    const dest = absPath(parts.dest, workdirAt(st, copy));
    // Only the first RUN after the copy: a later one would cross it (`RUN apt-get install gcc`
    // before `RUN pip install` must stay before it).
    const run = st.instructions.find((i) => i.index > copy.index && i.keyword === 'RUN');
    if (!run) continue;
    const plan = planRun(model, run, dest);
    if (!plan) continue;
    const between = st.instructions.filter((i) => i.index > copy.index && i.index < run.index);
    if (between.some((i) => BARRIER.has(i.keyword))) continue;
    // Manifests already copied before the whole copy: nothing to do.
    const earlier = st.instructions.filter(
      (i) => i.index < copy.index && (i.keyword === 'COPY' || i.keyword === 'ADD'),
    );
    if (earlier.some((i) => !i.flags.some((f) => f.name === 'from'))) continue;
    out.push({ stage: st, copy, run, plan });
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
    const install = m.plan.install;
    const dest = parts.dest;
    const wdCopy = workdirAt(m.stage, m.copy);
    const wdRun = workdirAt(m.stage, m.run);
    const destAbs = absPath(dest, wdCopy);
    const ctxDir = ctx.path ? dirOf(ctx.path) : undefined;
    const read = (f: string) => (ctx.fs && ctxDir ? ctx.fs.readFile(joinPath(ctxDir, f)) : undefined);
    const exists = (f: string) => (ctx.fs && ctxDir ? ctx.fs.exists(joinPath(ctxDir, f)) : undefined);
    let sources: string[];
    let target = dest === '.' ? './' : dest.replace(/\/?$/, '/');
    if (install.tool === 'pip') {
      // Requirement files relative to the RUN's WORKDIR, mapped back into the context.
      sources = [];
      const root = destAbs.replace(/\/?$/, '/');
      const targets = new Set<string>();
      let bad = false;
      for (const f of install.files) {
        const abs = absPath(f, wdRun);
        if (!abs.startsWith(root)) bad = true;
        const rel = abs.slice(root.length);
        const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/') + 1) : '';
        // A requirements directory is copied whole (files include each other with -r).
        const src = dir ? dir.slice(0, dir.indexOf('/') + 1) : rel;
        if (!sources.includes(src)) sources.push(src);
        targets.add(dir ? dest.replace(/\/?$/, '/') + src : target);
        if (requirementsNeedMore(read(rel), !!dir)) bad = true;
      }
      if (bad || (targets.size !== 1 && sources.some((s) => s.endsWith('/')))) continue;
      target = [...targets][0];
      if (sources.length === 1 && !sources[0].endsWith('/') && dest === '.') target = '.';
    } else {
      if (ctx.fs && ctxDir && install.files.some((f) => !f.includes('*') && exists(f) === false)) continue;
      if (manifestsNeedMore(install.tool, m.plan, read, exists)) continue;
      sources = [...install.files];
      for (const f of install.optional) {
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
    const { cmds, moved } = m.plan;
    const split = moved < cmds.length;
    let runText = split
      ? model.text.slice(runStart, cmds[moved - 1].docEnd)
      : model.text.slice(runStart, runEnd);
    if (!/[\r\n]$/.test(runText)) runText += eol;
    const newText = `${K('COPY')} ${copyFlags}${sources.join(' ')} ${target}${eol}${runText}${eol}`;
    let second: TextEdit;
    if (split) {
      // The rest stays where it was, as its own RUN (same flags): `RUN npm run build`.
      const keyword = model.lines.lineStarts[m.run.line];
      second = {
        range: model.lines.range(runStart, cmds[moved].docStart),
        newText: model.text.slice(keyword, cmds[0].docStart),
      };
    } else {
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
      second = { range: model.lines.range(delStart, delEnd), newText: '' };
    }
    out.push({
      id: ID,
      title: `Order for the layer cache: install ${install.tool} dependencies before COPY of the whole context${split ? ' (the rest of the RUN stays after it)' : ''}`,
      kind: 'refactor.rewrite',
      fix: {
        title: 'Order for the layer cache',
        edits: [{ range: model.lines.range(at, at), newText }, second],
        notForFixAll: true,
      },
    });
  }
  return out;
}
