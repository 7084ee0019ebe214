import { keyValuePairs } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'invalid-definition-description',
    description:
      'The comment above an ARG or a named stage does not start with its name (BuildKit experimental).',
    type: 'style',
    defaultSeverity: 'info',
    fixable: false,
    defaultOff: true,
    enabledBy: 'buildkit-experimental',
    aliases: ['InvalidDefinitionDescription'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      let name: string | undefined;
      if (instr.keyword === 'ARG') {
        const pairs = keyValuePairs(instr, ctx.model.escapeChar);
        if (pairs.length === 1) name = pairs[0].key;
      } else if (instr.keyword === 'FROM') {
        // The FROM's own stage (searching every stage per FROM is quadratic on large files).
        const stage = ctx.model.stages[instr.stageIndex];
        if (stage?.from === instr) name = stage.name;
      }
      if (!name || !instr.leadingComments.length) continue;
      const c = instr.leadingComments[instr.leadingComments.length - 1];
      // Pragmas and directives are not descriptions.
      if (/^(hadolint|berth-ignore|check\s*=|syntax\s*=|escape\s*=)/i.test(c.text)) continue;
      const first = c.text.split(/\s+/)[0];
      if (first === name) continue;
      ctx.report({
        range: ctx.range(c.start, c.end),
        message: `A comment describing \`${name}\` should start with its name: \`# ${name} ...\`.`,
      });
    }
  },
);
