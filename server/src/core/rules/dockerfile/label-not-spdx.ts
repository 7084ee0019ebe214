import { isSpdx, labelFormatRule } from './_label-schema';

export default labelFormatRule(
  {
    id: 'label-not-spdx',
    description: 'A label the label schema types as `spdx` does not hold an SPDX license expression.',
    defaultSeverity: 'warning',
    aliases: ['DL3054'],
  },
  'spdx',
  isSpdx,
  'an SPDX license identifier or expression (such as `Apache-2.0` or `MIT OR Apache-2.0`)',
);
