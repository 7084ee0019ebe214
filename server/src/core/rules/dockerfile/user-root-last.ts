import { graphOf } from '../../dockerfile/graph';
import type { Instruction } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'user-root-last',
    description: 'The final stage switches to root with USER and never switches back.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3002'],
  },
  (ctx) => {
    const g = graphOf(ctx.model);
    if (g.finalStage < 0) return;
    const scope = scopeOf(ctx.model);
    // The last USER of the final stage, or inherited through FROM <stage>.
    let last: Instruction | undefined;
    for (const st of g.baseChain(g.finalStage)) {
      for (const i of st.instructions) if (i.keyword === 'USER') last = i;
      if (last) break;
    }
    if (!last || !last.args.length) return;
    const a = last.args[0];
    const v = a.raw.includes('$') ? scope.evalAt(last, a.raw) : a.value;
    if (v === undefined) return;
    const user = v.split(':')[0];
    if (user !== 'root' && user !== '0') return;
    ctx.report({
      range: ctx.range(a.start, a.end),
      message: 'The image runs as root: switch to a non-root user with a later `USER` (e.g. `USER 10001`).',
    });
  },
);
