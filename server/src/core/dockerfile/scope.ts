/**
 * ARG / ENV evaluation, computed once per model and shared by every rule (`scopeOf(model)`).
 *
 * BuildKit's rules, followed here:
 * - ARGs before the first FROM are global: visible in every FROM line, and inside a stage only after
 *   `ARG NAME` re-declares them (which takes the global default unless it gives its own).
 * - Predefined platform args (`TARGETPLATFORM`, `BUILDARCH`...) are known in FROM lines; inside a stage
 *   they need `ARG TARGETARCH` too. Proxy args (`HTTP_PROXY`...) are usable by RUN without a declaration.
 * - An ARG inside a stage lasts until the end of that stage; ENV lasts for the stage and every stage
 *   built `FROM` it. ENV wins over an ARG of the same name.
 * - All values of one ENV instruction are evaluated with the environment before it.
 * Lookups are binary searches over per-stage, per-name histories: linear work per file.
 */
import type { DockerfileModel, Instruction, KeyValue, Stage } from './model';
import { keyValuePairs } from './model';
import { evalWord, type Lookup } from './vars';

export const PLATFORM_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETSTAGE',
];
export const PROXY_ARGS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];
/** BuildKit's own build args (`--build-arg BUILDKIT_INLINE_CACHE=1`...). */
export const BUILDKIT_ARGS = [
  'BUILDKIT_CACHE_MOUNT_NS',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SANDBOX_HOSTNAME',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_DOCKERFILE_CHECK',
  'SOURCE_DATE_EPOCH',
];
const PREDEFINED = new Set([...PLATFORM_ARGS, ...PROXY_ARGS, ...BUILDKIT_ARGS]);

export function isPredefinedArg(name: string): boolean {
  return PREDEFINED.has(name);
}

export type BindingKind = 'global-arg' | 'arg' | 'env' | 'predefined';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** Defining instruction (undefined for predefined args). */
  instr?: Instruction;
  /** The pair that defines it. */
  pair?: KeyValue;
  /** Evaluated value; undefined when unknown (an ARG without default, a predefined arg). */
  value?: string;
  /** Stage whose instruction defines it (-1 for global args). */
  stageIndex: number;
}

interface History {
  idx: number[];
  b: Binding[];
}

export interface DockerfileScope {
  /** The binding of `name` visible to `instr` (before `instr`'s own definitions take effect). */
  bindingAt(instr: Instruction, name: string): Binding | undefined;
  /** The evaluated value of `name` at `instr`; undefined when not defined or not known. */
  valueAt(instr: Instruction, name: string): string | undefined;
  /** Is `name` defined at `instr` (by ARG, ENV, a global ARG in a FROM line, or a predefined arg)? */
  isDefinedAt(instr: Instruction, name: string): boolean;
  /** Every name defined at `instr` (for "did you mean"). */
  namesAt(instr: Instruction): string[];
  /** Evaluate a word (quotes, escapes, variables) as BuildKit would at `instr`. */
  evalAt(instr: Instruction, raw: string): string | undefined;
  /** A lookup function for `expandVars`/`evalWord` at `instr`. */
  lookupAt(instr: Instruction): Lookup;
  /** Global ARGs (before the first FROM) by name: the last declaration. */
  globals: Map<string, Binding>;
  /**
   * True when the stage's chain of `FROM <stage>` ends in an external image (not `scratch`), whose
   * own environment (PATH, JAVA_HOME...) Berth cannot see.
   */
  hasUnknownBaseEnv(stageIndex: number): boolean;
}

const cache = new WeakMap<DockerfileModel, DockerfileScope>();

/** The ARG/ENV scope of a model, computed once. */
export function scopeOf(model: DockerfileModel): DockerfileScope {
  let s = cache.get(model);
  if (!s) {
    s = buildScope(model);
    cache.set(model, s);
  }
  return s;
}

