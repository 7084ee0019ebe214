import { scopeOf } from '../../dockerfile/scope';
import { defineDockerfileRule } from '../rule';

function isAbsolute(p: string, esc: string): boolean {
  return p.startsWith('/') || /^[a-zA-Z]:([\\/]|$)/.test(p) || (esc === '`' && p.startsWith('\\'));
}

export default defineDockerfileRule(
  {
    id: 'workdir-relative-path',
    description: 'A relative WORKDIR with no absolute WORKDIR before it: it depends on the base image.',
    type: 'suggestion',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3000', 'WorkdirRelativePath'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    const esc = ctx.model.escapeChar;
    const absAtEnd: boolean[] = [];
    for (const st of ctx.model.stages) {
      const base = st.baseStage;
      let abs = base !== undefined && base < st.index ? absAtEnd[base] : false;
      for (const instr of st.instructions) {
        if (instr.keyword !== 'WORKDIR' || !instr.args.length) continue;
        const raw = instr.argsText.slice(instr.restStart);
        const v = raw.includes('$') ? scope.evalAt(instr, raw) : instr.args.map((x) => x.value).join(' ');
        if (v === undefined || isAbsolute(v, esc)) {
          abs = abs || v !== undefined || raw.startsWith('$');
          continue;
        }
        if (!abs) {
          const a = instr.args[0];
          ctx.report({
            range: ctx.range(a.start, instr.args[instr.args.length - 1].end),
            message: `\`${v}\` is relative to the base image's working directory: use an absolute path such as \`/${v.replace(/^\.\/?/, '')}\`.`,
          });
        }
      }
      absAtEnd[st.index] = abs;
    }
  },
);
