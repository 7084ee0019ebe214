import type { Instruction } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import { wordVarRefs } from '../../dockerfile/vars';
import { closest } from '../../text';
import { defineDockerfileRule } from '../rule';

/** Instructions whose arguments BuildKit expands (RUN, CMD, ENTRYPOINT are left to the shell). */
const EXPANDED = new Set([
  'ADD',
  'COPY',
  'ENV',
  'EXPOSE',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
  'ARG',
]);
/** Set by practically every base image or by the runtime. */
const COMMON_ENV = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM', 'LANG', 'PWD', 'USER', 'SHELL']);

export default defineDockerfileRule(
  {
    id: 'undefined-var',
    description: 'A `$variable` is used where no ARG or ENV defines it.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['UndefinedVar'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    const esc = ctx.model.escapeChar;
    const check = (instr: Instruction) => {
      if (!EXPANDED.has(instr.keyword) || instr.stageIndex < 0) return;
      const unknownBase = scope.hasUnknownBaseEnv(instr.stageIndex);
      const words = instr.json
        ? instr.json.values.map((v, k) => ({ raw: v, start: instr.json!.ranges[k].start + 1, exact: false }))
        : instr.args.map((a) => ({ raw: a.raw, start: a.start, exact: a.end - a.start === a.raw.length }));
      // Flags too: `COPY --chown=$UID`, `--from=$STAGE`.
      for (const f of instr.flags)
        if (f.value !== undefined)
          words.push({
            raw: f.value,
            start: f.valueStart,
            exact: f.valueEnd - f.valueStart === f.value.length,
          });
      const local = new Set<string>();
      for (const w of words) {
        for (const r of wordVarRefs(w.raw, esc)) {
          if (r.op === ':-' || r.op === '-' || r.op === ':?' || r.op === '?') continue;
          if (scope.isDefinedAt(instr, r.name) || (instr.keyword === 'ARG' && local.has(r.name))) continue;
          const hint = closest(r.name, scope.namesAt(instr));
          // The base image's own environment is invisible to Berth: without a near miss, say nothing.
          if (unknownBase && (!hint || COMMON_ENV.has(r.name))) continue;
          const s = w.exact ? w.start + r.start : w.start;
          ctx.report({
            range: ctx.range(s, w.exact ? w.start + r.end : s + w.raw.length),
            message:
              `\`${r.name}\` is not defined here` +
              (hint
                ? `: did you mean \`${hint}\`?`
                : `: declare it with \`ARG ${r.name}\` or \`ENV ${r.name}=...\` first.`),
          });
        }
        if (instr.keyword === 'ARG') local.add(w.raw.split('=')[0]);
      }
    };
    for (const instr of ctx.model.instructions) check(instr);
  },
);
