import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-from-unknown-stage', {
  valid: [
    'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\nCOPY --from=0 /y /y\n',
    'FROM b:1\nCOPY --from=nginx:1 /etc/nginx /etc/nginx\n',
    'ARG S=build\nFROM a:1 AS build\nFROM b:1\nARG S\nCOPY --from=$S /x /x\n',
  ],
  invalid: [
    {
      code: 'FROM a:1 AS builder\nFROM b:1\nCOPY --from=biulder /x /x\n',
      errors: [{ line: 3, column: 13, endColumn: 20, message: /did you mean `builder`/ }],
    },
    { code: 'FROM b:1\nCOPY --from=3 /x /x\n', errors: [{ line: 2, column: 13, message: /no stage 3/ }] },
  ],
});
