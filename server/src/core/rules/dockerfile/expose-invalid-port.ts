import { scopeOf } from '../../dockerfile/scope';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'expose-invalid-port',
    description: 'An EXPOSE port is above 65535.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3011'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const a of instr.args) {
        const v = a.raw.includes('$') ? scope.evalAt(instr, a.raw) : a.value;
        if (v === undefined) continue;
        const port = v.split('/')[0].split(':').pop() ?? '';
        const m = /^(\d+)(?:-(\d+))?$/.exec(port);
        if (!m) continue;
        const bad = [m[1], m[2]].find((p) => p !== undefined && Number(p) > 65535);
        if (!bad) continue;
        ctx.report({
          range: ctx.range(a.start, a.end),
          message: `Port ${bad} does not exist: ports go from 0 to 65535.`,
        });
      }
    }
  },
);
