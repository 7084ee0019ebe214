import { defineDockerfileRule } from '../rule';
import { callRange, shellCommands, toolCall } from './_packages';

export default defineDockerfileRule(
  {
    id: 'zypper-no-dist-upgrade',
    description:
      '`zypper dist-upgrade` in a RUN: the image can end up on another distribution release than its base.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3035'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['zypper'], ['dist-upgrade', 'dup']);
      if (!call) continue;
      ctx.report({
        range: callRange(ctx, call),
        message:
          '`zypper dist-upgrade` can move the image to another release than its base image, unpredictably. ' +
          'Pick a base image tag for the release you want; use `zypper update` for fixes.',
      });
    }
  },
);
