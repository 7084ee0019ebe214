import { ruleTester } from '../../helpers/rule-tester';

ruleTester('expose-invalid-port', {
  valid: ['FROM a:1\nEXPOSE 80 443/tcp 8000-8010 65535/udp\n', 'FROM a:1\nARG P\nEXPOSE $P\n'],
  invalid: [
    {
      code: 'FROM a:1\nEXPOSE 80 70000/tcp\n',
      errors: [{ line: 2, column: 11, endColumn: 20, message: /70000/ }],
    },
    { code: 'FROM a:1\nEXPOSE 8000-80000\n', errors: [{ line: 2, column: 8 }] },
    { code: 'FROM a:1\nENV P=99999\nEXPOSE $P\n', errors: [{ line: 3, column: 8 }] },
  ],
});
