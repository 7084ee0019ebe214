import { dockerfilesIn } from '../../dockerignore/context';
import { matchPath } from '../../dockerignore/matcher';
import { basename, dirname } from '../../dockerignore/paths';
import { defineDockerignoreRule } from './_define';

/** Patterns meant to exclude everything (allow-list style files): excluding the Dockerfile is implied. */
const CATCH_ALL = new Set(['*', '**', '**/*']);

export default defineDockerignoreRule(
  {
    id: 'dockerignore-excludes-dockerfile',
    description: 'A `.dockerignore` pattern excludes the Dockerfile from the build context.',
    type: 'suggestion',
    defaultSeverity: 'hint',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    let names = ['Dockerfile'];
    if (ctx.path) {
      const base = basename(ctx.path);
      const own = /^(.+)\.dockerignore$/i.exec(base);
      if (own) names = [own[1]];
      else if (ctx.fs) {
        const found = dockerfilesIn(ctx.fs, dirname(ctx.path));
        if (found.length) names = found;
      }
    }
    const reported = new Set<number>();
    for (const name of names) {
      const m = matchPath(ctx.model.patterns, name);
      if (!m.excluded || reported.has(m.index)) continue;
      const p = ctx.model.patterns[m.index];
      if (CATCH_ALL.has(p.pattern)) continue;
      reported.add(m.index);
      ctx.report({
        range: ctx.range(p.start, p.end),
        message: `\`${p.raw}\` excludes \`${name}\` from the build context. The build still works (Docker reads the Dockerfile separately), but a \`COPY\` of it fails; if that is intended, ignore this.`,
      });
    }
  },
);
