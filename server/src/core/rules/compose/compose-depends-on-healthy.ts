import { isMap, isScalar, isSeq } from '../../compose/yaml-nodes';
import type { YAMLMap, YAMLSeq } from 'yaml';
import { databaseOf, type DatabaseInfo } from '../../compose/databases';
import { appendToBlockMap, columnOf, indentUnit } from '../../compose/edit';
import {
  deref,
  entries,
  getPair,
  getValue,
  nodeSpan,
  scalarText,
  services,
  type ComposeModel,
} from '../../compose/model';
import { projectOf, serviceImage, type ComposeProject } from '../../compose/project';
import type { Fix, TextEdit } from '../../types';
import { defineComposeRule } from '../rule';

interface Target {
  db: DatabaseInfo;
  /** The database service's map in this file, when it is defined here. */
  node?: unknown;
  hasHealthcheck: boolean;
}

function targetOf(model: ComposeModel, project: ComposeProject, name: string): Target | undefined {
  let hasHealthcheck = false;
  let disabled = false;
  let node: unknown;
  for (const d of project.serviceDefs(name, true)) {
    const hc = getValue(d.file.model, d.node, 'healthcheck');
    if (hc !== undefined) {
      hasHealthcheck = true;
      const dis = getValue(d.file.model, hc, 'disable');
      disabled = isScalar(dis) && dis.value === true;
    }
    if (d.file.model === model) node = d.node;
  }
  // The image after interpolation (`postgres:${PG_TAG}`); '' when a variable has no value (no database known).
  const db = databaseOf(serviceImage(project, name));
  if (!db || disabled) return undefined;
  return { db, node, hasHealthcheck };
}

/** Edit adding a healthcheck to the database service, when we know one for its image. */
function healthcheckEdit(model: ComposeModel, t: Target): TextEdit | undefined {
  if (t.hasHealthcheck) return undefined;
  if (!t.db.healthTest || !t.node) return undefined;
  return appendToBlockMap(model, t.node, 'healthcheck', [
    `test: ${t.db.healthTest}`,
    'interval: 10s',
    'timeout: 5s',
    'retries: 5',
    'start_period: 30s',
  ]);
}

/** True when any comment sits inside the node's text (we do not rewrite those). */
function hasComment(model: ComposeModel, node: unknown): boolean {
  const s = nodeSpan(node);
  return !s || model.text.slice(s[0], s[1]).includes('#');
}

export default defineComposeRule(
  {
    id: 'compose-depends-on-healthy',
    description: 'A service depends on a database without waiting for it to be healthy.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    const eol = m.lines.eol;
    const unit = indentUnit(m);
    // What each dependency name is, once per name (thousands of services depend on the same few).
    const known = new Map<string, Target | undefined>();
    const target = (name: string) => {
      if (!known.has(name)) known.set(name, targetOf(m, project, name));
      return known.get(name);
    };
    for (const svc of services(m)) {
      const pair = getPair(m, svc.node, 'depends_on');
      if (!pair) continue;
      const dep = deref(m, pair.value);
      if (isSeq(dep)) {
        const names = (dep as YAMLSeq).items.map((x) => scalarText(deref(m, x)));
        const targets = names.map((n) => (n ? target(n) : undefined));
        if (!targets.some((t) => t)) continue;
        // One rewrite of the list into the long form, shared by the findings of this list.
        let fix: Fix | undefined;
        const dbTargets = targets.filter((t): t is Target => !!t);
        const unfixable = dbTargets.some((t) => !t.hasHealthcheck && !(t.db.healthTest && t.node));
        if (!unfixable && !hasComment(m, dep) && names.every((n) => n && /^[A-Za-z0-9._-]+$/.test(n))) {
          const s = nodeSpan(dep)!;
          const flow = (dep as YAMLSeq).flow;
          const keyCol = columnOf(m, pair.key) ?? 0;
          const col = flow
            ? keyCol + unit.length
            : (columnOf(m, (dep as YAMLSeq).items[0]) ?? keyCol + unit.length + 2) - 2;
          const ind = ' '.repeat(col);
          const body = names
            .map(
              (n, i) =>
                `${ind}${n}:${eol}${ind}${unit}condition: ${targets[i] ? 'service_healthy' : 'service_started'}`,
            )
            .join(eol);
          // Block sequence: replace from the first `- ` line start; flow: from after `depends_on:`.
          let start: number;
          let text: string;
          if (flow) {
            const ks = nodeSpan(pair.key)!;
            start = m.text.indexOf(':', ks[1]) + 1;
            text = eol + body;
          } else {
            start = m.lines.lineStarts[m.lines.positionAt(s[0]).line];
            text = body;
          }
          const end = flow ? s[1] : m.lines.lineEnd(m.lines.positionAt(Math.max(s[0], s[1] - 1)).line);
          const edits: TextEdit[] = [{ range: m.lines.range(start, end), newText: text }];
          const seen = new Set<unknown>();
          for (const t of dbTargets) {
            if (seen.has(t.node)) continue;
            seen.add(t.node);
            const e = healthcheckEdit(m, t);
            if (e) edits.push(e);
          }
          fix = { title: 'Wait for the database to be healthy (condition: service_healthy)', edits };
        }
        (dep as YAMLSeq).items.forEach((it, i) => {
          const t = targets[i];
          const sp = nodeSpan(deref(m, it));
          if (!t || !sp) return;
          ctx.report({
            range: ctx.range(sp[0], sp[1]),
            message: messageFor(svc.name, names[i]!, t),
            fix,
          });
        });
      } else if (isMap(dep)) {
        for (const e of entries(m, dep)) {
          const t = target(e.key);
          if (!t) continue;
          const v = deref(m, e.pair.value);
          const cond = getValue(m, v, 'condition');
          if (scalarText(cond) === 'service_healthy' || scalarText(cond) === 'service_completed_successfully')
            continue;
          const ks = nodeSpan(e.pair.key);
          if (!ks) continue;
          let fix: Fix | undefined;
          const hc = healthcheckEdit(m, t);
          if (e.own && (t.hasHealthcheck || hc)) {
            let edit: TextEdit | undefined;
            const cs = nodeSpan(cond);
            if (cs && isScalar(cond))
              edit = { range: m.lines.range(cs[0], cs[1]), newText: 'service_healthy' };
            else if (isMap(v) && !(v as YAMLMap).flow)
              edit = appendToBlockMap(m, v, 'condition', ['service_healthy']);
            else if (v === null || (isScalar(v) && v.value === null)) {
              const col = (columnOf(m, e.pair.key) ?? 0) + unit.length;
              const at = m.lines.lineEnd(m.lines.positionAt(ks[1]).line);
              if (/^\s*:\s*(#.*)?$/.test(m.text.slice(ks[1], at)) && !m.text.slice(ks[1], at).includes('#'))
                edit = {
                  range: m.lines.range(at, at),
                  newText: `${eol}${' '.repeat(col)}condition: service_healthy`,
                };
            }
            if (edit)
              fix = {
                title: 'Wait for the database to be healthy (condition: service_healthy)',
                edits: hc ? [edit, hc] : [edit],
              };
          }
          ctx.report({ range: ctx.range(ks[0], ks[1]), message: messageFor(svc.name, e.key, t), fix });
        }
      }
    }
  },
);

function messageFor(service: string, dep: string, t: Target): string {
  const base = `Service \`${service}\` starts as soon as the ${t.db.label} container \`${dep}\` is created, not when it accepts connections: use \`condition: service_healthy\``;
  if (t.hasHealthcheck) return `${base}.`;
  return `${base}, with a \`healthcheck\` on \`${dep}\`.`;
}
