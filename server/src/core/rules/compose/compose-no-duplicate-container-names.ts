import { getPair, keySpan, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue } from '../../compose/project';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-no-duplicate-container-names',
    description: 'Two services use the same `container_name`.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['no-duplicate-container-names'],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    const seen = new Map<string, string>();
    for (const svc of services(m)) {
      const p = getPair(m, svc.node, 'container_name');
      // After interpolation (`${PROJECT}-db`); unknown values are skipped.
      const l = scalarValue(project, p?.value);
      if (!p || !l) continue;
      const first = seen.get(l.text);
      if (first === undefined) {
        seen.set(l.text, svc.name);
        continue;
      }
      const s = keySpan(p) && [l.start, l.end];
      if (!s) continue;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Container name \`${l.text}\`${l.interpolated ? ` (${interpolationNote(project, l)})` : ''} is already used by service \`${first}\`: container names are unique on a host, so one of the two fails to start.`,
      });
    }
  },
);
