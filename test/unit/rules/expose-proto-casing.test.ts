import { ruleTester } from '../../helpers/rule-tester';

ruleTester('expose-proto-casing', {
  valid: ['FROM a:1\nEXPOSE 80/tcp 53/udp 8080\n'],
  invalid: [
    {
      code: 'FROM a:1\nEXPOSE 80/TCP 53/Udp\n',
      errors: [
        { line: 2, column: 11, endColumn: 14 },
        { line: 2, column: 18 },
      ],
      output: 'FROM a:1\nEXPOSE 80/tcp 53/udp\n',
    },
  ],
});
