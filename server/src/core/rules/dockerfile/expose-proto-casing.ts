import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'expose-proto-casing',
    description: 'An EXPOSE protocol is not lower-case (`80/TCP`).',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['ExposeProtoCasing'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'EXPOSE') continue;
      for (const a of instr.args) {
        const slash = a.raw.lastIndexOf('/');
        if (slash < 0 || a.raw.includes('$')) continue;
        const proto = a.raw.slice(slash + 1);
        if (!proto || proto === proto.toLowerCase() || a.end - a.start !== a.raw.length) continue;
        const start = a.start + slash + 1;
        ctx.report({
          range: ctx.range(start, a.end),
          message: `Write the protocol in lower case: \`${proto.toLowerCase()}\`.`,
          fix: ctx.replace(`Change to \`${proto.toLowerCase()}\``, start, a.end, proto.toLowerCase()),
        });
      }
    }
  },
);
