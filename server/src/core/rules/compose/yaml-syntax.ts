import { NESTED_TOO_DEEPLY, toPlain, unresolvedAliases, nodeSpan } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'yaml-syntax',
    description: 'The compose file is not valid YAML, refers to an undefined anchor, or is an alias bomb.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['invalid-yaml'],
  },
  (ctx) => {
    const m = ctx.model;
    for (const e of m.errors) {
      if (e.severity !== 'error') continue;
      const end = e.end > e.start ? e.end : Math.min(e.start + 1, m.text.length);
      let message = e.message;
      if (/multiple documents/.test(message))
        message =
          'This file holds several YAML documents (`---`): Compose reads one. Split it into separate files.';
      if (e.code === NESTED_TOO_DEEPLY) ctx.report({ range: ctx.range(e.start, end), message });
      else ctx.report({ range: ctx.range(e.start, end), message: `YAML syntax error: ${message}` });
    }
    for (const a of unresolvedAliases(m)) {
      const s = nodeSpan(a);
      if (s)
        ctx.report({
          range: ctx.range(s[0], s[1]),
          message: `The alias \`*${a.source}\` has no anchor \`&${a.source}\` defined before it.`,
        });
    }
    const bomb = toPlain(m).aliasBomb;
    if (bomb) ctx.report({ range: ctx.range(bomb.start, bomb.end), message: bomb.message });
  },
);
