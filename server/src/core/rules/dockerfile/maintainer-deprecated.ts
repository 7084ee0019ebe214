import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'maintainer-deprecated',
    description: '`MAINTAINER` is deprecated: use `LABEL org.opencontainers.image.authors=...`.',
    type: 'suggestion',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL4000', 'MaintainerDeprecated'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      const target = instr.keyword === 'ONBUILD' ? instr.onbuild : instr;
      if (!target || target.keyword !== 'MAINTAINER') continue;
      const author = target.argsText.slice(target.restStart).trim();
      const keyword = target.keywordRaw === target.keywordRaw.toLowerCase() ? 'label' : 'LABEL';
      const fix =
        instr === target && author
          ? ctx.replace(
              'Replace with LABEL org.opencontainers.image.authors',
              instr.keywordStart,
              instr.end,
              `${keyword} org.opencontainers.image.authors=${JSON.stringify(author)}`,
            )
          : undefined;
      ctx.report({
        range: ctx.range(target.keywordStart, target.keywordEnd),
        message: '`MAINTAINER` is deprecated: use `LABEL org.opencontainers.image.authors=...` instead.',
        fix,
      });
    }
  },
);
