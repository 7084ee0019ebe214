import type { Instruction } from '../../dockerfile/model';
import { KNOWN_INSTRUCTIONS } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'consistent-instruction-casing',
    description: 'An instruction keyword is not cased like most of the file.',
    type: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['ConsistentInstructionCasing'],
  },
  (ctx) => {
    const all: Instruction[] = [];
    for (const i of ctx.model.instructions) {
      if (!KNOWN_INSTRUCTIONS.has(i.keyword)) continue;
      all.push(i);
      if (i.onbuild && KNOWN_INSTRUCTIONS.has(i.onbuild.keyword)) all.push(i.onbuild);
    }
    let lower = 0;
    let upper = 0;
    for (const i of all) {
      if (i.keywordRaw === i.keywordRaw.toLowerCase()) lower++;
      else if (i.keywordRaw === i.keywordRaw.toUpperCase()) upper++;
    }
    // BuildKit: lower-case wins only with a strict majority.
    const wantLower = lower > upper;
    for (const i of all) {
      const want = wantLower ? i.keywordRaw.toLowerCase() : i.keywordRaw.toUpperCase();
      if (i.keywordRaw === want) continue;
      ctx.report({
        range: ctx.range(i.keywordStart, i.keywordEnd),
        message: `\`${i.keywordRaw}\` should be \`${want}\`, like most instructions in this file.`,
        fix: ctx.replace(`Change to \`${want}\``, i.keywordStart, i.keywordEnd, want),
      });
    }
  },
);
