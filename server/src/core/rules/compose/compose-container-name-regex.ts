import { getPair, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue } from '../../compose/project';
import { defineComposeRule } from '../rule';

const VALID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export default defineComposeRule(
  {
    id: 'compose-container-name-regex',
    description: '`container_name` has characters Docker does not accept in a container name.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['service-container-name-regex'],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    for (const svc of services(m)) {
      // After interpolation (`${PROJECT}-db`); unknown values are skipped.
      const l = scalarValue(project, getPair(m, svc.node, 'container_name')?.value);
      if (!l || VALID.test(l.text) || (l.interpolated && l.text === '')) continue;
      ctx.report({
        range: ctx.range(l.start, l.end),
        message: `Container name \`${l.text}\`${l.interpolated ? ` (${interpolationNote(project, l)})` : ''} is not valid: Docker accepts letters, digits, \`_\`, \`.\` and \`-\`, starting with a letter or digit (at least two characters).`,
      });
    }
  },
);
