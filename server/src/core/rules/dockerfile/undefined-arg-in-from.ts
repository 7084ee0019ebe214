import { scopeOf } from '../../dockerfile/scope';
import { wordVarRefs } from '../../dockerfile/vars';
import { closest } from '../../text';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'undefined-arg-in-from',
    description: 'A FROM line uses a variable that no global ARG declares.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['UndefinedArgInFrom'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    const esc = ctx.model.escapeChar;
    for (const st of ctx.model.stages) {
      const from = st.from;
      const words = [
        ...from.flags.map((f) => ({ raw: ctx.text.slice(f.start, f.end), start: f.start })),
        ...from.args.slice(0, 1).map((a) => ({ raw: a.raw, start: a.start })),
      ];
      for (const w of words) {
        for (const r of wordVarRefs(w.raw, esc)) {
          if (scope.isDefinedAt(from, r.name)) continue;
          // `${X:-default}` is fine without a declaration.
          if (r.op === ':-' || r.op === '-') continue;
          const hint = closest(r.name, scope.namesAt(from));
          ctx.report({
            range: ctx.range(w.start + r.start, w.start + r.end),
            message:
              `\`${r.name}\` is not declared by an ARG before the first FROM` +
              (hint
                ? `: did you mean \`${hint}\`?`
                : `: add \`ARG ${r.name}=<default>\` at the top of the file.`),
          });
        }
      }
    }
  },
);
