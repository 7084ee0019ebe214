import { graphOf } from '../../dockerfile/graph';
import { docOffset, type Instruction } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

/** Characters that make a command need a shell (or change meaning in JSON). */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}~#!"'\\=]/;

export default defineDockerfileRule(
  {
    id: 'json-args-recommended',
    description: 'CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form: signals do not reach the program.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3025', 'JSONArgsRecommended'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    // Each stage's instructions scanned once (not once per stage built on it: quadratic in long chains).
    const ownShell = ctx.model.stages.map((s) => s.instructions.some((i) => i.keyword === 'SHELL'));
    for (const st of ctx.model.stages) {
      // A SHELL in the stage chain means the shell form is chosen on purpose (BuildKit's exemption).
      const hasShell = g.baseChain(st.index).some((s) => ownShell[s.index]);
      if (hasShell) continue;
      for (const instr of st.instructions) {
        let start: number;
        let words: Instruction['args'];
        if (instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') {
          if (instr.json || !instr.args.length) continue;
          words = instr.args;
          start = docOffset(instr, instr.restStart);
        } else if (instr.keyword === 'HEALTHCHECK') {
          const [cmd, ...rest] = instr.args;
          if (!cmd || cmd.value.toUpperCase() !== 'CMD' || !rest.length) continue;
          if (rest[0].raw.startsWith('[')) continue;
          words = rest;
          start = rest[0].start;
        } else continue;
        const end = words[words.length - 1].end;
        const plain =
          words.every((w) => !SHELL_SYNTAX.test(w.raw)) && !ctx.text.slice(start, end).includes('\n');
        const json = `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]`;
        ctx.report({
          range: ctx.range(instr.keywordStart, instr.keywordEnd),
          message: `${instr.keyword} in shell form runs under \`/bin/sh -c\`, so the program does not get stop signals: use the JSON form${plain ? ` \`${json}\`` : ''}.`,
          fix: plain ? ctx.replace('Convert to JSON (exec) form', start, end, json) : undefined,
        });
      }
    }
  },
);
