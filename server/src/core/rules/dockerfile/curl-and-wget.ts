import { defineDockerfileRule } from '../rule';
import { resolveCommand } from '../../dockerfile/shell';
import type { DocWord } from '../../dockerfile/run';
import { shellCommands } from './_packages';
import { isOnbuildTarget, outerInstruction } from './_run-stage';

export default defineDockerfileRule(
  {
    id: 'curl-and-wget',
    description: 'A stage uses both `curl` and `wget`: one download tool is enough.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL4001'],
  },
  (ctx) => {
    // Per stage (ONBUILD commands apart: they run in another image), every use of each tool.
    const groups = new Map<string, { first?: string; uses: { tool: string; word: DocWord }[] }>();
    for (const c of shellCommands(ctx.model)) {
      const r = resolveCommand(c.cmd);
      if (!r || (r.name !== 'curl' && r.name !== 'wget')) continue;
      const onbuild = isOnbuildTarget(ctx.model, c.instr);
      const key = `${outerInstruction(ctx.model, c.instr).stageIndex}${onbuild ? ':onbuild' : ''}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { uses: [] }));
      g.first ??= r.name;
      g.uses.push({ tool: r.name, word: c.words[r.index] });
    }
    for (const g of groups.values()) {
      const other = g.first === 'curl' ? 'wget' : 'curl';
      if (!g.uses.some((u) => u.tool === other)) continue;
      for (const u of g.uses) {
        if (u.tool !== other) continue;
        ctx.report({
          range: ctx.range(u.word.docStart, u.word.docEnd),
          message: `This stage already downloads with \`${g.first}\`: use it here too instead of \`${other}\`, so that the image needs one download tool, not two.`,
        });
      }
    }
  },
);
