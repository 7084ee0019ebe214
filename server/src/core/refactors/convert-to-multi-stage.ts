/**
 * "Convert to multi-stage build": a single-stage Dockerfile becomes a builder stage and a slim final
 * stage, following the language's established pattern (Python wheels or an in-project virtualenv,
 * Node build + pruned node_modules, a static Go binary on distroless, or a generic split).
 *
 * The text is rebuilt from the user's own instruction chunks (comments, continuations and spacing
 * kept byte for byte); only the FROM lines, the dependency-install commands and a few generated lines
 * are new. Layout (Python / Node / generic), after Docker's own guides:
 *
 *   FROM <the user's image> AS base      shared ENV / WORKDIR / runtime packages
 *   FROM base AS builder                 build tools, manifests, install / build
 *   FROM base [AS <the user's name>]     the runtime instructions + COPY --from=builder
 *
 * The base stage names the user's image once, so findings about that FROM line are not doubled.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { keyValuePairs } from '../dockerfile/model';
import { findVarRefs } from '../dockerfile/vars';
import type { DocWord, RunCommand } from '../dockerfile/run';
import type { Refactor, RefactorContext } from './index';
import type { Range } from '../types';
import {
  absPath,
  baseInfo,
  chunksOf,
  commandWords,
  copyParts,
  freeStageName,
  instrText,
  installsOnlyBuildPackages,
  isBuildPackage,
  isWholeContextCopy,
  languageOf,
  minimalEdit,
  packageInstalls,
  packageName,
  resolvedName,
  runCmds,
  RUNTIME_KEYWORDS,
  touches,
  trimLeadingBlankLines,
  withEol,
  workdirAt,
  dirOf,
  joinPath,
  keywordCase,
  type Chunk,
  type Family,
} from './util';

export const ID = 'convert-to-multi-stage';

/** The final image of a Go conversion (a snapshot; `:nonroot` runs as uid 65532). */
export const GO_FINAL_IMAGE = 'gcr.io/distroless/static-debian12:nonroot';

interface Plan {
  /** Short name of the pattern, for the title. */
  pattern: string;
  /** Use a shared `base` stage (false: the user's FROM becomes the builder, the final is new). */
  useBase: boolean;
  /** The final stage's FROM image when not `base`. */
  finalImage?: string;
  /** Instructions of the user's stage that go to the base stage. */
  base: Set<Instruction>;
  /** Instructions that go to the builder (moved, or copied when also in `finalKeep`). */
  builder: Set<Instruction>;
  /** Instructions that also stay in the final stage although in `builder`. */
  finalKeep: Set<Instruction>;
  /** New body text of an instruction in the builder. */
  builderBody: Map<Instruction, string>;
  /** New body text of an instruction in the final stage. */
  finalBody: Map<Instruction, string>;
  /** Generated builder lines before an instruction (or at the end: key `undefined`). */
  builderBefore: Map<Instruction | undefined, string[]>;
  /** Generated final lines before an instruction (or at the end: key `undefined`). */
  finalBefore: Map<Instruction | undefined, string[]>;
  /** `# Berth:` notes at the top of the final stage. */
  notes: string[];
}

function newPlan(pattern: string, useBase = true): Plan {
  return {
    pattern,
    useBase,
    base: new Set(),
    builder: new Set(),
    finalKeep: new Set(),
    builderBody: new Map(),
    finalBody: new Map(),
    builderBefore: new Map(),
    finalBefore: new Map(),
    notes: [],
  };
}

function push<K>(m: Map<K, string[]>, k: K, ...lines: string[]) {
  const a = m.get(k) ?? [];
  a.push(...lines);
  m.set(k, a);
}

// ---------------------------------------------------------------------------------------------
// Shared classification.
// ---------------------------------------------------------------------------------------------

const COMPILE =
  /^(make|cmake|gcc|g\+\+|cc|c\+\+|clang|javac|ant|mvn|mvnw|gradle|gradlew|cargo|dotnet|meson|ninja|zig|rustc|tsc|webpack|vite|esbuild|configure)$/;

/** Does a RUN compile or build something (its result is an artifact)? */
function isCompileRun(instr: Instruction): boolean {
  return runCmds(instr).some((c) => {
    const n = resolvedName(c);
    if (!n) return false;
    if (c.words.length > 1 && c.words.slice(1).every((w) => /^-{1,2}(version|help|v)$/.test(w.value)))
      return false;
    if (COMPILE.test(n)) return !(n === 'dotnet' && !/^(build|publish)$/.test(c.words[1]?.value ?? ''));
    if (n === 'go') return c.words.some((w) => w.value === 'build' || w.value === 'install');
    if (n === 'npm' || n === 'yarn' || n === 'pnpm') return isNodeBuild(c);
    return false;
  });
}

/** RUN that installs packages, some of them build packages, some not. */
function mixedInstall(instr: Instruction): { build: string[]; runtime: string[] } | undefined {
  const inst = packageInstalls(instr);
  if (!inst.length) return undefined;
  const names = inst.flatMap((p) => p.packages.map((w) => packageName(w.value)));
  const build = names.filter(isBuildPackage);
  const runtime = names.filter((n) => !isBuildPackage(n));
  return { build, runtime };
}

/** Are the `$NAME` references of `instr` to this ARG? */
function usesVar(model: DockerfileModel, instr: Instruction, name: string): boolean {
  const text = instrText(model, instr);
  return findVarRefs(text, model.escapeChar).some((r) => r.name === name);
}

/**
 * The leading instructions shared by both stages: ENV / WORKDIR / SHELL and RUNs that install
 * runtime packages or set the system up, before the first COPY/ADD, ARG, USER or build step.
 * Build-package installs met on the way go to the builder; LABEL/EXPOSE/... stay in the final.
 */
