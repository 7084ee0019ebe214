import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'missing-healthcheck',
    description:
      'The final image has no `HEALTHCHECK` (neither in its stage nor in the stages it is built on).',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    defaultOff: true,
    aliases: ['DL3057'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    if (g.finalStage < 0) return;
    const chain = g.baseChain(g.finalStage);
    if (chain.some((st) => st.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const st = ctx.model.stages[g.finalStage];
    ctx.report({
      range: ctx.range(st.from.keywordStart, st.nameEnd ?? st.imageEnd),
      message:
        'The final image has no `HEALTHCHECK`: Docker cannot tell a hung service from a working one. Add one (e.g. `HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1`), or `HEALTHCHECK NONE` to say it is on purpose.',
    });
  },
);
