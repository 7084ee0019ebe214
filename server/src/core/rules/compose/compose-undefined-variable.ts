import * as nodePath from 'node:path';
import { appendLinesEdit } from '../../compose/edit';
import { findVarRefs, hasFallback } from '../../compose/interpolate';
import { nodeSpan } from '../../compose/model';
import { projectOf, resolveVar } from '../../compose/project';
import { scalarsWithDollar } from '../../compose/rule-util';
import type { Fix } from '../../types';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-undefined-variable',
    description: 'A `${VAR}` has no value in `.env` or the environment and no default.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const project = projectOf(ctx);
    // Without the project's files we cannot know `.env`.
    if (!project.hasFs || !project.dir || !project.fs) return;
    const m = ctx.model;
    const envPath = nodePath.join(project.dir, '.env');
    const suggested = new Map<string, Fix[] | undefined>();
    const suggestionFor = (name: string) => {
      if (!suggested.has(name)) {
        const e = appendLinesEdit(project.fs!, envPath, [`${name}=`]);
        suggested.set(
          name,
          e ? [{ title: `Add ${name} to .env`, edits: [], otherFiles: [e], notForFixAll: true }] : undefined,
        );
      }
      return suggested.get(name);
    };
    for (const node of scalarsWithDollar(m)) {
      const span = nodeSpan(node);
      if (!span) continue;
      // Offsets from the source text (quotes and escapes included), so the ranges are exact.
      const src = m.text.slice(span[0], span[1]);
      for (const ref of findVarRefs(src, span[0])) {
        if (ref.nested || hasFallback(ref)) continue;
        const r = resolveVar(project, ref.name);
        if (r.value !== undefined) continue;
        const required = ref.op === ':?' || ref.op === '?';
        ctx.report({
          range: ctx.range(ref.start, ref.end),
          message: required
            ? `\`${ref.name}\` is required here and has no value in .env or the environment: Compose stops${ref.arg ? ` with "${ref.arg}"` : ''}.`
            : `\`${ref.name}\` has no value in .env or the environment: Compose substitutes an empty string. Set it in .env, or give a default: \`\${${ref.name}:-default}\`${ref.bare ? ' (or write `$$` for a literal `$`)' : ''}.`,
          suggestions: suggestionFor(ref.name),
        });
      }
    }
  },
);