function basePrefix(
  stage: Stage,
  plan: Plan,
  isBuildStep: (i: Instruction) => boolean,
  isBuilderSetup: (i: Instruction) => boolean = () => false,
) {
  for (const i of stage.instructions) {
    if (i.keyword === 'ENV' || i.keyword === 'WORKDIR' || i.keyword === 'SHELL') {
      plan.base.add(i);
      continue;
    }
    if (i.keyword === 'COPY' && isBuilderSetup(i)) {
      plan.builder.add(i);
      continue;
    }
    if (i.keyword === 'RUN') {
      if (installsOnlyBuildPackages(i) || isBuilderSetup(i)) {
        plan.builder.add(i);
        continue;
      }
      const mixed = mixedInstall(i);
      if (mixed && mixed.build.length) break;
      if (isBuildStep(i)) break;
      plan.base.add(i);
      continue;
    }
    if (RUNTIME_KEYWORDS.has(i.keyword) && i.keyword !== 'USER' && i.keyword !== 'ONBUILD') continue;
    break;
  }
}

/** ARGs of the stage go wherever they are used (both stages when both use them). */
function placeArgs(model: DockerfileModel, stage: Stage, plan: Plan) {
  for (const a of stage.instructions) {
    if (a.keyword !== 'ARG' || plan.base.has(a)) continue;
    const names = keyValuePairs(a, model.escapeChar).map((kv) => kv.key);
    const later = stage.instructions.filter((i) => i.index > a.index);
    const inBuilder = later.some((i) => plan.builder.has(i) && names.some((n) => usesVar(model, i, n)));
    const inFinal = later.some(
      (i) =>
        (!plan.builder.has(i) || plan.finalKeep.has(i)) &&
        !plan.base.has(i) &&
        names.some((n) => usesVar(model, i, n)),
    );
    if (inBuilder) plan.builder.add(a);
    if (inBuilder && inFinal) plan.finalKeep.add(a);
  }
}

/** The WORKDIR instructions the builder needs (those not in base), also kept in the final stage. */
function shareWorkdirs(stage: Stage, plan: Plan, upTo: Instruction) {
  for (const i of stage.instructions) {
    if (i.index > upTo.index) break;
    if (i.keyword === 'WORKDIR' && !plan.base.has(i)) {
      plan.builder.add(i);
      plan.finalKeep.add(i);
    }
  }
}

function runtimeLibNote(plan: Plan, builderInstrs: Instruction[], family: Family) {
  const build = new Set<string>();
  for (const i of builderInstrs)
    for (const p of packageInstalls(i)) for (const w of p.packages) build.add(packageName(w.value));
  const libs = [...build].filter((n) => /-dev(el)?$/.test(n));
  if (!build.size) return;
  const examples = libs.map((l) => RUNTIME_LIB[family === 'alpine' ? 'alpine' : 'debian'][l]).filter(Boolean);
  plan.notes.push(
    `the builder installs ${[...build].join(' ')}; if a package built there links a system library at run time, install its runtime package in this stage${examples.length ? ` (e.g. ${[...new Set(examples)].join(' ')})` : ''}.`,
  );
}

const RUNTIME_LIB: Record<'debian' | 'alpine', Record<string, string>> = {
  debian: {
    'libpq-dev': 'libpq5',
    'default-libmysqlclient-dev': 'libmariadb3',
    'libmariadb-dev': 'libmariadb3',
    'libxml2-dev': 'libxml2',
    'libxslt1-dev': 'libxslt1.1',
    'libjpeg-dev': 'libjpeg62-turbo',
    'libjpeg62-turbo-dev': 'libjpeg62-turbo',
    'libffi-dev': 'libffi8',
    'libssl-dev': 'libssl3',
    'zlib1g-dev': 'zlib1g',
    'libgeos-dev': 'libgeos-c1v5',
    'libmagic-dev': 'libmagic1',
  },
  alpine: {
    'postgresql-dev': 'libpq',
    'libpq-dev': 'libpq',
    'mariadb-dev': 'mariadb-connector-c',
    'libxml2-dev': 'libxml2',
    'libxslt-dev': 'libxslt',
    'jpeg-dev': 'libjpeg-turbo',
    'libffi-dev': 'libffi',
    'openssl-dev': 'libssl3',
    'zlib-dev': 'zlib',
  },
};

// ---------------------------------------------------------------------------------------------
// Python.
// ---------------------------------------------------------------------------------------------

const PY_MANIFEST =
  /^(requirements[^/]*\.(txt|in)|constraints[^/]*\.txt|requirements\/?|pyproject\.toml|poetry\.lock|poetry\.toml|Pipfile|Pipfile\.lock|uv\.lock|setup\.(py|cfg)|\.python-version|README(\.\w+)?)$/;
const PY_TOOLS = new Set([
  'pip',
  'setuptools',
  'wheel',
  'poetry',
  'pipenv',
  'uv',
  'poetry-plugin-export',
  'pip-tools',
]);

interface PipCall {
  c: RunCommand;
  /** Words from the tool through the word before `install` (`python -m pip`). */
  toolText: string;
  install: DocWord;
  /** Requirement files (-r). */
  reqFiles: string[];
  /** Package operands. */
  pkgs: DocWord[];
  /** Installs local source (`.`, `-e .`, a path). */
  local: boolean;
  /** Installs only packaging tools (pip, poetry...). */
  toolsOnly: boolean;
}

const PIP_VALUE_OPTS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--cache-dir',
  '--timeout',
  '--retries',
  '--proxy',
  '--target',
  '-t',
  '--prefix',
  '--root',
  '--root-user-action',
  '--python',
]);
/** `pip install` flags that `pip wheel` does not take. */
const INSTALL_ONLY = new Set([
  '--user',
  '-U',
  '--upgrade',
  '--break-system-packages',
  '--no-warn-script-location',
  '--force-reinstall',
  '--ignore-installed',
  '-I',
  '--compile',
  '--no-compile',
  '--system',
]);

