import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'copy-from-later-stage',
    description: '`COPY --from` or `RUN --mount=from=` uses a stage that is defined further down the file.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    for (const e of g.edges) {
      if (e.kind === 'from' || e.toStage === undefined || e.toStage <= e.fromStage) continue;
      const target = ctx.model.stages[e.toStage];
      const line = ctx.model.lines.positionAt(target.from.keywordStart).line + 1;
      const how = e.kind === 'copy' ? '`COPY --from`' : '`RUN --mount=from=`';
      ctx.report({
        range: ctx.range(e.start, e.end),
        message: `${how} uses stage \`${target.name ?? e.toStage}\`, which is defined later (line ${line}). BuildKit reorders it, but the legacy builder fails and readers expect stages in build order: move that stage above this one.`,
      });
    }
  },
);
