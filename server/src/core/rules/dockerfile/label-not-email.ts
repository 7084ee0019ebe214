import { isEmail, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-email',
    description: 'A label the label schema types as `email` does not hold an e-mail address.',
    defaultSeverity: 'warning',
    aliases: ['DL3058'],
  },
  'email',
  isEmail,
  'an e-mail address (such as `team@example.com`)',
);
