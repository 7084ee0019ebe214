import { keyValuePairs } from '../../dockerfile/model';
import { graphOf } from '../../dockerfile/graph';
import { defineDockerfileRule } from '../rule';
import { labelSchema } from './_label-schema';

export default defineDockerfileRule(
  {
    id: 'label-missing',
    description: 'An image stage lacks a label that the configured label schema requires.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    defaultOff: true,
    enabledBy: 'label-schema',
    aliases: ['DL3049'],
  },
  (ctx) => {
    const schema = labelSchema(ctx.config);
    if (!schema) return;
    const model = ctx.model;
    const graph = graphOf(model);
    for (const stage of model.stages) {
      // Stages that other stages build on or copy from are intermediate: their labels do not ship.
      if (graph.in[stage.index].length && stage.index !== graph.finalStage) continue;
      const have = new Set<string>();
      for (const st of graph.baseChain(stage.index))
        for (const instr of st.instructions)
          if (instr.keyword === 'LABEL')
            for (const p of keyValuePairs(instr, model.escapeChar)) have.add(p.key);
      const missing = Object.keys(schema).filter((k) => !have.has(k));
      if (!missing.length) continue;
      const end = stage.nameEnd ?? stage.imageEnd;
      const list = missing.map((k) => `\`${k}\``).join(', ');
      ctx.report({
        range: ctx.range(stage.from.keywordStart, end),
        message:
          missing.length === 1
            ? `Label ${list} is missing: the label schema requires it. Add \`LABEL ${missing[0]}=...\` to this stage.`
            : `Labels ${list} are missing: the label schema requires them. Add them with a \`LABEL\` in this stage.`,
      });
    }
  },
);
