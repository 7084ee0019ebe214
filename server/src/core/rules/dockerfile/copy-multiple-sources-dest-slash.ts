import { scopeOf } from '../../dockerfile/scope';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'copy-multiple-sources-dest-slash',
    description: 'COPY with several sources needs a destination ending in `/`.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3021'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'COPY') continue;
      let dest: { raw: string; value: string; start: number; end: number; json: boolean } | undefined;
      let nSources: number;
      if (instr.json) {
        const n = instr.json.values.length;
        if (n < 3) continue;
        nSources = n - 1;
        const r = instr.json.ranges[n - 1];
        dest = {
          raw: ctx.text.slice(r.start, r.end),
          value: instr.json.values[n - 1],
          start: r.start,
          end: r.end,
          json: true,
        };
      } else {
        const words = instr.args.filter((a) => !/^<<-?/.test(a.raw));
        nSources = words.length - 1 + instr.heredocs.length;
        if (nSources < 2 || !words.length) continue;
        const d = words[words.length - 1];
        dest = { raw: d.raw, value: d.value, start: d.start, end: d.end, json: false };
      }
      const value = dest.raw.includes('$') ? scope.evalAt(instr, dest.raw) : dest.value;
      if (
        value === undefined ||
        value.endsWith('/') ||
        (ctx.model.escapeChar === '`' && value.endsWith('\\'))
      )
        continue;
      // Insert the slash inside the closing quote, if any.
      const quoted = /["']$/.test(dest.raw);
      const at = quoted ? dest.end - 1 : dest.end;
      const contiguous = dest.end - dest.start === dest.raw.length;
      ctx.report({
        range: ctx.range(dest.start, dest.end),
        message: `COPY with ${nSources} sources needs a directory as destination: write \`${value}/\`.`,
        fix: contiguous ? ctx.replace('Add a trailing `/`', at, at, '/') : undefined,
      });
    }
  },
);
