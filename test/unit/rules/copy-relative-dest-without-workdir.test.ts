import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-relative-dest-without-workdir', {
  valid: [
    'FROM a:1\nCOPY a /app/\n',
    'FROM a:1\nWORKDIR /app\nCOPY a .\n',
    { name: 'WORKDIR in the base stage', code: 'FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY a .\n' },
  ],
  invalid: [
    { code: 'FROM a:1\nCOPY a .\nWORKDIR /app\n', errors: [{ line: 2, column: 8, endColumn: 9 }] },
    { code: 'FROM a:1\nCOPY ["a", "app/"]\n', errors: [{ line: 2, column: 12 }] },
  ],
});
