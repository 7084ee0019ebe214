import { isMap, isScalar } from '../../compose/yaml-nodes';
import { entries, getValue, scalarText, services } from '../../compose/model';
import { projectOf, resolveVar, serviceProfiles, type ComposeProject } from '../../compose/project';
import { onceReporter } from '../../compose/rule-util';
import { composeIndex, type ComposeReference } from '../../compose/symbols';
import { defineComposeRule } from '../rule';

/** References that make Compose require the other service (compose-go turns them all into `depends_on`). */
const REQUIRING = new Set(['depends_on', 'links', 'network_mode', 'volumes_from']);

/**
 * The profiles a service is enabled by, across the project: its own, else the ones it may inherit through
 * `extends` in the same file. Undefined when unknown (`extends` from another file, a loop).
 */
function profilesOf(project: ComposeProject, name: string, depth = 0): string[] | undefined {
  const own = serviceProfiles(project, name);
  if (own.length) return own;
  if (depth > 8) return undefined;
  for (const d of project.serviceDefs(name)) {
    const m = d.file.model;
    const ext = getValue(m, d.node, 'extends');
    if (ext === undefined) continue;
    if (isMap(ext) && getValue(m, ext, 'file') !== undefined) return undefined;
    const base = scalarText(isMap(ext) ? getValue(m, ext, 'service') : ext);
    if (base === undefined || base === name) return undefined;
    const inherited = profilesOf(project, base, depth + 1);
    if (inherited === undefined || inherited.length) return undefined;
  }
  return [];
}

export default defineComposeRule(
  {
    id: 'compose-depends-on-profile-service',
    description:
      'A service without profiles depends on a service that is only enabled by a profile, so `docker compose up` fails unless that profile is active.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    const active = (resolveVar(project, 'COMPOSE_PROFILES').value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (active.includes('*')) return;
    const report = onceReporter(ctx);
    // The requiring references grouped by the service that makes them (document order kept).
    const refsOf = new Map<string, ComposeReference[]>();
    for (const r of composeIndex(m).references) {
      if (r.kind !== 'service' || !REQUIRING.has(r.via) || r.service === undefined) continue;
      const list = refsOf.get(r.service);
      if (list) list.push(r);
      else refsOf.set(r.service, [r]);
    }
    if (!refsOf.size) return;
    // profilesOf depends on the project only: once per name.
    const profiles = new Map<string, string[] | undefined>();
    const profilesOfName = (name: string) => {
      if (!profiles.has(name)) profiles.set(name, profilesOf(project, name));
      return profiles.get(name);
    };
    for (const svc of services(m)) {
      const mine = refsOf.get(svc.name);
      if (!mine) continue;
      const own = profilesOfName(svc.name);
      if (own === undefined || own.length) continue;
      // `depends_on: {x: {required: false}}`: Compose only warns when x is disabled.
      const optional = new Set<string>();
      const dependsOn = getValue(m, svc.node, 'depends_on');
      if (isMap(dependsOn))
        for (const e of entries(m, dependsOn)) {
          const req = getValue(m, e.pair.value, 'required');
          if (isScalar(req) && /^(false|no|off)$/i.test(scalarText(req) ?? '')) optional.add(e.key);
        }
      for (const r of mine) {
        if (r.via === 'depends_on' && optional.has(r.name)) continue;
        if (!project.serviceDefs(r.name).length) continue; // compose-undefined-reference's business
        const theirs = profilesOfName(r.name);
        if (!theirs?.length || theirs.some((p) => active.includes(p))) continue;
        const list = theirs.map((p) => `\`${p}\``).join(' or ');
        const how =
          r.via === 'depends_on'
            ? `give \`${svc.name}\` a profile of \`${r.name}\`, drop \`${r.name}\`'s \`profiles\`, or make the dependency optional with \`required: false\``
            : `give \`${svc.name}\` a profile of \`${r.name}\`, or drop \`${r.name}\`'s \`profiles\``;
        report({
          range: ctx.range(r.start, r.end),
          message: `\`${svc.name}\` has no profile, so it is always started, but \`${r.name}\` (its \`${r.via}\`) is only enabled by profile ${list}: \`docker compose up\` stops with "service ${r.name} is required by ${svc.name} but is disabled" unless ${
            theirs.length > 1 ? 'one of them' : 'it'
          } is active (\`--profile\`, \`COMPOSE_PROFILES\`). To fix it, ${how}.`,
        });
      }
    }
  },
);
