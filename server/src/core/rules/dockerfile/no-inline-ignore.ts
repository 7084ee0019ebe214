import { defineDockerfileRule } from '../rule';

const PRAGMA = /^hadolint\s+ignore\s*=/i;

export default defineDockerfileRule(
  {
    id: 'no-inline-ignore',
    description: 'An inline `# hadolint ignore=` comment (a policy rule, off by default).',
    type: 'style',
    defaultSeverity: 'info',
    fixable: false,
    defaultOff: true,
    aliases: ['DL1001'],
  },
  (ctx) => {
    for (const c of ctx.model.comments) {
      if (!PRAGMA.test(c.text)) continue;
      ctx.report({
        range: ctx.range(c.start, c.end),
        message:
          'Inline ignore comments are not allowed in this project: fix the finding, or configure the rule instead.',
      });
    }
  },
);
