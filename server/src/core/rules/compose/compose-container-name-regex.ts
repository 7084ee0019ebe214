import { getPair, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
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
    for (const svc of services(m)) {
      const l = literal(getPair(m, svc.node, 'container_name')?.value);
      if (!l || VALID.test(l.text)) continue;
      ctx.report({
        range: ctx.range(l.start, l.end),
        message: `Container name \`${l.text}\` is not valid: Docker accepts letters, digits, \`_\`, \`.\` and \`-\`, starting with a letter or digit (at least two characters).`,
      });
    }
  },
);
