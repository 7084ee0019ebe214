import { ruleTester } from '../../helpers/rule-tester';

ruleTester('no-empty-continuation', {
  valid: ['FROM a:1\nRUN a \\\n  # comment\n  && b\n', 'FROM a:1\nRUN a\n\nRUN b\n'],
  invalid: [
    {
      code: 'FROM a:1\nRUN a \\\n\n  && b\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM a:1\nRUN a \\\n  && b\n',
    },
    {
      name: 'CRLF and two empty lines',
      code: 'FROM a:1\r\nRUN a \\\r\n\r\n   \r\n  && b\r\n',
      errors: [
        { line: 3, column: 1 },
        { line: 4, column: 1 },
      ],
      output: 'FROM a:1\r\nRUN a \\\r\n  && b\r\n',
    },
    {
      // moby/buildkit parser testfile env/Dockerfile: the file ends with `\` and its line break, so
      // its last line is empty; the fix removes that line with the break before it (not an empty edit).
      name: 'empty last line after a continuation at the end of the file',
      code: 'FROM a:1\nENV a=1 \\\n    b=2 \\\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM a:1\nENV a=1 \\\n    b=2 \\',
    },
    {
      name: 'whitespace-only last line, CRLF',
      code: 'FROM a:1\r\nRUN a \\\r\n  ',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM a:1\r\nRUN a \\',
    },
  ],
});
