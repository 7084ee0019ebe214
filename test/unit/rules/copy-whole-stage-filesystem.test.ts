import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-whole-stage-filesystem', {
  valid: ['FROM a:1 AS b\nFROM c:1\nCOPY --from=b /app /app\n', 'FROM c:1\nCOPY --from=img:1 / /\n'],
  invalid: [
    {
      code: 'FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /\n',
      errors: [{ line: 3, column: 15, endColumn: 16 }],
    },
    { code: 'FROM a:1 AS b\nFROM c:1\nCOPY --from=b ["/", "/"]\n', errors: [{ line: 3, column: 16 }] },
  ],
});
