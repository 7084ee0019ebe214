/**
 * Stage facts the RUN rules need: which stage an instruction (or ONBUILD RUN) belongs to, the
 * stage chain through `FROM <earlier stage>` (graph.ts), the SHELL / USER in effect before an
 * instruction, ARG/ENV values (scope.ts), the external base image, which stages end up in an image,
 * and RUN cache mounts.
 *
 * Not a rule (the file name starts with `_`).
 */
import { graphOf } from '../../dockerfile/graph';
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';

const outerCache = new WeakMap<DockerfileModel, Map<Instruction, Instruction>>();

/** The instruction of `model.instructions` that holds `instr`: itself, or the ONBUILD wrapping it. */
export function outerInstruction(model: DockerfileModel, instr: Instruction): Instruction {
  if (model.instructions[instr.index] === instr) return instr;
  let map = outerCache.get(model);
  if (!map) {
    map = new Map();
    for (const i of model.instructions) if (i.onbuild) map.set(i.onbuild, i);
    outerCache.set(model, map);
  }
  return map.get(instr) ?? instr;
}

/** True when `instr` is the instruction wrapped by an ONBUILD. */
export function isOnbuildTarget(model: DockerfileModel, instr: Instruction): boolean {
  return outerInstruction(model, instr) !== instr;
}

/**
 * Instructions that run before `instr` in its stage and in the stages it is built on, nearest
 * first (ONBUILD instructions themselves are left out: they run in child images).
 */
export function* instructionsBefore(model: DockerfileModel, instr: Instruction): Generator<Instruction> {
  const outer = outerInstruction(model, instr);
  const chain = outer.stageIndex < 0 ? [] : graphOf(model).baseChain(outer.stageIndex);
  for (let k = 0; k < chain.length; k++) {
    const list = chain[k].instructions;
    // In the instruction's own stage, start just before it (not at the end of the stage: asking this
    // for every RUN of a large stage would be quadratic).
    const from = k === 0 ? firstAtOrAfter(list, outer.index) : list.length;
    for (let i = from - 1; i >= 0; i--) {
      const x = list[i];
      if (x.keyword === 'FROM') continue;
      yield x;
    }
  }
}

