import { defineDockerignoreRule } from './_define';

export default defineDockerignoreRule(
  {
    id: 'dockerignore-pattern-never-matches',
    description:
      'A `.dockerignore` pattern is invalid or points outside the build context, so it matches nothing.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const p of ctx.model.patterns) {
      let message: string | undefined;
      if (p.error) message = `This pattern is invalid (${p.error}): \`docker build\` stops with an error.`;
      else if (p.pattern === '..' || p.pattern.startsWith('../'))
        message =
          'This pattern points outside the build context: paths in `.dockerignore` are relative to the context root, so it matches nothing.';
      else if (p.pattern === '/' || p.pattern === '.')
        message = `\`${p.pattern}\` matches nothing: to exclude everything, write \`*\` (and re-include with \`!path\`).`;
      if (message) ctx.report({ range: ctx.range(p.start, p.end), message });
    }
  },
);
