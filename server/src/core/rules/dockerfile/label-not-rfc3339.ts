import { isRfc3339, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-rfc3339',
    description: 'A label the label schema types as `rfc3339` does not hold an RFC 3339 timestamp.',
    defaultSeverity: 'warning',
    aliases: ['DL3053'],
  },
  'rfc3339',
  isRfc3339,
  'an RFC 3339 timestamp (such as `2024-05-01T12:00:00Z`)',
);
