import { ruleTester } from '../../helpers/rule-tester';

ruleTester('consistent-instruction-casing', {
  valid: ['FROM a:1\nRUN x\n', 'from a:1\nrun x\n', 'FROM a:1\nRNU x\n'],
  invalid: [
    {
      code: 'FROM a:1\nrun x\nCOPY . .\n',
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: 'FROM a:1\nRUN x\nCOPY . .\n',
    },
    {
      name: 'lower-case majority, mixed case, ONBUILD inner keyword',
      code: 'from a:1\nrun x\nRun y\nonbuild COPY . .\n',
      errors: [
        { line: 3, column: 1 },
        { line: 4, column: 9 },
      ],
      output: 'from a:1\nrun x\nrun y\nonbuild copy . .\n',
    },
  ],
});
