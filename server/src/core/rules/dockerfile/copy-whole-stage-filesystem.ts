import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'copy-whole-stage-filesystem',
    description: '`COPY --from=<stage> / /` copies a whole filesystem over the current one.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3067'],
  },
  (ctx) => {
    for (const e of graphOf(ctx.model).edges) {
      if (e.kind !== 'copy' || e.toStage === undefined) continue;
      const vals = e.instr.json ? e.instr.json.values : e.instr.args.map((a) => a.value);
      if (vals.length !== 2 || vals[0] !== '/' || vals[1] !== '/') continue;
      const src = e.instr.json ? e.instr.json.ranges[0] : e.instr.args[0];
      ctx.report({
        range: ctx.range(src.start, src.end),
        message: `Copying \`/\` of \`${e.ref}\` onto \`/\` brings its whole filesystem (package databases, caches, /etc) along: copy only the paths you need.`,
      });
    }
  },
);
