import { contextDir, findDockerignore } from '../../dockerignore/context';
import { join } from '../../dockerignore/paths';
import { defineDockerfileRule } from '../rule';
import { dockerignoreContent, firstCopyAll } from './_dockerignore-context';

export default defineDockerfileRule(
  {
    id: 'missing-dockerignore',
    description: 'The Dockerfile copies the whole build context, and there is no `.dockerignore` next to it.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (!ctx.fs || !ctx.path) return;
    const all = firstCopyAll(ctx.model);
    if (!all) return;
    if (findDockerignore(ctx.fs, ctx.path)) return;
    const dir = contextDir(ctx.path);
    const target = join(dir, '.dockerignore');
    const text = dockerignoreContent(ctx.model, ctx.fs, dir, ctx.model.lines.eol);
    ctx.report({
      range: ctx.range(all.src.start, all.src.end),
      message: `\`${all.instr.keyword} ${all.src.value}\` copies the whole build context, and there is no \`.dockerignore\`: \`.git\`, \`.env\` files and local caches end up in the image and slow every build. Add a \`.dockerignore\`.`,
      suggestions: [
        {
          title: 'Create .dockerignore',
          edits: [],
          otherFiles: [
            {
              path: target,
              create: true,
              edits: [
                {
                  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                  newText: text,
                },
              ],
            },
          ],
        },
      ],
    });
  },
);
