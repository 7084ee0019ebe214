import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'expose-invalid-format',
    description: 'EXPOSE gives an IP address or a host:container port mapping.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['ExposeInvalidFormat'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const a of instr.args) {
        if (!a.value.includes(':') || a.raw.startsWith('$')) continue;
        const container = a.value.split(':').pop();
        ctx.report({
          range: ctx.range(a.start, a.end),
          message: `EXPOSE only documents a container port; publishing to a host address or port is done at run time (\`-p\`). Write \`${container}\`.`,
        });
      }
    }
  },
);
