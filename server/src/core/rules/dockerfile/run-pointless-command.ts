import { defineDockerfileRule } from '../rule';
import { resolveCommand } from '../../dockerfile/shell';
import { shellCommands } from './_packages';

const TOOLS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount']);

export default defineDockerfileRule(
  {
    id: 'run-pointless-command',
    description:
      'RUN calls a tool that has nothing useful to do during a build (ssh, vim, service, ps, top, kill, mount, free, shutdown).',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: ['DL3001'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const r = resolveCommand(c.cmd);
      if (!r || !TOOLS.has(r.name)) continue;
      const w = c.words[r.index];
      ctx.report({
        range: ctx.range(w.docStart, w.docEnd),
        message:
          `\`${r.name}\` has nothing useful to do while an image is built: no services, terminal or other processes ` +
          'outlive the RUN. Start services in the container (CMD/ENTRYPOINT) and remove this command.',
      });
    }
  },
);
