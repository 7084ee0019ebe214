import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('$') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\');
}

export default defineDockerfileRule(
  {
    id: 'copy-relative-dest-without-workdir',
    description: 'COPY to a relative destination before any WORKDIR is set in the stage.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3045'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    // Each stage's instructions scanned once (not once per stage built on it: quadratic in long chains).
    const ownWorkdir = ctx.model.stages.map((s) => s.instructions.some((i) => i.keyword === 'WORKDIR'));
    for (const st of ctx.model.stages) {
      let hasWorkdir = g
        .baseChain(st.index)
        .slice(1)
        .some((s) => ownWorkdir[s.index]);
      for (const instr of st.instructions) {
        if (instr.keyword === 'WORKDIR') hasWorkdir = true;
        if (instr.keyword !== 'COPY' || hasWorkdir) continue;
        const dest = instr.json
          ? {
              value: instr.json.values[instr.json.values.length - 1],
              ...instr.json.ranges[instr.json.ranges.length - 1],
            }
          : instr.args[instr.args.length - 1];
        if (!dest || (instr.json ? instr.json.values.length : instr.args.length) < 2) continue;
        if (isAbsolute(dest.value) || /^<<-?/.test(dest.value)) continue;
        ctx.report({
          range: ctx.range(dest.start, dest.end),
          message: `\`${dest.value}\` is relative to the base image's working directory, which can change: set a WORKDIR first or use an absolute path.`,
        });
      }
    }
  },
);
