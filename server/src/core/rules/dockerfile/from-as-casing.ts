import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'from-as-casing',
    description: 'The `AS` keyword of a FROM line is not cased like `FROM`.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['FromAsCasing'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      if (st.asRaw === undefined || st.asStart === undefined) continue;
      const kw = st.from.keywordRaw;
      const want = kw === kw.toUpperCase() ? 'AS' : kw === kw.toLowerCase() ? 'as' : undefined;
      if (!want || st.asRaw === want) continue;
      ctx.report({
        range: ctx.range(st.asStart, st.asStart + st.asRaw.length),
        message: `\`${st.asRaw}\` and \`${kw}\` are cased differently: write \`${want}\`.`,
        fix: ctx.replace(`Write \`${want}\``, st.asStart, st.asStart + st.asRaw.length, want),
      });
    }
  },
);
