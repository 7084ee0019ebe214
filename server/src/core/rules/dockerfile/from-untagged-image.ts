import { parseImageRef } from '../../dockerfile/image';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule(
  {
    id: 'from-untagged-image',
    description: 'A base image without a tag or digest: the build silently follows `latest`.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3006'],
  },
  (ctx) => {
    for (const st of ctx.model.stages) {
      if (st.baseStage !== undefined) continue;
      const image = st.imageResolved;
      // An image that still has a variable without a default cannot be judged.
      if (!image || image.toLowerCase() === 'scratch') continue;
      const ref = parseImageRef(image);
      if (!ref || ref.tag !== undefined || ref.digest !== undefined) continue;
      const shown = image === st.image ? `\`${image}\`` : `\`${st.image}\` (\`${image}\`)`;
      ctx.report({
        range: ctx.range(st.imageStart, st.imageEnd),
        message: `Base image ${shown} has no tag: pin a version, e.g. \`${image}:<version>\`, so that rebuilds use the same image.`,
      });
    }
  },
);