function pipCall(model: DockerfileModel, c: RunCommand): PipCall | undefined {
  const w = c.words;
  if (!w.length) return undefined;
  let i = 0;
  while (i < w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i].value)) i++;
  const first = w[i]?.value ?? '';
  const base = first.slice(first.lastIndexOf('/') + 1);
  let j: number;
  if (/^pip[0-9.]*$/.test(base)) j = i + 1;
  else if (
    /^python[0-9.]*$/.test(base) &&
    w[i + 1]?.value === '-m' &&
    /^pip[0-9.]*$/.test(w[i + 2]?.value ?? '')
  )
    j = i + 3;
  else return undefined;
  while (j < w.length && w[j].value.startsWith('-')) j++;
  if (w[j]?.value !== 'install') return undefined;
  const install = w[j];
  const reqFiles: string[] = [];
  const pkgs: DocWord[] = [];
  let local = false;
  for (let k = j + 1; k < w.length; k++) {
    const v = w[k].value;
    if (v === '-r' || v === '--requirement') {
      if (w[k + 1]) reqFiles.push(w[k + 1].value);
      k++;
      continue;
    }
    if (/^--requirement=/.test(v) || /^-r\S/.test(v)) {
      reqFiles.push(v.replace(/^--requirement=|^-r/, ''));
      continue;
    }
    if (v === '-e' || v === '--editable') {
      local = true;
      k++;
      continue;
    }
    if (v.startsWith('-')) {
      if (PIP_VALUE_OPTS.has(v)) k++;
      continue;
    }
    if (/^(\.|\.\/|\/|\.\.)/.test(v)) local = true;
    pkgs.push(w[k]);
  }
  const toolsOnly =
    !reqFiles.length &&
    !local &&
    pkgs.length > 0 &&
    pkgs.every((p) => PY_TOOLS.has(packageName(p.value).toLowerCase()));
  const toolText = model.text.slice(w[i].docStart, install.docStart).trimEnd();
  return { c, toolText, install, reqFiles, pkgs, local, toolsOnly };
}

