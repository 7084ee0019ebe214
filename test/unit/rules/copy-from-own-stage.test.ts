import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-from-own-stage', {
  valid: ['FROM a:1 AS build\nFROM b:1 AS app\nCOPY --from=build /x /x\n'],
  invalid: [
    {
      code: 'FROM a:1 AS build\nCOPY --from=build /x /y\n',
      errors: [{ line: 2, column: 13, endColumn: 18 }],
    },
    { code: 'FROM a:1\nFROM b:1\nCOPY --from=1 /x /y\n', errors: [{ line: 3, column: 13 }] },
  ],
});
