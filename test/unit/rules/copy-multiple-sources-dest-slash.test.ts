import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-multiple-sources-dest-slash', {
  valid: [
    'FROM a:1\nCOPY a b /dest/\n',
    'FROM a:1\nCOPY a /dest\n',
    'FROM a:1\nENV D=/d/\nCOPY a b $D\n',
    'FROM a:1\nCOPY ["a", "b", "/d/"]\n',
  ],
  invalid: [
    {
      code: 'FROM a:1\nCOPY a b /dest\n',
      errors: [{ line: 2, column: 10, endColumn: 15 }],
      output: 'FROM a:1\nCOPY a b /dest/\n',
    },
    {
      code: 'FROM a:1\nCOPY package.json package-lock.json .\n',
      errors: [{ line: 2, column: 37 }],
      output: 'FROM a:1\nCOPY package.json package-lock.json ./\n',
    },
    {
      code: 'FROM a:1\nCOPY ["a", "b", "/d"]\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM a:1\nCOPY ["a", "b", "/d/"]\n',
    },
    {
      name: 'heredoc counts as a source',
      code: 'FROM a:1\nCOPY <<EOF a /d\nx\nEOF\n',
      errors: [{ line: 2, column: 14 }],
      output: 'FROM a:1\nCOPY <<EOF a /d/\nx\nEOF\n',
    },
  ],
});
