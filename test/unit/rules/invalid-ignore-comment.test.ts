import { ruleTester } from '../../helpers/rule-tester';

ruleTester('invalid-ignore-comment', {
  valid: [
    'FROM debian:12\n# hadolint ignore=DL3015,SC2086\nRUN apt-get install -y curl\n',
    'FROM debian:12\n# berth-ignore apt-no-install-recommends\nRUN apt-get install -y curl\n',
    '# hadolint global ignore=DL3015\nFROM debian:12\n',
    '# hadolint shell=bash\nFROM debian:12\n',
    '# check=skip=MaintainerDeprecated\nFROM debian:12\n',
    'FROM debian:12\n# an ordinary comment about hadolint\n',
  ],
  invalid: [
    {
      name: 'hadolint pragma without "="',
      code: 'FROM debian:12\n# hadolint ignore DL3015\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 1, endColumn: 25, message: /Malformed suppression comment/ }],
    },
    {
      name: 'an unknown rule name',
      code: 'FROM debian:12\n# hadolint ignore=DL9999\nRUN true\n',
      errors: [{ line: 2, column: 1, message: 'Unknown rule "DL9999" in suppression comment' }],
    },
    {
      name: 'an unknown BuildKit check in the directive',
      code: '# check=skip=NoSuchCheck\nFROM debian:12\n',
      errors: [{ line: 1, column: 9, message: /NoSuchCheck/ }],
    },
  ],
});
