import { ruleTester } from '../../helpers/rule-tester';

ruleTester('legacy-key-value-format', {
  valid: ['FROM a:1\nENV A=1 B="x y"\nLABEL a=b\n', 'FROM a:1\nARG A\n'],
  invalid: [
    {
      code: 'FROM a:1\nENV LANG C.UTF-8\n',
      errors: [{ line: 2, column: 5, endColumn: 9 }],
      output: 'FROM a:1\nENV LANG=C.UTF-8\n',
    },
    {
      name: 'several words are quoted',
      code: 'FROM a:1\nLABEL description the app\n',
      errors: [{ line: 2, column: 7 }],
      output: 'FROM a:1\nLABEL description="the app"\n',
    },
    {
      name: 'quoted value kept',
      code: 'FROM a:1\nENV A "x y"\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM a:1\nENV A="x y"\n',
    },
    {
      name: 'quotes among several words: no fix',
      code: 'FROM a:1\nENV A b "c d"\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
