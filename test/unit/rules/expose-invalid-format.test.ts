import { ruleTester } from '../../helpers/rule-tester';

ruleTester('expose-invalid-format', {
  valid: ['FROM a:1\nEXPOSE 80 443/tcp\n'],
  invalid: [
    {
      code: 'FROM a:1\nEXPOSE 8080:80 127.0.0.1:53/udp\n',
      errors: [
        { line: 2, column: 8, endColumn: 15, message: /Write `80`/ },
        { line: 2, column: 16, message: /`53\/udp`/ },
      ],
    },
  ],
});
