import { ruleTester } from '../../helpers/rule-tester';

ruleTester('from-as-casing', {
  valid: ['FROM a:1 AS b\n', 'from a:1 as b\n', 'From a:1 as b\n'],
  invalid: [
    { code: 'FROM a:1 as b\n', errors: [{ line: 1, column: 10, endColumn: 12 }], output: 'FROM a:1 AS b\n' },
    { code: 'from a:1 As b\n', errors: [{ line: 1, column: 10 }], output: 'from a:1 as b\n' },
  ],
});
