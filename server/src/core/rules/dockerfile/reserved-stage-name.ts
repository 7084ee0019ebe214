import { defineDockerfileRule } from '../rule';

const RESERVED = new Set(['scratch', 'context']);

export default defineDockerfileRule(
  {
    id: 'reserved-stage-name',
    description: 'A stage is named `scratch` or `context`, names that BuildKit reserves.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3063', 'ReservedStageName'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      if (!st.name || st.nameStart === undefined || !RESERVED.has(st.name.toLowerCase())) continue;
      ctx.report({
        range: ctx.range(st.nameStart, st.nameEnd!),
        message: `\`${st.name}\` is a reserved name (it means ${st.name.toLowerCase() === 'scratch' ? 'the empty image' : 'the build context'}), not this stage: rename the stage.`,
      });
    }
  },
);
