import { ruleTester } from '../../helpers/rule-tester';

const MOVE = 'Move into the first stage (after its FROM)';

ruleTester('instruction-before-from', {
  valid: ['# syntax=docker/dockerfile:1\nARG V=1\nFROM a:$V\nRUN x\n'],
  invalid: [
    {
      code: 'ENV A=1\nARG V=1\nFROM a:1\n',
      errors: [{ line: 1, column: 1, endColumn: 4 }],
      suggestions: [{ title: MOVE, output: 'ARG V=1\nFROM a:1\nENV A=1\n' }],
    },
    { name: 'no FROM: nowhere to move it', code: 'LABEL a=b\n', errors: [{ line: 1, column: 1 }] },
    {
      name: 'several, in order, with their comments and continuations; directives and ARGs stay',
      code: '# syntax=docker/dockerfile:1\n# the language\nENV LANG=C.UTF-8\nARG V=1\nLABEL a=b \\\n      c=d\nFROM a:$V AS \\\n  base\nRUN x\n',
      errors: [
        { line: 3, column: 1 },
        { line: 5, column: 1 },
      ],
      suggestions: [
        {
          title: MOVE,
          output:
            '# syntax=docker/dockerfile:1\nARG V=1\nFROM a:$V AS \\\n  base\n# the language\nENV LANG=C.UTF-8\nLABEL a=b \\\n      c=d\nRUN x\n',
        },
      ],
    },
    {
      name: 'FROM on the last line without a line break; CRLF',
      code: 'ENV A=1\r\nFROM a:1',
      errors: [{ line: 1, column: 1 }],
      suggestions: [{ title: MOVE, output: 'FROM a:1\r\nENV A=1\r\n' }],
    },
  ],
});
