import { suppressionsOf } from '../../engine';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'invalid-ignore-comment',
    description:
      'A suppression comment (`# hadolint ignore=`, `# berth-ignore`, `# check=skip=`) is malformed or names an unknown rule, so it suppresses nothing.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const p of suppressionsOf(ctx.model, ctx.config).problems) {
      ctx.report({ range: ctx.range(p.start, p.end), message: p.message });
    }
  },
);