function isManifestCopy(instr: Instruction, re: RegExp): boolean {
  if (instr.keyword !== 'COPY' || instr.flags.some((f) => f.name === 'from')) return false;
  const p = copyParts(instr);
  return (
    !!p &&
    p.sources.every((s) =>
      re.test(
        s
          .replace(/^\.\//, '')
          .replace(/\/$/, '/')
          .replace(/^.*\/(?=[^/]+\/?$)/, ''),
      ),
    )
  );
}

/**
 * `COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /uvx /bin/`: a build tool taken from its image (uv's
 * documented install), which belongs in the builder.
 */
function isToolImageCopy(instr: Instruction): boolean {
  if (instr.keyword !== 'COPY') return false;
  const from = instr.flags.find((f) => f.name === 'from')?.value ?? '';
  return /(^|\/)astral-sh\/uv([:@]|$)/.test(from);
}

/** Commands in a dependency RUN that may run in the builder without the app (tool setup, cache cleanup). */
function isToolCommand(model: DockerfileModel, c: RunCommand): boolean {
  const n = resolvedName(c);
  if (!n) return true;
  if (/^(pip[0-9.]*|poetry|pipenv|uv|rm|true|set|echo)$/.test(n)) return true;
  if (/^python[0-9.]*$/.test(n)) return c.words.some((w) => w.value === '-m') && !!pipCall(model, c);
  return false;
}

function planPython(model: DockerfileModel, stage: Stage, plan0: Plan): Plan | undefined {
  const instrs = stage.instructions;
  // Poetry / pipenv / uv: their own install into an in-project virtual environment.
  const venvTool = (c: RunCommand): 'poetry' | 'pipenv' | 'uv' | undefined => {
    const n = resolvedName(c);
    const sub = c.words.find((w, k) => k > 0 && !w.value.startsWith('-'))?.value;
    if (n === 'poetry' && sub === 'install') return 'poetry';
    if (n === 'pipenv' && (sub === 'install' || sub === 'sync')) return 'pipenv';
    if (n === 'uv' && sub === 'sync') return 'uv';
    return undefined;
  };
  let depsRun: Instruction | undefined;
  let tool: 'pip' | 'poetry' | 'pipenv' | 'uv' | undefined;
  for (const i of instrs) {
    for (const c of runCmds(i)) {
      const v = venvTool(c);
      if (v) {
        depsRun = i;
        tool = v;
        break;
      }
      const p = pipCall(model, c);
      if (p && !p.toolsOnly) {
        depsRun = i;
        tool = 'pip';
        break;
      }
    }
    if (depsRun) break;
  }
  if (!depsRun || !tool) return undefined;
  const cmds = runCmds(depsRun);
  if (!cmds.every((c) => isToolCommand(model, c))) return undefined;
  if (depsRun.heredocs.length || depsRun.flags.length) return undefined;
  const plan = plan0;
  plan.pattern = tool === 'pip' ? 'Python: pip wheels' : `Python: ${tool} virtualenv`;
  const isBuildStep = (i: Instruction) => i === depsRun || isCompileRun(i);
  const isSetup = (i: Instruction) =>
    isToolImageCopy(i) || (runCmds(i).length > 0 && runCmds(i).every((c) => isToolCommand(model, c)));
  basePrefix(stage, plan, isBuildStep, isSetup);
  const wd = workdirAt(stage, depsRun);

  // System installs cannot be carried as a virtualenv.
  if (tool !== 'pip') {
    const text = instrs.map((i) => instrText(model, i)).join('\n');
    if (
      /virtualenvs\.create\s+false|POETRY_VIRTUALENVS_CREATE=(false|0)|--system\b|UV_SYSTEM_PYTHON|UV_PROJECT_ENVIRONMENT/.test(
        text,
      )
    )
      return undefined;
    if (!wd || !wd.startsWith('/')) return undefined;
  }

  // Before the dependency install: build packages, tool installs, manifests to the builder.
  let wholeCopy: Instruction | undefined;
  const needsSource =
    tool === 'pip'
      ? cmds.some((c) => pipCall(model, c)?.local)
      : cmds.some(
          (c) =>
            (venvTool(c) === 'poetry' && !c.words.some((w) => w.value === '--no-root')) ||
            // `uv sync` installs the project itself unless told not to.
            (venvTool(c) === 'uv' && !c.words.some((w) => w.value === '--no-install-project')),
        );
  for (const i of instrs) {
    if (i.index >= depsRun.index) break;
    if (plan.base.has(i) || i.keyword === 'FROM') continue;
    if (i.keyword === 'RUN') {
      const mixed = mixedInstall(i);
      if (installsOnlyBuildPackages(i)) plan.builder.add(i);
      else if (mixed && mixed.build.length) {
        plan.builder.add(i);
        if (mixed.runtime.length)
          plan.notes.push(
            `${mixed.runtime.join(' ')} ${mixed.runtime.length > 1 ? 'were' : 'was'} installed in the builder together with build tools: install ${mixed.runtime.length > 1 ? 'them' : 'it'} here too if the app needs ${mixed.runtime.length > 1 ? 'them' : 'it'} at run time.`,
          );
      } else if (isSetup(i)) plan.builder.add(i);
    } else if (i.keyword === 'COPY' || i.keyword === 'ADD') {
      if (isManifestCopy(i, PY_MANIFEST) || isToolImageCopy(i)) plan.builder.add(i);
      else if (isWholeContextCopy(i)) {
        wholeCopy ??= i;
        if (needsSource) {
          plan.builder.add(i);
          plan.finalKeep.add(i);
        }
      } else if (needsSource) {
        plan.builder.add(i);
        plan.finalKeep.add(i);
      }
    }
  }
  plan.builder.add(depsRun);
  shareWorkdirs(stage, plan, depsRun);
  const K = keywordCase(model);

  // A second run of the tool after `COPY . .` (`uv sync` installing the project) goes to the
  // builder too, with the copies before it (they also stay in the final stage): the final stage
  // has no tool.
  if (tool !== 'pip') {
    const later = instrs.filter((i) => i.index > depsRun.index);
    const usesTool = (i: Instruction) => runCmds(i).some((c) => resolvedName(c) === tool);
    const last = later.filter(usesTool).pop();
    for (const i of last ? later : []) {
      if (i.index > last!.index) break;
      if (i.keyword === 'RUN') {
        const cs = runCmds(i);
        const ok =
          !i.heredocs.length &&
          cs.length > 0 &&
          cs.every((c) => venvTool(c) === tool || /^(rm|true|set|echo)$/.test(resolvedName(c) ?? ''));
        if (!ok) return undefined;
        plan.builder.add(i);
      } else if ((i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from')) {
        plan.builder.add(i);
        plan.finalKeep.add(i);
      } else if (!['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL'].includes(i.keyword)) return undefined;
    }
  }

  // The builder needs the manifest the install reads when only `COPY . .` brought it.
  const manifestCopied = instrs.some(
    (i) => i.index < depsRun.index && plan.builder.has(i) && isManifestCopy(i, PY_MANIFEST),
  );
  if (!manifestCopied && !needsSource) {
    if (!wholeCopy) return undefined;
    const files = new Set<string>();
    if (tool === 'pip') {
      for (const c of cmds) for (const r of pipCall(model, c)?.reqFiles ?? []) files.add(r);
    } else if (tool === 'poetry') files.add('pyproject.toml').add('poetry.lock');
    else if (tool === 'pipenv') files.add('Pipfile').add('Pipfile.lock');
    else files.add('pyproject.toml').add('uv.lock');
    const dest = copyParts(wholeCopy)!.dest;
    const wdCopy = workdirAt(stage, wholeCopy);
    for (const f of files) {
      if (f.includes('$')) return undefined;
      const abs = absPath(f, wd);
      const destAbs = absPath(dest, wdCopy);
      if (!abs.startsWith(destAbs.replace(/\/?$/, '/'))) return undefined;
      const rel = abs.slice(destAbs.replace(/\/?$/, '/').length);
      const dir = rel.includes('/') ? rel.slice(0, rel.indexOf('/') + 1) : '';
      const src = dir || rel;
      const target = dir ? absPath(dir, destAbs) + '/' : f.includes('/') ? absPath(f, wd) : '.';
      const line = `${K('COPY')} ${src} ${target}`;
      if (!(plan.builderBefore.get(depsRun) ?? []).includes(line)) push(plan.builderBefore, depsRun, line);
    }
  }

  // Where the final stage installs: before a preceding `COPY . .` (it no longer needs the source).
  // Only when nothing between them changes how pip runs (ENV, RUN, USER, WORKDIR...).
  const between = instrs.filter((i) => wholeCopy && i.index > wholeCopy.index && i.index < depsRun.index);
  const hoist =
    !!wholeCopy &&
    !needsSource &&
    between.every(
      (i) => ['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL'].includes(i.keyword) || plan.builder.has(i),
    );
  const finalAt = hoist ? wholeCopy! : depsRun;
  if (tool === 'pip') {
    const edits: { start: number; end: number; text: string }[] = [];
    let pipName = 'pip';
    for (const c of cmds) {
      const p = pipCall(model, c);
      if (!p || p.toolsOnly) continue;
      pipName = p.toolText;
      const hasNoCache = c.words.some((w) => w.value === '--no-cache-dir');
      edits.push({
        start: p.install.docStart,
        end: p.install.docEnd,
        text: `wheel${hasNoCache ? '' : ' --no-cache-dir'} --wheel-dir /wheels`,
      });
      for (let k = 0; k < c.words.length; k++) {
        const v = c.words[k].value;
        if (INSTALL_ONLY.has(v) || /^--root-user-action=/.test(v) || v === '--root-user-action') {
          const end =
            v === '--root-user-action' && c.words[k + 1] ? c.words[k + 1].docEnd : c.words[k].docEnd;
          let start = c.words[k].docStart;
          while (start > 0 && /[ \t]/.test(model.text[start - 1])) start--;
          edits.push({ start, end, text: '' });
        }
      }
    }
    plan.builderBody.set(depsRun, rewriteBody(model, depsRun, edits));
    push(
      plan.finalBefore,
      finalAt,
      `${K('COPY')} --from=builder /wheels /wheels`,
      `${K('RUN')} ${pipName} install --no-cache-dir --no-index /wheels/*`,
    );
  } else {
    const venv = `${wd!.replace(/\/$/, '')}/.venv`;
    if (tool === 'poetry') push(plan.builderBefore, depsRun, `${K('ENV')} POETRY_VIRTUALENVS_IN_PROJECT=1`);
    if (tool === 'pipenv') push(plan.builderBefore, depsRun, `${K('ENV')} PIPENV_VENV_IN_PROJECT=1`);
    push(
      plan.finalBefore,
      finalAt,
      `${K('COPY')} --from=builder ${venv} ${venv}`,
      `${K('ENV')} PATH="${venv}/bin:$PATH"`,
    );
    // The tool is not in the final stage: `CMD ["uv", "run", "gunicorn", ...]` runs the program
    // from the virtual environment (on PATH) directly. Anything else that needs the tool there:
    // not offered.
    for (const c of commandWords(stage)) {
      const w = c.words;
      const re = new RegExp(`(^|[\\s/;&|(])${tool}(\\s|$)`);
      const at = w.findIndex((x) => re.test(x));
      if (at < 0) continue;
      if (at !== 0 || w[1] !== 'run' || !w[2] || w[2].startsWith('-') || /[$`;&|]/.test(w.join(' ')))
        return undefined;
      const i = c.instr;
      const end = model.lines.lineEnd(i.endLine);
      if (c.exec && i.json) {
        const r = i.json.ranges;
        plan.finalBody.set(i, model.text.slice(i.start, r[0].start) + model.text.slice(r[2].start, end));
      } else if (!c.exec && i.args.length > 2) {
        plan.finalBody.set(
          i,
          model.text.slice(i.start, i.args[0].start) + model.text.slice(i.args[2].start, end),
        );
      } else return undefined;
    }
    for (const i of instrs)
      if ((!plan.builder.has(i) || plan.finalKeep.has(i)) && runCmds(i).some((c) => resolvedName(c) === tool))
        return undefined;
  }
  runtimeLibNote(
    plan,
    instrs.filter((i) => plan.builder.has(i)),
    baseInfo(model, stage).family,
  );
  return plan;
}

function rewriteBody(
  model: DockerfileModel,
  instr: Instruction,
  edits: { start: number; end: number; text: string }[],
): string {
  const end = model.lines.lineEnd(instr.endLine);
  let out = '';
  let last = instr.start;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += model.text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + model.text.slice(last, end);
}

// ---------------------------------------------------------------------------------------------
// Node.
// ---------------------------------------------------------------------------------------------

function isNodeBuild(c: RunCommand): boolean {
  const n = resolvedName(c);
  const w = c.words.map((x) => x.value);
  const i = w.findIndex((v) => v === n || v.endsWith('/' + n));
  const rest = w.slice(i + 1).filter((v) => !v.startsWith('-'));
  if (n === 'npm')
    return (rest[0] === 'run' || rest[0] === 'run-script') && /build|compile|dist/.test(rest[1] ?? '');
  if (n === 'yarn' || n === 'pnpm')
    return /build|compile|dist/.test(rest[0] === 'run' ? (rest[1] ?? '') : (rest[0] ?? ''));
  return false;
}

function nodeInstallTool(c: RunCommand): 'npm' | 'yarn' | 'pnpm' | undefined {
  const n = resolvedName(c);
  const rest = c.words
    .slice(1)
    .map((w) => w.value)
    .filter((v) => !v.startsWith('-'));
  if (n === 'npm' && (rest[0] === 'ci' || rest[0] === 'install' || rest[0] === 'i') && rest.length === 1)
    return 'npm';
  if (n === 'yarn' && (rest.length === 0 || (rest[0] === 'install' && rest.length === 1))) return 'yarn';
  if (n === 'pnpm' && (rest[0] === 'install' || rest[0] === 'i') && rest.length === 1) return 'pnpm';
  return undefined;
}

function nodeOutDir(stage: Stage, ctx: RefactorContext): { dir: string; guessed: boolean } {
  for (const c of commandWords(stage)) {
    for (const w of c.words) {
      const m = /^(?:\.\/)?(dist|build|out|lib|\.next|\.output)(\/|$)/.exec(w);
      if (m) return { dir: m[1], guessed: false };
    }
  }
  if (ctx.path && ctx.fs) {
    const pkg = ctx.fs.readFile(joinPath(dirOf(ctx.path), 'package.json'));
    if (pkg) {
      try {
        const j = JSON.parse(pkg) as { scripts?: Record<string, string> };
        const b = j.scripts?.build ?? '';
        if (/\bnext build\b/.test(b)) return { dir: '.next', guessed: false };
        if (/\bnuxt build\b/.test(b)) return { dir: '.output', guessed: false };
        if (/\breact-scripts build\b/.test(b)) return { dir: 'build', guessed: false };
        if (/\bvite build\b/.test(b)) return { dir: 'dist', guessed: false };
      } catch {
        /* not JSON: guess */
      }
    }
  }
  return { dir: 'dist', guessed: true };
}

function planNode(model: DockerfileModel, stage: Stage, plan: Plan, ctx: RefactorContext): Plan | undefined {
  const instrs = stage.instructions;
  let buildRun: Instruction | undefined;
  let tool: 'npm' | 'yarn' | 'pnpm' | undefined;
  for (const i of instrs) {
    for (const c of runCmds(i)) {
      tool ??= nodeInstallTool(c);
      if (isNodeBuild(c)) buildRun = i;
    }
  }
  if (!buildRun || !tool) return undefined;
  // Yarn 2+ has no `yarn install --production` to prune with.
  if (tool === 'yarn') {
    const berry = instrs.some((i) =>
      runCmds(i).some(
        (c) =>
          resolvedName(c) === 'yarn' &&
          c.words.some((w) => /^--immutable|^(workspaces|dlx|set)$/.test(w.value)),
      ),
    );
    const dir = ctx.path && ctx.fs ? dirOf(ctx.path) : undefined;
    const yarnrc = dir ? ctx.fs!.exists(joinPath(dir, '.yarnrc.yml')) : false;
    const pm = dir
      ? /"packageManager"\s*:\s*"yarn@(\d+)/.exec(ctx.fs!.readFile(joinPath(dir, 'package.json')) ?? '')
      : null;
    // corepack runs the Yarn that package.json's packageManager names: unknown without it.
    const corepack = instrs.some((i) => /\bcorepack\b|\.yarnrc\.yml/.test(instrText(model, i)));
    if (berry || yarnrc || (pm ? pm[1] !== '1' : corepack)) return undefined;
  }
  const wd = workdirAt(stage, buildRun);
  if (!wd || !wd.startsWith('/')) return undefined;
  plan.pattern = `Node: ${tool} build`;
  basePrefix(
    stage,
    plan,
    (i) => runCmds(i).some((c) => !!nodeInstallTool(c) || isNodeBuild(c)) || isCompileRun(i),
  );
  for (const i of instrs) {
    if (i.index > buildRun.index) break;
    if (plan.base.has(i) || i.keyword === 'FROM' || i.keyword === 'ARG') continue;
    if (RUNTIME_KEYWORDS.has(i.keyword)) continue;
    if (i.keyword === 'WORKDIR') continue;
    plan.builder.add(i);
  }
  shareWorkdirs(stage, plan, buildRun);
  const K = keywordCase(model);
  const prune =
    tool === 'npm'
      ? 'npm prune --omit=dev'
      : tool === 'pnpm'
        ? 'pnpm prune --prod'
        : // The cache clean keeps yarn-cache-clean quiet (and the builder smaller).
          'yarn install --production --ignore-scripts --prefer-offline && yarn cache clean';
  const lastCmd = runCmds(buildRun)
    .filter((c) => !c.heredoc && c.cmd.depth === 0)
    .pop();
  const restAfter = lastCmd ? buildRun.argsText.slice(buildRun.restStart + lastCmd.cmd.end).trim() : '';
  if (lastCmd && !buildRun.heredocs.length && !restAfter && !plan.builderBody.has(buildRun))
    plan.builderBody.set(
      buildRun,
      rewriteBody(model, buildRun, [{ start: lastCmd.docEnd, end: lastCmd.docEnd, text: ` && ${prune}` }]),
    );
  else push(plan.builderBefore, undefined, `${K('RUN')} ${prune}`);
  const out = nodeOutDir(stage, ctx);
  const w = wd.replace(/\/$/, '');
  const next = instrs.find((i) => i.index > buildRun.index);
  push(
    plan.finalBefore,
    next,
    `${K('COPY')} --from=builder ${w}/package*.json ${w}/`,
    `${K('COPY')} --from=builder ${w}/node_modules ${w}/node_modules`,
    `${K('COPY')} --from=builder ${w}/${out.dir} ${w}/${out.dir}`,
  );
  plan.notes.push(
    `this stage gets package.json, the production node_modules and ${out.dir}/ from the builder${out.guessed ? ` (check that the build writes to ${out.dir}/)` : ''}; copy anything else the app reads at run time (public/, views/, config files).`,
  );
  runtimeLibNote(
    plan,
    instrs.filter((i) => plan.builder.has(i)),
    baseInfo(model, stage).family,
  );
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Go.
// ---------------------------------------------------------------------------------------------

function planGo(model: DockerfileModel, stage: Stage, plan: Plan): Plan | undefined {
  const instrs = stage.instructions;
  let build: RunCommand | undefined;
  for (const i of instrs)
    for (const c of runCmds(i))
      if (resolvedName(c) === 'go' && c.words.some((w) => w.value === 'build')) build = c;
  if (!build) return undefined;
  const buildRun = build.instr;
  const runtime = instrs.filter((i) => i.keyword !== 'FROM' && RUNTIME_KEYWORDS.has(i.keyword));
  // distroless/static has no shell: the final stage may only hold exec-form commands.
  const K = keywordCase(model);
  for (const i of runtime) {
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.json) {
      if (i.args.some((a) => /[$|&;<>()`*?\\'"]/.test(a.raw))) return undefined;
      plan.finalBody.set(
        i,
        `${i.keywordRaw} ${JSON.stringify(i.args.map((a) => a.value)).replace(/","/g, '", "')}`,
      );
    }
    if (i.keyword === 'ONBUILD') return undefined;
  }
  const words = build.words;
  const bIdx = words.findIndex((w) => w.value === 'build');
  const oIdx = words.findIndex((w, k) => k > bIdx && (w.value === '-o' || w.value.startsWith('-o=')));
  const wd = workdirAt(stage, buildRun);
  const edits: { start: number; end: number; text: string }[] = [];
  let out: string | undefined;
  if (oIdx >= 0) out = words[oIdx].value === '-o' ? words[oIdx + 1]?.value : words[oIdx].value.slice(3);
  else {
    const cmd = commandWords(stage).pop();
    const first = cmd?.words[0];
    if (!first || !first.includes('/')) return undefined;
    out = first;
    edits.push({ start: words[bIdx].docEnd, end: words[bIdx].docEnd, text: ` -o ${first}` });
  }
  if (!out || out.includes('$') || out.endsWith('/')) return undefined;
  const bin = absPath(out, wd);
  if (!bin.startsWith('/')) return undefined;
  const cgoSet =
    build.cmd.assignments.some((a) => /^CGO_ENABLED=/.test(a.value)) ||
    instrs.some(
      (i) =>
        i.keyword === 'ENV' &&
        i.index < buildRun.index &&
        keyValuePairs(i).some((kv) => kv.key === 'CGO_ENABLED'),
    );
  const goWord = words.find((w) => w.value === 'go' || w.value.endsWith('/go'));
  if (!cgoSet && goWord) edits.push({ start: goWord.docStart, end: goWord.docStart, text: 'CGO_ENABLED=0 ' });
  if (edits.length) plan.builderBody.set(buildRun, rewriteBody(model, buildRun, edits));
  plan.pattern = 'Go: static binary on distroless';
  plan.useBase = false;
  plan.finalImage = GO_FINAL_IMAGE;
  for (const i of instrs) {
    if (i.keyword === 'FROM' || RUNTIME_KEYWORDS.has(i.keyword)) continue;
    plan.builder.add(i);
  }
  // The last WORKDIR is where the program starts: keep it in the final stage too.
  const lastWd = [...instrs].reverse().find((i) => i.keyword === 'WORKDIR');
  if (lastWd) plan.finalKeep.add(lastWd);
  const firstRuntime = runtime.find((i) => i.keyword !== 'LABEL' && i.keyword !== 'MAINTAINER');
  push(plan.finalBefore, firstRuntime, `${K('COPY')} --from=builder ${bin} ${bin}`);
  plan.notes.push(
    `only the binary ${bin} is copied from the builder: copy here any other file the program reads at run time (templates, static files, config); this image has no shell and no package manager.`,
  );
  const users = runtime.filter((i) => i.keyword === 'USER');
  const named = users
    .map((u) => u.args[0]?.value.split(':')[0] ?? '')
    // distroless' /etc/passwd has root (0), nobody (65534) and nonroot (65532).
    .filter((u) => u && !/^\d+$/.test(u) && !['root', 'nobody', 'nonroot'].includes(u));
  if (named.length)
    plan.notes.push(
      `user ${named.join(', ')} does not exist in ${GO_FINAL_IMAGE} (it has root, nobody and nonroot): use nonroot or a numeric uid.`,
    );
  if (
    runtime.some(
      (i) =>
        i.keyword === 'HEALTHCHECK' &&
        !/\bNONE\b/i.test(instrText(model, i)) &&
        !i.json &&
        !/CMD\s*\[/i.test(instrText(model, i)),
    )
  )
    plan.notes.push(
      'the HEALTHCHECK runs a shell command, and this image has no shell: check it with an exec-form command the image has.',
    );
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Generic.
// ---------------------------------------------------------------------------------------------

function planGeneric(model: DockerfileModel, stage: Stage, plan: Plan): Plan | undefined {
  const instrs = stage.instructions;
  const isBuild = (i: Instruction) =>
    isCompileRun(i) || installsOnlyBuildPackages(i) || !!mixedInstall(i)?.build.length;
  const lastBuild = [...instrs].reverse().find((i) => i.keyword === 'RUN' && isBuild(i));
  if (!lastBuild) return undefined;
  const compiles = instrs.filter((i) => i.keyword === 'RUN' && isCompileRun(i));
  if (!compiles.length) return undefined;
  // Official-image style: the RUN builds and removes its own build dependencies already.
  const selfCleaning = (i: Instruction) =>
    runCmds(i).some((c) => {
      const n = resolvedName(c);
      const w = c.words.map((x) => x.value);
      return (
        (n === 'apk' && w.includes('del')) ||
        (/^apt(-get)?$/.test(n ?? '') && (w.includes('purge') || w.includes('autoremove'))) ||
        n === 'apt-mark'
      );
    });
  if (compiles.some(selfCleaning)) return undefined;
  plan.pattern = 'generic split';
  basePrefix(stage, plan, isBuild);
  for (const i of instrs) {
    if (i.index > lastBuild.index) break;
    if (plan.base.has(i) || i.keyword === 'FROM' || i.keyword === 'ARG' || i.keyword === 'WORKDIR') continue;
    if (RUNTIME_KEYWORDS.has(i.keyword)) continue;
    plan.builder.add(i);
  }
  shareWorkdirs(stage, plan, lastBuild);
  // Artifacts: the program the image runs, else the working directory.
  const wd = workdirAt(stage);
  const artifacts: string[] = [];
  for (const c of commandWords(stage)) {
    const first = c.words[0];
    if (!first || !first.includes('/') || first.includes('$') || /^\/(bin|usr\/bin|sbin|lib)\//.test(first))
      continue;
    const abs = absPath(first, workdirAt(stage, c.instr));
    // A file the final stage copies from the context itself is no build artifact.
    const copiedLater = instrs.some(
      (i) =>
        (i.keyword === 'COPY' || i.keyword === 'ADD') &&
        i.index > lastBuild.index &&
        !!copyParts(i) &&
        (abs + '/').startsWith(absPath(copyParts(i)!.dest, workdirAt(stage, i)).replace(/\/?$/, '/')),
    );
    if (!copiedLater) artifacts.push(abs);
  }
  // Without a program path, the working directory when the command runs from it (`./server`).
  const cmd = commandWords(stage).pop();
  if (
    !artifacts.length &&
    wd &&
    wd.startsWith('/') &&
    wd !== '/' &&
    cmd?.words.some((w) => /^\.\.?\//.test(w))
  )
    artifacts.push(wd);
  if (!artifacts.length) return undefined;
  const K = keywordCase(model);
  const next = instrs.find((i) => i.index > lastBuild.index);
  push(
    plan.finalBefore,
    next,
    ...[...new Set(artifacts)].map((a) => `${K('COPY')} --from=builder ${a} ${a}`),
  );
  plan.notes.push(
    `generic split: this stage copies only ${[...new Set(artifacts)].join(', ')} from the builder. Check that everything the program needs at run time is here: files the build wrote elsewhere, and shared libraries or packages that were installed in the builder.`,
  );
  runtimeLibNote(
    plan,
    instrs.filter((i) => plan.builder.has(i)),
    baseInfo(model, stage).family,
  );
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Rendering.
// ---------------------------------------------------------------------------------------------

function render(model: DockerfileModel, stage: Stage, plan: Plan): string | undefined {
  const eol = model.lines.eol;
  const K = keywordCase(model);
  const { chunks, tail } = chunksOf(model);
  const byInstr = new Map<Instruction, Chunk>(chunks.map((c) => [c.instr, c]));
  const fromChunk = byInstr.get(stage.from)!;
  const asKw = stage.asRaw ?? K('AS');
  const baseName = freeStageName(model, plan.useBase ? 'base' : 'builder');
  const builderName = plan.useBase ? freeStageName(model, 'builder', [baseName]) : baseName;
  const text = model.text;

  // The user's FROM, renamed to base (or builder).
  const fromEnd = model.lines.lineEnd(stage.from.endLine);
  let fromLine: string;
  if (stage.name !== undefined && stage.nameStart !== undefined && stage.nameEnd !== undefined)
    fromLine = text.slice(stage.from.start, stage.nameStart) + baseName + text.slice(stage.nameEnd, fromEnd);
  else
    fromLine =
      text.slice(stage.from.start, stage.imageEnd) +
      ` ${asKw} ${baseName}` +
      text.slice(stage.imageEnd, fromEnd);
  // The final stage keeps the user's stage name (compose `target:` may use it).
  const finalFrom = `${K('FROM')} ${plan.useBase ? baseName : plan.finalImage}${stage.name ? ` ${asKw} ${stage.name}` : ''}`;

  const header = chunks
    .filter((c) => c.instr.index < stage.from.index)
    .map((c) => c.lead + c.body)
    .join('');
  const body = (c: Chunk, replaced: string | undefined, first: boolean) => {
    const lead = first ? trimLeadingBlankLines(c.lead) : c.lead;
    return lead + withEol(replaced ?? c.body, eol);
  };
  const gen = (lines: string[] | undefined) => (lines ?? []).map((l) => l + eol).join('');

  const rest = stage.instructions.filter((i) => i !== stage.from);
  let out = header + fromChunk.lead + fromLine + eol;
  if (plan.useBase) {
    for (const i of rest) if (plan.base.has(i)) out += body(byInstr.get(i)!, undefined, false);
    out += eol + `${K('FROM')} ${baseName} ${asKw} ${builderName}` + eol;
  }
  let first = true;
  for (const i of rest) {
    if (plan.base.has(i)) continue;
    const before = plan.builderBefore.get(i);
    if (before && plan.builder.has(i)) out += gen(before);
    if (!plan.builder.has(i)) continue;
    const c = byInstr.get(i)!;
    if (plan.finalKeep.has(i) && !plan.builderBody.has(i))
      // The shared copy's comments go with the builder's copy (the final one gets its blank lines).
      out += (first ? trimLeadingBlankLines(c.lead) : c.lead) + withEol(instrText(model, i), eol);
    else out += body(c, plan.builderBody.get(i), first);
    first = false;
  }
  out += gen(plan.builderBefore.get(undefined));
  out += eol + finalFrom + eol;
  out += plan.notes.map((n) => `# Berth: ${n}${eol}`).join('');
  first = true;
  for (const i of rest) {
    if (plan.base.has(i)) continue;
    const generated = plan.finalBefore.get(i);
    if (generated?.length && !(plan.builder.has(i) && !plan.finalKeep.has(i))) {
      // Generated lines go after the blank lines that open the chunk, before its comments.
      const c = byInstr.get(i)!;
      const blank = first ? '' : /^(?:[ \t]*\r?\n)*/.exec(c.lead)![0];
      const restLead = c.lead.slice(/^(?:[ \t]*\r?\n)*/.exec(c.lead)![0].length);
      out += blank + gen(generated) + (restLead.trim() ? eol : '');
      first = false;
      out += restLead;
      if (plan.finalKeep.has(i) && plan.builder.has(i))
        out += withEol(plan.finalBody.get(i) ?? instrText(model, i), eol);
      else out += withEol(plan.finalBody.get(i) ?? c.body, eol);
      continue;
    }
    out += gen(generated);
    if (generated?.length) first = false;
    if (plan.builder.has(i) && !plan.finalKeep.has(i)) continue;
    if (plan.finalKeep.has(i) && plan.builder.has(i)) {
      // The shared copy: comments went with the builder's copy.
      const c = byInstr.get(i)!;
      const blank = /^(?:[ \t]*\r?\n)*/.exec(c.lead)![0];
      out += (first ? '' : blank) + withEol(plan.finalBody.get(i) ?? instrText(model, i), eol);
    } else out += body(byInstr.get(i)!, plan.finalBody.get(i), first);
    first = false;
  }
  out += gen(plan.finalBefore.get(undefined));
  return out + tail;
}

// ---------------------------------------------------------------------------------------------
// The refactoring.
// ---------------------------------------------------------------------------------------------

/** The converted text, or undefined when the conversion does not apply. */
export function convertToMultiStageText(
  model: DockerfileModel,
  ctx: RefactorContext = {},
): { text: string; pattern: string } | undefined {
  if (model.stages.length !== 1 || model.problems.length) return undefined;
  const stage = model.stages[0];
  if (stage.from.onbuild || stage.instructions.some((i) => i.keyword === 'ONBUILD')) return undefined;
  const info = baseInfo(model, stage);
  if (info.family === 'scratch' || info.family === 'windows' || info.family === 'distroless')
    return undefined;
  if (model.escapeChar !== '\\') return undefined;
  const lang = languageOf(model, stage);
  let plan: Plan | undefined;
  if (lang === 'python') plan = planPython(model, stage, newPlan(''));
  else if (lang === 'node') plan = planNode(model, stage, newPlan(''), ctx);
  else if (lang === 'go') plan = planGo(model, stage, newPlan(''));
  plan ??= planGeneric(model, stage, newPlan(''));
  if (!plan) return undefined;
  placeArgs(model, stage, plan);
  const text = render(model, stage, plan);
  return text === undefined ? undefined : { text, pattern: plan.pattern };
}

export function convertToMultiStage(model: DockerfileModel, range: Range, ctx: RefactorContext): Refactor[] {
  const stage = model.stages[0];
  if (!stage || model.stages.length !== 1 || !touches(range, stage.from)) return [];
  const res = convertToMultiStageText(model, ctx);
  if (!res) return [];
  return [
    {
      id: ID,
      title: `Convert to multi-stage build (${res.pattern})`,
      kind: 'refactor.rewrite',
      fix: { title: 'Convert to multi-stage build', edits: minimalEdit(model, res.text), notForFixAll: true },
    },
  ];
}
