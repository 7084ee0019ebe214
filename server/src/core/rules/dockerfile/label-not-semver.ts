import { isSemver, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-semver',
    description: 'A label the label schema types as `semver` does not hold a semantic version.',
    defaultSeverity: 'warning',
    aliases: ['DL3056'],
  },
  'semver',
  isSemver,
  'a semantic version (such as `1.4.2` or `2.0.0-rc.1`)',
);
