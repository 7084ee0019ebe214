import { isGitHash, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-git-hash',
    description: 'A label the label schema types as `hash` does not hold a git commit id.',
    defaultSeverity: 'warning',
    aliases: ['DL3055'],
  },
  'hash',
  isGitHash,
  'a git commit id (7 or 40 lower-case hex digits)',
);
