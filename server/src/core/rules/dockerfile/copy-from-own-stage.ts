import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'copy-from-own-stage',
    description: '`COPY --from=` names the stage it is in.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3023'],
  },
  (ctx) => {
    for (const e of graphOf(ctx.model).edges) {
      if (e.kind !== 'copy' || e.toStage !== e.fromStage) continue;
      ctx.report({
        range: ctx.range(e.start, e.end),
        message: `\`--from=${e.ref}\` is the stage this COPY is in: a stage cannot copy from itself. Copy from an earlier stage, or use a plain COPY.`,
      });
    }
  },
);
