import { isMap } from '../../compose/yaml-nodes';
import { nodeSpan, topLevelPair } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-require-project-name',
    description: 'The top-level `name` is missing, so the project is named after its directory.',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: false,
    aliases: ['require-project-name-field'],
  },
  (ctx) => {
    const top = ctx.model.doc.contents;
    if (!isMap(top) || topLevelPair(ctx.model, 'name')) return;
    if (ctx.path && /\.override\.ya?ml$/i.test(ctx.path)) return;
    const first = top.items[0];
    const s = nodeSpan(first?.key) ?? [0, 0];
    ctx.report({
      range: ctx.range(s[0], s[1]),
      message:
        'No top-level `name`: the project (and its containers, networks and volumes) is named after the directory. Add `name: <project>` to keep names stable.',
    });
  },
);