/** Position of the first instruction of `list` (in document order) whose index is `index` or more. */
export function firstAtOrAfter(list: readonly Instruction[], index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The image a stage is ultimately built on (`imageResolved`, else as written), following stage links. */
export function externalBase(model: DockerfileModel, stageIndex: number): string | undefined {
  if (stageIndex < 0 || stageIndex >= model.stages.length) return undefined;
  // The graph builds each chain once: this is asked per RUN command.
  const chain = graphOf(model).baseChain(stageIndex);
  const root = chain[chain.length - 1];
  return root.imageResolved ?? root.image;
}

/** Alpine or BusyBox based image, judged by name and tag (`alpine`, `python:3.12-alpine`, `busybox:1`). */
export function isAlpineLike(image: string | undefined): boolean {
  if (!image) return false;
  const ref = image.toLowerCase().split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', slash + 1);
  const name = ref.slice(slash + 1, colon < 0 ? undefined : colon);
  const tag = colon < 0 ? '' : ref.slice(colon + 1);
  return name === 'alpine' || name === 'busybox' || /(^|[-.])alpine/.test(tag) || /(^|[-.])busybox/.test(tag);
}

/** Windows base image (nanoserver, servercore, windows): RUN does not use a POSIX shell there. */
export function isWindowsImage(image: string | undefined): boolean {
  return !!image && /(nanoserver|servercore|windows|ltsc20\d\d)/i.test(image);
}

/** The SHELL in effect for `instr` (exec-form values), or undefined for the default `/bin/sh -c`. */
export function shellAt(model: DockerfileModel, instr: Instruction): string[] | undefined {
  return inEffectAt(model, instr).shell;
}

/** The value of ARG/ENV `name` at `instr` (ONBUILD: at the ONBUILD), undefined when unset or unknown. */
export function varAt(model: DockerfileModel, instr: Instruction, name: string): string | undefined {
  return scopeOf(model).valueAt(outerInstruction(model, instr), name);
}

/** Every ARG/ENV name defined at `instr` (predefined build args included). */
export function namesAt(model: DockerfileModel, instr: Instruction): string[] {
  return scopeOf(model).namesAt(outerInstruction(model, instr));
}

/** The nearest USER before `instr` in its stage chain (undefined: none in this Dockerfile). */
export function userAt(model: DockerfileModel, instr: Instruction): string | undefined {
  return inEffectAt(model, instr).user;
}

interface InEffect {
  shell?: string[];
  user?: string;
}

const inEffectCache = new WeakMap<DockerfileModel, Map<Instruction, InEffect>>();

/**
 * The SHELL and USER in effect just before each instruction, following `FROM <earlier stage>` links:
 * one forward pass per model, so that asking for every RUN stays linear (walking back from each
 * instruction, as `instructionsBefore` does, is quadratic on large files).
 */
function inEffectAt(model: DockerfileModel, instr: Instruction): InEffect {
  let table = inEffectCache.get(model);
  if (!table) {
    table = new Map();
    const atEnd: InEffect[] = [];
    for (const st of model.stages) {
      // The stage it is built FROM (the second entry of its base chain).
      const b = st.baseStage;
      const base = b !== undefined && b !== st.index && model.stages[b] ? b : undefined;
      let cur: InEffect = base !== undefined && atEnd[base] ? atEnd[base] : {};
      table.set(st.from, cur);
      for (const x of st.instructions) {
        table.set(x, cur);
        if (x.keyword === 'SHELL' && x.json) cur = { ...cur, shell: x.json.values };
        else if (x.keyword === 'USER') cur = { ...cur, user: x.argsText.slice(x.restStart).trim() };
      }
      atEnd[st.index] = cur;
    }
    inEffectCache.set(model, table);
  }
  return table.get(outerInstruction(model, instr)) ?? {};
}

const shippedCache = new WeakMap<DockerfileModel, ReadonlySet<number>>();

/**
 * Stages whose layers end up in an image: the last stage and every stage another stage is built FROM.
 * Computed once per model (rules ask for it per finding).
 */
export function shippedStages(model: DockerfileModel): ReadonlySet<number> {
  let out = shippedCache.get(model);
  if (!out) {
    const set = new Set<number>();
    if (model.stages.length) set.add(model.stages.length - 1);
    for (const s of model.stages) if (s.baseStage !== undefined) set.add(s.baseStage);
    shippedCache.set(model, (out = set));
  }
  return out;
}

export interface RunMount {
  type: string;
  target?: string;
}

/** The `--mount` flags of a RUN (type defaults to `bind`). */
export function runMounts(instr: Instruction): RunMount[] {
  const out: RunMount[] = [];
  for (const f of instr.flags) {
    if (f.name !== 'mount' || f.value === undefined) continue;
    const m: RunMount = { type: 'bind' };
    for (const part of f.value.split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim();
      if (k === 'type') m.type = v.toLowerCase();
      else if (k === 'target' || k === 'dst' || k === 'destination') m.target = v.replace(/^["']|["']$/g, '');
    }
    out.push(m);
  }
  return out;
}

/** Does a cache or tmpfs mount cover one of `dirs` (the mount target is the directory or a parent of it)? */
export function hasCacheMount(instr: Instruction, ...dirs: string[]): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '');
  return runMounts(instr).some((m) => {
    if ((m.type !== 'cache' && m.type !== 'tmpfs') || !m.target) return false;
    const t = norm(m.target);
    return dirs.some((d) => {
      const dd = norm(d);
      return dd === t || dd.startsWith(t + '/');
    });
  });
}
