/**
 * The stage graph of a Dockerfile, computed once per model (`graphOf(model)`): which stage each
 * `FROM <stage>`, `COPY --from=<stage|index>` and `RUN --mount=...,from=<stage>` uses, and which
 * stages the final stage (or any target) needs.
 *
 * Stage names match case-insensitively, as in BuildKit. `COPY --from` and `--mount from=` may name
 * a stage defined later (BuildKit allows it; such edges have `forward: true`); `FROM <name>` only
 * means a stage when that stage is defined earlier. A value that is no stage is an image (`external`).
 */
import type { DockerfileModel, Instruction, Stage } from './model';
import { flagOptions } from './model';
import { scopeOf } from './scope';

export type EdgeKind = 'from' | 'copy' | 'mount';

export interface StageEdge {
  kind: EdgeKind;
  /** The stage whose instruction makes the reference. */
  fromStage: number;
  /** The stage referred to; undefined when the reference is an image (or cannot be resolved). */
  toStage?: number;
  /** The reference as written and as evaluated (ARG defaults applied). */
  ref: string;
  resolved?: string;
  /** Document offsets of the reference value. */
  start: number;
  end: number;
  instr: Instruction;
  /** The referred stage is defined after the referring one (or is the same stage). */
  forward: boolean;
  /** Referred to by number (`--from=0`). */
  byIndex: boolean;
}

export interface StageGraph {
  edges: StageEdge[];
  /** Edges leaving each stage (what the stage uses). */
  out: StageEdge[][];
  /** Edges entering each stage (who uses it). */
  in: StageEdge[][];
  /** The last stage's index (-1 when there is no stage). */
  finalStage: number;
  /** reachable[i]: stage i is needed to build the final stage. */
  reachable: boolean[];
  /** Stages needed to build `target` (itself included). */
  reachableFrom(target: number): boolean[];
  /** The first stage with this name (case-insensitive). */
  stageByName(name: string): Stage | undefined;
  /** Resolve a `--from` value: a stage name or a stage index; undefined when it is an image. */
  resolveRef(ref: string): number | undefined;
  /** [stage, its base stage, ...] following `FROM <stage>` (computed once per stage: do not modify it). */
  baseChain(stageIndex: number): readonly Stage[];
  /** The first stage of the chain, whose FROM names an image (or `scratch`). */
  rootStage(stageIndex: number): Stage;
}

const cache = new WeakMap<DockerfileModel, StageGraph>();

export function graphOf(model: DockerfileModel): StageGraph {
  let g = cache.get(model);
  if (!g) {
    g = buildGraph(model);
    cache.set(model, g);
  }
  return g;
}

function buildGraph(model: DockerfileModel): StageGraph {
  const stages = model.stages;
  const byName = new Map<string, Stage>();
  for (const st of stages)
    if (st.name && !byName.has(st.name.toLowerCase())) byName.set(st.name.toLowerCase(), st);
  const stageByName = (name: string) => byName.get(name.toLowerCase());
  const resolveRef = (ref: string): number | undefined => {
    if (/^\d+$/.test(ref)) {
      const n = Number(ref);
      return n < stages.length ? n : undefined;
    }
    return stageByName(ref)?.index;
  };

  const scope = scopeOf(model);
  const edges: StageEdge[] = [];
  const out: StageEdge[][] = stages.map(() => []);
  const inn: StageEdge[][] = stages.map(() => []);
  const add = (e: StageEdge) => {
    edges.push(e);
    out[e.fromStage].push(e);
    if (e.toStage !== undefined) inn[e.toStage].push(e);
  };

  for (const st of stages) {
    if (st.baseStage !== undefined) {
      add({
        kind: 'from',
        fromStage: st.index,
        toStage: st.baseStage,
        ref: st.image,
        resolved: st.imageResolved,
        start: st.imageStart,
        end: st.imageEnd,
        instr: st.from,
        forward: st.baseStage >= st.index,
        byIndex: false,
      });
    }
    for (const instr of st.instructions) {
      if (instr.keyword === 'COPY') {
        for (const f of instr.flags) {
          if (f.name !== 'from' || f.value === undefined) continue;
          const resolved = f.value.includes('$') ? scope.evalAt(instr, f.value) : f.value;
          const to = resolved !== undefined ? resolveRef(resolved) : undefined;
          add({
            kind: 'copy',
            fromStage: st.index,
            toStage: to,
            ref: f.value,
            resolved,
            start: f.valueStart,
            end: f.valueEnd,
            instr,
            forward: to !== undefined && to >= st.index,
            byIndex: resolved !== undefined && /^\d+$/.test(resolved),
          });
        }
      } else if (instr.keyword === 'RUN') {
        for (const f of instr.flags) {
          if (f.name !== 'mount') continue;
          for (const o of flagOptions(f)) {
            if (o.key !== 'from' || o.value === undefined) continue;
            const resolved = o.value.includes('$') ? scope.evalAt(instr, o.value) : o.value;
            const to = resolved !== undefined ? resolveRef(resolved) : undefined;
            add({
              kind: 'mount',
              fromStage: st.index,
              toStage: to,
              ref: o.value,
              resolved,
              start: o.valueStart,
              end: o.valueEnd,
              instr,
              forward: to !== undefined && to >= st.index,
              byIndex: resolved !== undefined && /^\d+$/.test(resolved),
            });
          }
        }
      }
    }
  }

  const reachableFrom = (target: number): boolean[] => {
    const seen = stages.map(() => false);
    if (target < 0 || target >= stages.length) return seen;
    const stack = [target];
    seen[target] = true;
    while (stack.length) {
      const s = stack.pop()!;
      for (const e of out[s]) {
        if (e.toStage !== undefined && !seen[e.toStage]) {
          seen[e.toStage] = true;
          stack.push(e.toStage);
        }
      }
    }
    return seen;
  };
  const finalStage = stages.length - 1;
  const reachable = reachableFrom(finalStage);

  // Rules ask for a stage's chain per stage, per RUN or per finding: each chain is built once.
  const chains = new Map<number, readonly Stage[]>();
  const baseChain = (i: number): readonly Stage[] => {
    let chain = chains.get(i);
    if (chain) return chain;
    const list: Stage[] = [];
    const seen = new Set<number>();
    for (let cur: number | undefined = i; cur !== undefined && !seen.has(cur); cur = stages[cur]?.baseStage) {
      seen.add(cur);
      if (stages[cur]) list.push(stages[cur]);
    }
    chains.set(i, (chain = list));
    return chain;
  };

  return {
    edges,
    out,
    in: inn,
    finalStage,
    reachable,
    reachableFrom,
    stageByName,
    resolveRef,
    baseChain,
    rootStage: (i) => {
      const c = baseChain(i);
      return c[c.length - 1];
    },
  };
}
