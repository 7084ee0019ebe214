import { ruleTester } from '../../helpers/rule-tester';

ruleTester('user-numeric-uid', {
  valid: [
    'FROM a:1\nUSER 1000\n',
    'FROM a:1\nUSER 1000:1000\n',
    'FROM a:1\nARG U\nUSER $U\n',
    'FROM a:1\nUSER root\n',
  ],
  invalid: [
    { code: 'FROM a:1\nUSER app\n', errors: [{ line: 2, column: 6, endColumn: 9 }] },
    { code: 'FROM a:1\nUSER node:node\n', errors: [{ line: 2, column: 6, endColumn: 10 }] },
  ],
});
