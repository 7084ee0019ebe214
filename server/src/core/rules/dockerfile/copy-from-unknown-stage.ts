import { graphOf } from '../../dockerfile/graph';
import { closest } from '../../text';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'copy-from-unknown-stage',
    description: '`COPY --from=` names no stage and does not look like an image.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3022'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    const names = ctx.model.stages.map((s) => s.name).filter((n): n is string => !!n);
    for (const e of g.edges) {
      if (e.kind !== 'copy' || e.toStage !== undefined || e.resolved === undefined) continue;
      const v = e.resolved;
      if (e.byIndex) {
        ctx.report({
          range: ctx.range(e.start, e.end),
          message: `There is no stage ${v}: stages are numbered from 0 to ${ctx.model.stages.length - 1}.`,
        });
        continue;
      }
      // `image:tag`, `registry/path`, `name@digest` are images; a bare word is most likely a stage typo.
      if (/[:/@]/.test(v) || v === '') continue;
      const hint = closest(v, names);
      ctx.report({
        range: ctx.range(e.start, e.end),
        message: hint
          ? `No stage is named \`${v}\`: did you mean \`${hint}\`?`
          : `No stage is named \`${v}\`: name a stage (\`FROM ... AS ${v}\`) or give an image with a tag (\`${v}:<tag>\`).`,
      });
    }
  },
);
