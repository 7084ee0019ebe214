import { editDistance } from '../../text';
import type { Fix } from '../../types';
import { addTopLevelEntry } from '../../compose/edit';
import { includePaths } from '../../compose/project';
import { loadComposeFile, projectOf } from '../../compose/project';
import * as nodePath from 'node:path';
import { isMap } from '../../compose/yaml-nodes';
import { getValue, scalarText, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import { composeIndex, SYMBOL_SECTIONS, type SymbolKind } from '../../compose/symbols';
import { defineComposeRule } from '../rule';

const WHAT: Record<SymbolKind, string> = {
  service: 'service',
  network: 'network',
  volume: 'volume',
  config: 'config',
  secret: 'secret',
  model: 'model',
};

/** The unique closest name (ties give none: the choice is the user's). */
function closestUnique(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length <= 2) return undefined;
  const max = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase(), max);
    if (d < bestD) {
      bestD = d;
      best = c;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

export default defineComposeRule(
  {
    id: 'compose-undefined-reference',
    description:
      'A service refers to a service, network, volume, config, secret or model that is not defined in the project.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
  },
  (ctx) => {
    const model = ctx.model;
    const project = projectOf(ctx);
    // An override (or a file with includes we cannot read) refers to things defined elsewhere.
    const base = ctx.path?.split(/[/\\]/).pop() ?? '';
    if (!project.hasFs && ctx.path && !/^(docker-)?compose\.ya?ml$/i.test(base)) return;
    if (!project.hasFs && includePaths(model).length) return;
    // `extends: {file, service}`: the service must exist in that file.
    if (project.hasFs && project.fs && ctx.path) {
      for (const svc of services(model)) {
        const ext = getValue(model, svc.node, 'extends');
        if (!isMap(ext)) continue;
        const file = scalarText(getValue(model, ext, 'file'));
        const target = literal(getValue(model, ext, 'service'));
        if (!file || file.includes('$') || !target) continue;
        const other = loadComposeFile(project.fs, nodePath.resolve(nodePath.dirname(ctx.path), file));
        if (!other) continue;
        const names = composeIndex(other).byKind.service;
        if (names.has(target.text)) continue;
        const near = closestUnique(target.text, names.keys());
        ctx.report({
          range: ctx.range(target.start, target.end),
          message:
            `\`${file}\` has no service \`${target.text}\` to extend.` +
            (near ? ` Did you mean \`${near}\`?` : ''),
          fix: near ? ctx.replace(`Change to \`${near}\``, target.start, target.end, near) : undefined,
        });
      }
    }
    const idx = composeIndex(model);
    for (const ref of idx.references) {
      if (ref.kind === 'network' && ref.name === 'default') continue;
      const defs = project.definitions(ref.kind);
      if (defs.has(ref.name)) continue;
      const section = SYMBOL_SECTIONS[ref.kind];
      const near = closestUnique(ref.name, defs.keys());
      let fix: Fix | undefined;
      const suggestions: Fix[] = [];
      if (near && !ref.merged) {
        fix = ctx.replace(`Change to \`${near}\``, ref.start, ref.end, near);
      }
      if (ref.kind === 'volume' || ref.kind === 'network') {
        const e = addTopLevelEntry(model, section, ref.name, ['{}']);
        if (e) {
          const create: Fix = {
            title: `Declare the ${WHAT[ref.kind]} \`${ref.name}\` under \`${section}:\``,
            edits: [e],
          };
          if (fix) suggestions.push(create);
          else fix = create;
        }
      } else if (ref.kind === 'secret' || ref.kind === 'config') {
        const e = addTopLevelEntry(model, section, ref.name, [`file: ./${section}/${ref.name}`]);
        if (e)
          suggestions.push({
            title: `Declare the ${WHAT[ref.kind]} \`${ref.name}\` from a file`,
            edits: [e],
          });
      }
      const defined = [...defs.keys()];
      ctx.report({
        range: ctx.range(ref.start, ref.end),
        message:
          `The ${WHAT[ref.kind]} \`${ref.name}\` (in ${ref.service ? `service \`${ref.service}\` ` : ''}\`${ref.via}\`) is not defined` +
          (ref.kind === 'service' ? '.' : ` under the top-level \`${section}:\`.`) +
          (near
            ? ` Did you mean \`${near}\`?`
            : defined.length && defined.length <= 8
              ? ` Defined: ${defined.map((d) => `\`${d}\``).join(', ')}.`
              : ''),
        fix,
        suggestions: suggestions.length ? suggestions : undefined,
      });
    }
  },
);
