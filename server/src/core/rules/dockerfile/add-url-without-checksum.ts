import { effective, flag } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';
import { copyArgs } from './_copy-sources';

export default defineDockerfileRule(
  {
    id: 'add-url-without-checksum',
    description:
      '`ADD <url>` downloads a file without `--checksum`, so a changed or tampered file goes unnoticed.',
    type: 'security',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const outer of ctx.model.instructions) {
      const instr = effective(outer);
      if (instr.keyword !== 'ADD' || flag(instr, 'checksum')) continue;
      for (const src of copyArgs(instr).sources) {
        if (!/^https?:\/\//i.test(src.value)) continue;
        // Git repositories are pinned by a commit in the fragment (`#<sha>`), not by a checksum.
        if (/\.git([#?]|$)/i.test(src.value) || /^https?:\/\/[^/]+\/.*#/.test(src.value)) continue;
        ctx.report({
          range: ctx.range(src.start, src.end),
          message:
            '`ADD` downloads this URL without `--checksum`: if the file changes upstream or is tampered with, the build uses it anyway. Add `--checksum=sha256:<hash>` (Dockerfile syntax 1.6 or later).',
        });
      }
    }
  },
);
