import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'unused-stage',
    description: 'A build stage that the final stage never uses, so a plain `docker build` skips it.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    const named = ctx.options.named === true;
    for (const st of ctx.model.stages) {
      if (st.index === g.finalStage || g.reachable[st.index]) continue;
      // A named stage may be built on purpose with `--target` (dev, test...): only on request.
      if (st.name && !named) continue;
      const end = st.nameEnd ?? st.imageEnd;
      ctx.report({
        range: ctx.range(st.from.keywordStart, end),
        message: st.name
          ? `Stage \`${st.name}\` is not used by the final stage: \`docker build\` skips it unless you pass \`--target ${st.name}\`. Remove it, or use it with \`COPY --from=${st.name}\`.`
          : `This stage is not used by the final stage and has no name, so no build ever runs it. Remove it, or name it and use it with \`COPY --from\`.`,
      });
    }
  },
);
