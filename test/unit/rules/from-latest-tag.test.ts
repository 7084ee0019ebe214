import { ruleTester } from '../../helpers/rule-tester';

ruleTester('from-latest-tag', {
  valid: ['FROM debian:12\n', 'FROM debian:latest@sha256:' + 'a'.repeat(64) + '\n', 'FROM debian\n'],
  invalid: [
    { code: 'FROM debian:latest\n', errors: [{ line: 1, column: 13, endColumn: 19 }] },
    {
      name: 'through an ARG default: the whole image',
      code: 'ARG T=latest\nFROM node:$T AS app\n',
      errors: [{ line: 2, column: 6, endColumn: 13 }],
    },
  ],
});
