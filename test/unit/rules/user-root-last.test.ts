import { ruleTester } from '../../helpers/rule-tester';

ruleTester('user-root-last', {
  valid: [
    'FROM a:1\nUSER root\nRUN x\nUSER 1000\n',
    { name: 'only the final stage counts', code: 'FROM a:1 AS b\nUSER root\nFROM c:1\nUSER 10\n' },
    'FROM a:1\nRUN x\n',
  ],
  invalid: [
    { code: 'FROM a:1\nUSER app\nRUN x\nUSER root\n', errors: [{ line: 4, column: 6, endColumn: 10 }] },
    { code: 'FROM a:1 AS base\nUSER 0:0\nFROM base\nRUN x\n', errors: [{ line: 2, column: 6 }] },
  ],
});
