import { parseImageRef } from '../../dockerfile/image';
import { scopeOf } from '../../dockerfile/scope';
import { evalWord } from '../../dockerfile/vars';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'invalid-default-arg-in-from',
    description: 'With only the ARG defaults, a FROM line gives an empty or invalid image name.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['InvalidDefaultArgInFrom'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    for (const st of ctx.model.stages) {
      const arg = st.from.args[0];
      if (!arg || !arg.raw.includes('$')) continue;
      // As a build without --build-arg sees it: a variable with no value is empty.
      const lookup = scope.lookupAt(st.from);
      const value = evalWord(
        arg.raw,
        (n) => {
          const b = scope.bindingAt(st.from, n);
          // Predefined args always have a value at build time; a declared ARG without default is empty.
          return b?.kind === 'predefined' ? undefined : (lookup(n) ?? (b ? '' : undefined));
        },
        ctx.model.escapeChar,
      );
      if (value === undefined) continue; // undeclared: undefined-arg-in-from says so
      if (value.toLowerCase() === 'scratch' || st.baseStage !== undefined) continue;
      if (value !== '' && parseImageRef(value)) continue;
      ctx.report({
        range: ctx.range(arg.start, arg.end),
        message:
          value === ''
            ? `\`${arg.raw}\` is empty unless a build argument is given: give the ARG a default value.`
            : `With the ARG defaults, the image is \`${value}\`, which is not a valid image name: give the ARGs usable defaults.`,
      });
    }
  },
);
