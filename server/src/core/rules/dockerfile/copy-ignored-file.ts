import { effective, flag } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import { findDockerignore } from '../../dockerignore/context';
import { cleanPath, matchPath } from '../../dockerignore/matcher';
import { defineDockerfileRule } from '../rule';
import { copyArgs, isUrl } from './_copy-sources';

export default defineDockerfileRule(
  {
    id: 'copy-ignored-file',
    description: 'A `COPY`/`ADD` source is excluded by `.dockerignore`, so the build cannot see it.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['CopyIgnoredFile'],
  },
  (ctx) => {
    if (!ctx.fs || !ctx.path) return;
    const ignore = findDockerignore(ctx.fs, ctx.path);
    if (!ignore || !ignore.model.patterns.length) return;
    const scope = scopeOf(ctx.model);
    for (const outer of ctx.model.instructions) {
      const instr = effective(outer);
      if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || flag(instr, 'from')) continue;
      for (const src of copyArgs(instr).sources) {
        if (isUrl(src.value) || src.value.startsWith('git@')) continue;
        const v = src.value.includes('$') ? scope.evalAt(instr, src.value) : src.value;
        if (v === undefined || /[*?[]/.test(v)) continue;
        const path = cleanPath(v.replace(/^\/+/, ''));
        if (path === '.' || path.startsWith('..')) continue;
        const m = matchPath(ignore.model.patterns, path);
        if (!m.excluded) continue;
        const p = ignore.model.patterns[m.index];
        ctx.report({
          range: ctx.range(src.start, src.end),
          message: `\`${v}\` is excluded by \`.dockerignore\` (line ${p.line + 1}: \`${p.raw}\`): the build does not see it, so this ${instr.keyword} fails or copies nothing. Remove the pattern or add \`!${path}\` after it.`,
        });
      }
    }
  },
);
