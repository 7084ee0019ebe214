import { contextDir, findDockerignore } from '../../dockerignore/context';
import { matchPath } from '../../dockerignore/matcher';
import { join } from '../../dockerignore/paths';
import { defineDockerfileRule } from '../rule';
import { copiedPaths, firstCopyAll } from './_dockerignore-context';

export default defineDockerfileRule(
  {
    id: 'env-or-git-not-dockerignored',
    description:
      'The Dockerfile copies the whole build context, and `.dockerignore` lets `.env` or `.git` through.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (!ctx.fs || !ctx.path) return;
    const all = firstCopyAll(ctx.model);
    if (!all) return;
    const ignore = findDockerignore(ctx.fs, ctx.path);
    if (!ignore) return; // missing-dockerignore's business
    const dir = contextDir(ctx.path);
    const copied = copiedPaths(ctx.model);
    const leaks: string[] = [];
    // `.env` is reported even before it exists (it usually appears later); `.git` when the context is a repository root.
    for (const p of ['.env', '.git']) {
      if (p === '.git' && !ctx.fs.exists(join(dir, '.git'))) continue;
      if (copied.some((c) => c.replace(/^\.\//, '') === p)) continue; // copied on purpose
      if (!matchPath(ignore.model.patterns, p).excluded) leaks.push(p);
    }
    if (!leaks.length) return;
    const text = ignore.model.text;
    const eol = ignore.model.lines.eol;
    const end = ignore.model.lines.positionAt(text.length);
    const prefix = text.length && !/[\r\n]$/.test(text) ? eol : '';
    const list = leaks.map((l) => `\`${l}\``).join(' and ');
    ctx.report({
      range: ctx.range(all.src.start, all.src.end),
      message: `\`${all.instr.keyword} ${all.src.value}\` copies the whole build context, and \`.dockerignore\` does not exclude ${list}: ${
        leaks.includes('.env') ? 'secrets from `.env`' : 'the whole git history'
      } can end up in the image. Add ${list} to \`.dockerignore\`.`,
      suggestions: [
        {
          title: `Add ${leaks.join(' and ')} to .dockerignore`,
          edits: [],
          otherFiles: [
            {
              path: ignore.path,
              edits: [{ range: { start: end, end }, newText: prefix + leaks.join(eol) + eol }],
            },
          ],
        },
      ],
    });
  },
);