function lastBefore(h: History | undefined, index: number): Binding | undefined {
  if (!h) return undefined;
  let lo = 0;
  let hi = h.idx.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (h.idx[mid] < index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? h.b[found] : undefined;
}

function lastOf(h: History | undefined): Binding | undefined {
  return h && h.b.length ? h.b[h.b.length - 1] : undefined;
}

function buildScope(model: DockerfileModel): DockerfileScope {
  const esc = model.escapeChar;
  const globals = new Map<string, Binding>();
  const stageEnv: Map<string, History>[] = model.stages.map(() => new Map());
  const stageArg: Map<string, History>[] = model.stages.map(() => new Map());

  const push = (m: Map<string, History>, b: Binding, index: number) => {
    let h = m.get(b.name);
    if (!h) m.set(b.name, (h = { idx: [], b: [] }));
    h.idx.push(index);
    h.b.push(b);
  };

  /** ENV visible from the end of stage `si`, following FROM <stage>. */
  const inheritedEnv = (si: number, name: string): Binding | undefined => {
    const seen = new Set<number>();
    for (
      let cur: number | undefined = si;
      cur !== undefined && !seen.has(cur);
      cur = model.stages[cur]?.baseStage
    ) {
      seen.add(cur);
      const b = lastOf(stageEnv[cur]?.get(name));
      if (b) return b;
    }
    return undefined;
  };

  const bindingAt = (instr: Instruction, name: string): Binding | undefined => {
    const si = instr.stageIndex;
    if (si < 0 || instr.keyword === 'FROM') {
      // Global scope: the global ARGs declared before this instruction, then predefined args.
      const g = globalBefore(name, instr.index);
      if (g) return g;
      if (PREDEFINED.has(name)) return { name, kind: 'predefined', stageIndex: -1 };
      return undefined;
    }
    const env = lastBefore(stageEnv[si].get(name), instr.index);
    if (env) return env;
    const base = model.stages[si].baseStage;
    if (base !== undefined && base !== si) {
      const b = inheritedEnv(base, name);
      if (b) return b;
    }
    const arg = lastBefore(stageArg[si].get(name), instr.index);
    if (arg) return arg;
    const target = instr.keyword === 'ONBUILD' && instr.onbuild ? instr.onbuild : instr;
    if (PROXY_ARGS.includes(name) && target.keyword === 'RUN')
      return { name, kind: 'predefined', stageIndex: si };
    return undefined;
  };

  const globalHist = new Map<string, History>();
  const globalBefore = (name: string, index: number) => lastBefore(globalHist.get(name), index);

  const lookupAt =
    (instr: Instruction): Lookup =>
    (name) =>
      bindingAt(instr, name)?.value;

  // One pass in document order: each definition is evaluated with the scope before its instruction.
  for (const instr of model.instructions) {
    if (instr.keyword === 'ARG') {
      const si = instr.stageIndex;
      // ARG pairs are evaluated one after the other (`ARG A=1 B=$A` sees A).
      const local = new Map<string, Binding>();
      const lookup: Lookup = (n) => (local.has(n) ? local.get(n)!.value : bindingAt(instr, n)?.value);
      for (const pair of keyValuePairs(instr, esc)) {
        if (!pair.key) continue;
        let value: string | undefined;
        if (pair.raw !== undefined) value = evalWord(pair.raw, lookup, esc);
        else if (si >= 0) value = globalBefore(pair.key, model.stages[si].from.index)?.value;
        else value = globalBefore(pair.key, instr.index)?.value;
        const b: Binding = {
          name: pair.key,
          kind: si < 0 ? 'global-arg' : 'arg',
          instr,
          pair,
          value,
          stageIndex: si,
        };
        local.set(pair.key, b);
        if (si < 0) {
          globals.set(pair.key, b);
          push(globalHist, b, instr.index);
        } else push(stageArg[si], b, instr.index);
      }
    } else if (instr.keyword === 'ENV' && instr.stageIndex >= 0) {
      const lookup = lookupAt(instr);
      for (const pair of keyValuePairs(instr, esc)) {
        if (!pair.key) continue;
        const value = pair.raw === undefined ? '' : evalWord(pair.raw, lookup, esc);
        push(
          stageEnv[instr.stageIndex],
          { name: pair.key, kind: 'env', instr, pair, value, stageIndex: instr.stageIndex },
          instr.index,
        );
      }
    }
  }

  const unknownBase = model.stages.map((st: Stage) => {
    const seen = new Set<number>();
    let cur: Stage | undefined = st;
    while (cur && cur.baseStage !== undefined && !seen.has(cur.index)) {
      seen.add(cur.index);
      cur = model.stages[cur.baseStage];
    }
    const img = (cur?.imageResolved ?? cur?.image ?? '').toLowerCase();
    return img !== 'scratch';
  });

  return {
    globals,
    bindingAt,
    valueAt: (instr, name) => bindingAt(instr, name)?.value,
    isDefinedAt: (instr, name) => bindingAt(instr, name) !== undefined,
    namesAt(instr) {
      const names = new Set<string>();
      const si = instr.stageIndex;
      if (si < 0 || instr.keyword === 'FROM') {
        for (const [k, h] of globalHist) if (h.idx[0] < instr.index) names.add(k);
        for (const p of PLATFORM_ARGS) names.add(p);
        return [...names];
      }
      for (const m of [stageEnv[si], stageArg[si]])
        for (const [k, h] of m) if (h.idx[0] < instr.index) names.add(k);
      const seen = new Set<number>([si]);
      for (
        let cur = model.stages[si].baseStage;
        cur !== undefined && !seen.has(cur);
        cur = model.stages[cur].baseStage
      ) {
        seen.add(cur);
        for (const k of stageEnv[cur].keys()) names.add(k);
      }
      return [...names];
    },
    evalAt: (instr, raw) => evalWord(raw, lookupAt(instr), esc),
    lookupAt,
    hasUnknownBaseEnv: (si) => unknownBase[si] ?? true,
  };
}
