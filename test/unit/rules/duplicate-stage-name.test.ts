import { ruleTester } from '../../helpers/rule-tester';

ruleTester('duplicate-stage-name', {
  valid: ['FROM a:1 AS build\nFROM b:1 AS test\n', 'FROM a:1\nFROM a:1\n'],
  invalid: [
    {
      code: 'FROM a:1 AS build\nRUN x\nFROM b:1 AS Build\n',
      errors: [{ line: 3, column: 13, endColumn: 18, message: /line 1/ }],
    },
  ],
});
