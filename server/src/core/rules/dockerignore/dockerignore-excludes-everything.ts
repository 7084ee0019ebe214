import { defineDockerignoreRule } from './_define';

export default defineDockerignoreRule(
  {
    id: 'dockerignore-excludes-everything',
    description:
      'A `.dockerignore` pattern written for directories only (`**/`, `*/`) excludes the whole build context, since Docker drops the trailing `/`.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const ps = ctx.model.patterns;
    ps.forEach((p, i) => {
      if (p.exclusion || p.error || !p.regex || !p.raw.endsWith('/')) return;
      // Only stars and slashes, matching a plain root name: the pattern takes everything.
      if (!/^[*/]+$/.test(p.pattern) || !p.regex.test('a')) return;
      // With `!` lines after it, it is the start of an allow-list: that works, whatever it was meant to say.
      if (ps.slice(i + 1).some((n) => n.exclusion && !n.error)) return;
      ctx.report({
        range: ctx.range(p.start, p.end),
        message: `\`${p.raw}\` excludes the whole build context: Docker drops a trailing \`/\` (it does not mean "directories only" as in \`.gitignore\`), so this is \`${p.pattern}\`, and no \`!\` line after it lets anything back in. Every \`COPY\` from the context fails. List the directories to exclude instead, or write \`${p.pattern}\` if an empty context is what you want.`,
      });
    });
  },
);
