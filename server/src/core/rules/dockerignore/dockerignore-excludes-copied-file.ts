import { parseDockerfile } from '../../dockerfile/parser';
import { dockerfilesUsing } from '../../dockerignore/context';
import { unhideEdit } from '../../dockerignore/edit';
import { matchPath } from '../../dockerignore/matcher';
import { basename } from '../../dockerignore/paths';
import { contextSources } from '../dockerfile/_dockerignore-context';
import { defineDockerignoreRule } from './_define';

/** Dockerfiles larger than this are not read (the engine does not analyse them either). */
const MAX_DOCKERFILE = 4 * 1024 * 1024;
/** How many copied paths a message names. */
const SHOWN = 3;

interface Hit {
  path: string;
  dockerfile: string;
  /** `Dockerfile line 4` */
  where: string;
}

export default defineDockerignoreRule(
  {
    id: 'dockerignore-excludes-copied-file',
    description: 'A `.dockerignore` pattern excludes a file that a Dockerfile next to it copies.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (!ctx.fs || !ctx.path) return;
    const patterns = ctx.model.patterns;
    if (!patterns.length) return;
    const byPattern = new Map<number, Hit[]>();
    for (const df of dockerfilesUsing(ctx.fs, ctx.path)) {
      const text = ctx.fs.readFile(df);
      if (text === undefined || text.length > MAX_DOCKERFILE) continue;
      for (const s of contextSources(parseDockerfile(text))) {
        const m = matchPath(patterns, s.path);
        if (!m.excluded) continue;
        const hits = byPattern.get(m.index) ?? [];
        if (!hits.some((h) => h.path === s.path))
          hits.push({ path: s.path, dockerfile: df, where: `${basename(df)} line ${s.instr.line + 1}` });
        byPattern.set(m.index, hits);
      }
    }
    for (const [i, hits] of [...byPattern].sort((a, b) => a[0] - b[0])) {
      const p = patterns[i];
      const named = hits
        .slice(0, SHOWN)
        .map((h) => `\`${h.path}\` (${h.where})`)
        .join(', ');
      const more = hits.length > SHOWN ? ` and ${hits.length - SHOWN} more` : '';
      const edit = unhideEdit(
        ctx.model,
        hits.map((h) => h.path),
      );
      ctx.report({
        range: ctx.range(p.start, p.end),
        message: `\`${p.raw}\` excludes ${named}${more}, copied by the Dockerfile${
          new Set(hits.map((h) => h.dockerfile)).size > 1 ? 's' : ''
        }: the build does not see ${
          hits.length > 1 ? 'them' : 'it'
        }, so the \`COPY\` fails or copies nothing. Remove the pattern or re-include the path with a \`!\` line after it.`,
        suggestions: edit && [{ title: edit.title, edits: edit.edits, notForFixAll: true }],
      });
    }
  },
);
