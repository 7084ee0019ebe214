import { findDockerignore } from '../../dockerignore/context';
import { unhideEdit } from '../../dockerignore/edit';
import { matchPath } from '../../dockerignore/matcher';
import { defineDockerfileRule } from '../rule';
import { contextSources } from './_dockerignore-context';

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
    for (const { instr, src, value, path } of contextSources(ctx.model)) {
      const m = matchPath(ignore.model.patterns, path);
      if (!m.excluded) continue;
      const p = ignore.model.patterns[m.index];
      // A suggestion, not a fix: the edit is in another file, and the exclusion may be deliberate.
      const edit = unhideEdit(ignore.model, [path]);
      ctx.report({
        range: ctx.range(src.start, src.end),
        message: `\`${value}\` is excluded by \`.dockerignore\` (line ${p.line + 1}: \`${p.raw}\`): the build does not see it, so this ${instr.keyword} fails or copies nothing. Remove the pattern or add \`!${path}\` after it.`,
        suggestions: edit && [
          {
            title: edit.title,
            edits: [],
            otherFiles: [{ path: ignore.path, edits: edit.edits }],
            notForFixAll: true,
          },
        ],
      });
    }
  },
);
