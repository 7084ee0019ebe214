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
    },
    { code: 'FROM a:1\nENV A=1 \\\n    B="$A/x"\n', errors: [{ line: 3, column: 8 }] },
  ],
});
