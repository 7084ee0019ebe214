import * as nodePath from 'node:path';
import { isMap } from '../../compose/yaml-nodes';
import { parseDockerfile } from '../../dockerfile/parser';
import { getValue, scalarText, services } from '../../compose/model';
import { expandVars as expand, projectOf } from '../../compose/project';
import { literal } from '../../compose/rule-util';
import { closest } from '../../text';
import { defineComposeRule } from '../rule';

const stageCache = new Map<string, { text: string; names: string[] }>();

export default defineComposeRule(
  {
    id: 'compose-build-target-missing',
    description: '`build.target` names a stage that the Dockerfile does not define.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const project = projectOf(ctx);
    const fs = project.fs;
    if (!project.hasFs || !fs || !project.dir) return;
    const m = ctx.model;
    for (const svc of services(m)) {
      const build = getValue(m, svc.node, 'build');
      if (!isMap(build)) continue;
      const target = literal(getValue(m, build, 'target'));
      if (!target) continue;
      if (getValue(m, build, 'dockerfile_inline') !== undefined) continue;
      const c = scalarText(getValue(m, build, 'context')) ?? '.';
      const d = scalarText(getValue(m, build, 'dockerfile')) ?? 'Dockerfile';
      const ce = expand(project, c);
      const de = expand(project, d);
      if (ce === undefined || de === undefined || /^[a-z]+:\/\/|^git@/i.test(ce)) continue;
      const file = nodePath.resolve(nodePath.resolve(project.dir, ce), de);
      const text = fs.readFile(file);
      if (text === undefined) continue;
      let cached = stageCache.get(file);
      if (!cached || cached.text !== text) {
        const names = parseDockerfile(text)
          .stages.map((s) => s.name)
          .filter((n): n is string => !!n);
        cached = { text, names };
        stageCache.set(file, cached);
      }
      const names = cached.names;
      if (names.some((n) => n.toLowerCase() === target.text.toLowerCase())) continue;
      const near = closest(target.text, names);
      ctx.report({
        range: ctx.range(target.start, target.end),
        message:
          `\`build.target\` \`${target.text}\` is not a stage of ${nodePath.basename(file)}` +
          (names.length
            ? ` (stages: ${names.map((n) => `\`${n}\``).join(', ')}).`
            : ' (it has no named stages).') +
          (near ? ` Did you mean \`${near}\`?` : ''),
        suggestions: near
          ? [{ ...ctx.replace(`Change to \`${near}\``, target.start, target.end, near), notForFixAll: true }]
          : undefined,
      });
    }
  },
);
