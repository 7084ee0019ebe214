import { isUrl, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-url',
    description: 'A label the label schema types as `url` does not hold a URL.',
    defaultSeverity: 'warning',
    aliases: ['DL3052'],
  },
  'url',
  isUrl,
  'an absolute URL (such as `https://example.com/project`)',
);
