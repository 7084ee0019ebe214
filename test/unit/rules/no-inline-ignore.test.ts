import { ruleTester } from '../../helpers/rule-tester';

ruleTester('no-inline-ignore', {
  valid: ['FROM a:1\n# a plain comment\nRUN x\n'],
  invalid: [
    {
      code: 'FROM a:1\n# hadolint ignore=DL3059\nRUN x\n',
      errors: [{ line: 2, column: 1, endColumn: 25 }],
    },
  ],
});
