import { ruleTester } from '../../helpers/rule-tester';

ruleTester('missing-healthcheck', {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    {
      name: 'inherited from the base stage',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\nRUN true\n',
    },
    {
      name: 'only the final stage matters',
      code: 'FROM golang:1.22 AS b\nFROM nginx:1.27\nHEALTHCHECK CMD true\n',
    },
    { name: 'no stage at all', code: '# nothing\n' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nCMD ["nginx"]\n',
      errors: [{ line: 1, column: 1, endColumn: 16, message: /no `HEALTHCHECK`/ }],
    },
    {
      name: 'a healthcheck in an unrelated stage does not count',
      code: 'FROM nginx:1.27 AS a\nHEALTHCHECK CMD true\nFROM nginx:1.27 AS b\n',
      errors: [{ line: 3, column: 1, endColumn: 21 }],
    },
  ],
});
