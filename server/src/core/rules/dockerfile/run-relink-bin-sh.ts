import { defineDockerfileRule } from '../rule';
import { callOperands, shellCommands, toolCall } from './_packages';

export default defineDockerfileRule(
  {
    id: 'run-relink-bin-sh',
    description: 'RUN replaces `/bin/sh` with a link to another shell: use the `SHELL` instruction instead.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL4005'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['ln']);
      if (!call) continue;
      const ops = callOperands(c, { ...call, sub: undefined, subIndex: -1 }, [
        '-t',
        '--target-directory',
        '-S',
        '--suffix',
      ]);
      const last = ops[ops.length - 1];
      if (ops.length < 2 || !last || !/^\/(usr\/)?bin\/sh$/.test(last.value)) continue;
      ctx.report({
        range: ctx.range(call.tool.docStart, last.docEnd),
        message:
          'Relinking `/bin/sh` changes the shell of every script in the image, at run time too. To run the ' +
          'RUN instructions with another shell, use `SHELL ["/bin/bash", "-c"]`.',
      });
    }
  },
);
