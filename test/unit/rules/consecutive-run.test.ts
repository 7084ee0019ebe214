import { ruleTester } from '../../helpers/rule-tester';

ruleTester('consecutive-run', {
  valid: [
    'FROM a:1\nRUN a\nCOPY . .\nRUN b\n',
    { name: 'different flags', code: 'FROM a:1\nRUN --network=none a\nRUN b\n' },
    { name: 'long RUNs', code: 'FROM a:1\nRUN a && b && c\nRUN d\n' },
    { name: 'other stages', code: 'FROM a:1\nRUN a\nFROM b:1\nRUN b\n' },
  ],
  invalid: [
    {
      code: 'FROM a:1\nRUN apt-get update\n# then\nRUN make\n',
      errors: [{ line: 4, column: 1, endColumn: 4 }],
      output: 'FROM a:1\nRUN apt-get update \\\n# then\n    && make\n',
    },
    {
      name: 'three in a row merge into one',
      code: 'FROM a:1\nRUN a\n\nRUN b\nRUN c\n',
      errors: [
        { line: 4, column: 1 },
        { line: 5, column: 1 },
      ],
      output: 'FROM a:1\nRUN a \\\n    && b \\\n    && c\n',
    },
    {
      name: 'no fix when `;` or `||` would change the meaning',
      code: 'FROM a:1\nRUN a\nRUN b || c\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});
