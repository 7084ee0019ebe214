import { ruleTester } from '../../helpers/rule-tester';

ruleTester('unknown-instruction', {
  valid: ['FROM a:1\nRUN x\n', 'FROM a:1\nonbuild run x\n'],
  invalid: [
    {
      code: 'FROM a:1\nRNU make\nCOPY . /app\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /did you mean `RUN`/ }],
    },
    { code: 'FROM a:1\nONBUILD FOO x\n', errors: [{ line: 2, column: 9 }] },
    { code: 'FROM a:1\n{"x": 1}\n', errors: [{ line: 2, column: 1, message: /comment/ }] },
  ],
});
