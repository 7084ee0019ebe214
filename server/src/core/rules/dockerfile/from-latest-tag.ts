import { parseImageRef } from '../../dockerfile/image';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'from-latest-tag',
    description: 'A base image uses the `latest` tag, which changes under you.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3007'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      if (st.baseStage !== undefined || !st.imageResolved) continue;
      const ref = parseImageRef(st.imageResolved);
      if (!ref || ref.tag !== 'latest' || ref.digest !== undefined) continue;
      // Point at the tag when it is written literally.
      const written = parseImageRef(st.image);
      const exact = written?.tag === 'latest' && written.tagStart !== undefined;
      const start = exact ? st.imageStart + written.tagStart! : st.imageStart;
      const end = exact ? start + 'latest'.length : st.imageEnd;
      ctx.report({
        range: ctx.range(start, end),
        message: `\`${ref.path}:latest\` moves whenever a new version is pushed: pin a version tag (or a digest).`,
      });
    }
  },
);
