import { graphOf } from '../../dockerfile/graph';
import type { TextEdit } from '../../types';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'stage-name-casing',
    description: 'A stage name is not lower-case.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['StageNameCasing'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    for (const st of ctx.model.stages) {
      if (!st.name || st.nameStart === undefined || st.name === st.name.toLowerCase()) continue;
      const lower = st.name.toLowerCase();
      const edits: TextEdit[] = [{ range: ctx.range(st.nameStart, st.nameEnd!), newText: lower }];
      // Rename the references written literally (FROM <stage>, COPY --from, --mount from=).
      for (const e of g.in[st.index]) {
        if (e.ref.toLowerCase() === lower && e.ref !== lower && ctx.text.slice(e.start, e.end) === e.ref)
          edits.push({ range: ctx.range(e.start, e.end), newText: lower });
      }
      // Only the first stage of a name is referred to; a duplicate would make the rename ambiguous.
      const unique = g.stageByName(lower)?.index === st.index;
      ctx.report({
        range: ctx.range(st.nameStart, st.nameEnd!),
        message: `Stage name \`${st.name}\` should be lower-case (\`${lower}\`): BuildKit lower-cases stage names anyway.`,
        fix: unique ? { title: `Rename stage to \`${lower}\``, edits } : undefined,
      });
    }
  },
);
