import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'duplicate-stage-name',
    description: 'Two stages have the same name.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3024', 'DuplicateStageName'],
  },
  (ctx) => {
    const seen = new Map<string, number>();
    for (const st of ctx.model.stages) {
      if (!st.name || st.nameStart === undefined) continue;
      const key = st.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, st.index);
        continue;
      }
      const line = ctx.model.stages[first].from.line + 1;
      ctx.report({
        range: ctx.range(st.nameStart, st.nameEnd!),
        message: `Stage name \`${st.name}\` is already used by the stage on line ${line}: give this stage another name.`,
      });
    }
  },
);
