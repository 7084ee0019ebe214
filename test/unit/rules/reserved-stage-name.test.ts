import { ruleTester } from '../../helpers/rule-tester';

ruleTester('reserved-stage-name', {
  valid: ['FROM a:1 AS build\n', 'FROM scratch\n'],
  invalid: [
    {
      code: 'FROM a:1 AS scratch\n',
      errors: [{ line: 1, column: 13, endColumn: 20, message: /empty image/ }],
    },
    { code: 'FROM a:1 as Context\n', errors: [{ line: 1, column: 13, message: /build context/ }] },
  ],
});
