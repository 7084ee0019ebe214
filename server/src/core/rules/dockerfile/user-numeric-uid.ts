import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'user-numeric-uid',
    description: 'USER names a user instead of a numeric UID, which Kubernetes cannot verify as non-root.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: ['DL3066'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'USER' || !instr.args.length) continue;
      const a = instr.args[0];
      if (a.raw.includes('$')) continue;
      const user = a.value.split(':')[0];
      if (/^\d+$/.test(user) || user === '' || user === 'root') continue;
      ctx.report({
        range: ctx.range(a.start, a.start + user.length),
        message: `\`${user}\` is a name: use its numeric UID (e.g. \`USER 10001\`) so that runtimes enforcing non-root can check it.`,
      });
    }
  },
);
