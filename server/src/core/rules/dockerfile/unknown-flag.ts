import type { Instruction } from '../../dockerfile/model';
import { closest } from '../../text';
import { defineDockerfileRule } from '../rule';

/** The flags BuildKit's Dockerfile frontend accepts (dockerfile:1 syntax, labs flags included). */
export const INSTRUCTION_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export default defineDockerfileRule(
  {
    id: 'unknown-flag',
    description: 'An instruction has a `--flag` that it does not accept.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: true,
    aliases: [],
  },
  (ctx) => {
    const check = (instr: Instruction) => {
      const known = INSTRUCTION_FLAGS[instr.keyword] ?? [];
      for (const f of instr.flags) {
        if (known.includes(f.name)) continue;
        const hint = f.name ? closest(f.name, known, Math.max(2, Math.floor(f.name.length / 3))) : undefined;
        const msg = known.length
          ? `\`${instr.keyword}\` has no flag \`--${f.name}\`` +
            (hint
              ? `: did you mean \`--${hint}\`?`
              : ` (it accepts ${known.map((k) => `\`--${k}\``).join(', ')}).`)
          : `\`${instr.keyword}\` takes no flags: \`--${f.name}\` makes the build fail.`;
        ctx.report({
          range: ctx.range(f.start, f.nameEnd > f.start ? f.nameEnd : f.end),
          message: msg,
          fix: hint ? ctx.replace(`Change to \`--${hint}\``, f.nameStart, f.nameEnd, hint) : undefined,
        });
      }
    };
    for (const instr of ctx.model.instructions) {
      if (instr.keyword === 'ONBUILD') {
        if (instr.onbuild) check(instr.onbuild);
      } else check(instr);
    }
  },
);
