import { ruleTester } from '../../helpers/rule-tester';

ruleTester('duplicate-cmd-entrypoint-healthcheck', {
  valid: [
    'FROM a:1\nCMD ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD true\n',
    { name: 'one per stage', code: 'FROM a:1 AS x\nCMD ["a"]\nFROM b:1\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM a:1\n# first\nCMD ["a"]\nRUN x\nCMD ["b"]\n',
      errors: [{ line: 3, column: 1, endColumn: 4, message: /line 5/ }],
      output: 'FROM a:1\n# first\nRUN x\nCMD ["b"]\n',
    },
    {
      name: 'entrypoint and a continued healthcheck',
      code: 'FROM a:1\nENTRYPOINT ["a"]\nHEALTHCHECK --interval=5s \\\n  CMD true\nENTRYPOINT ["b"]\nHEALTHCHECK NONE\n',
      errors: [
        { line: 2, column: 1 },
        { line: 3, column: 1 },
      ],
      output: 'FROM a:1\nENTRYPOINT ["b"]\nHEALTHCHECK NONE\n',
    },
  ],
});
