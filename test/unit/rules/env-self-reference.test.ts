import { ruleTester } from '../../helpers/rule-tester';

ruleTester('env-self-reference', {
  valid: [
    'FROM a:1\nENV A=1\nENV B=$A\n',
    { name: 'defined before', code: 'FROM a:1\nENV A=0\nENV A=1 B=$A\n' },
    "FROM a:1\nENV A=1 B='$A'\n",
  ],
  invalid: [
    {
      code: 'FROM a:1\nENV DIR=/opt/app BIN=${DIR}/bin\n',
      errors: [{ line: 2, column: 22, endColumn: 28, message: /DIR/ }],
      output: 'FROM a:1\nENV DIR=/opt/app\nENV BIN=${DIR}/bin\n',
    },
    {
      name: 'continuation: the split replaces it, later continuations stay',
      code: 'FROM a:1\nENV A=1 \\\n    B="$A/x" \\\n    C=3\n',
      errors: [{ line: 3, column: 8 }],
      output: 'FROM a:1\nENV A=1\nENV B="$A/x" \\\n    C=3\n',
    },
    {
      name: 'indentation, keyword casing and CRLF kept; two splits in one ENV; one fix per pair',
      code: 'FROM a:1\r\n  env A=1 B=$A$A C=$B\r\n',
      errors: [
        { line: 2, column: 13 },
        { line: 2, column: 15 },
        { line: 2, column: 20 },
      ],
      output: 'FROM a:1\r\n  env A=1\r\n  env B=$A$A\r\n  env C=$B\r\n',
    },
    {
      name: 'no fix when a later value reads a variable set both before and in this ENV',
      code: 'FROM a:1\nENV HOME=/x\nENV HOME=/root A=1 B=$A D=$HOME\n',
      errors: [{ line: 3, column: 22 }],
    },
    {
      name: 'comment and empty lines inside the continuation stay, between the two ENVs',
      code: 'FROM a:1\nENV A=1 \\\n    # note\n\n    B=$A \\\n    C=2\n',
      errors: [{ line: 5, column: 7 }],
      output: 'FROM a:1\nENV A=1\n    # note\n\nENV B=$A \\\n    C=2\n',
    },
    {
      name: 'escape directive: backtick continuation',
      code: '# escape=`\nFROM a:1\nENV A=1 `\n    B=$A\n',
      errors: [{ line: 4, column: 7 }],
      output: '# escape=`\nFROM a:1\nENV A=1\nENV B=$A\n',
    },
  ],
});
