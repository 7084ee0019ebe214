import { deref, entries, keySpan, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue, type ScalarValue } from '../../compose/project';
import { defineComposeRule } from '../rule';

/**
 * `privileged: true` as Compose reads it (YAML 1.2 booleans, and the strings Compose accepts), after
 * interpolation (`${PRIVILEGED:-true}`).
 */
function isTrue(v: ScalarValue | undefined): boolean {
  if (!v) return false;
  if (v.node.value === true) return true;
  return typeof v.node.value === 'string' && /^(true|yes|on|y)$/i.test(v.text);
}

export default defineComposeRule(
  {
    id: 'compose-privileged',
    description: 'A service runs with `privileged: true`: the container has full access to the host.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    for (const svc of services(m)) {
      const e = entries(m, svc.node).find((x) => x.key === 'privileged');
      const v = e && scalarValue(project, deref(m, e.pair.value));
      if (!e || !v || !isTrue(v)) continue;
      const note = interpolationNote(project, v);
      // A value merged in with `<<` is shared by several services: point at the service instead.
      const span = e.own ? keySpan(e.pair) : keySpan(svc.pair);
      if (!span) continue;
      ctx.report({
        range: ctx.range(span[0], span[1]),
        message: `Service \`${svc.name}\` runs privileged${
          e.own ? '' : ' (`privileged: true` comes from a `<<` merge)'
        }${note ? ` (${note})` : ''}: the container gets every capability and every host device, and can escape to the host. Remove \`privileged: true\` and grant only what it needs with \`cap_add\` (e.g. \`NET_ADMIN\`) or \`devices\`.`,
      });
    }
  },
);
