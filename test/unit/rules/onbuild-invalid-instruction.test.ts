import { ruleTester } from '../../helpers/rule-tester';

ruleTester('onbuild-invalid-instruction', {
  valid: ['FROM a:1\nONBUILD RUN x\n'],
  invalid: [
    { code: 'FROM a:1\nONBUILD FROM b:1\n', errors: [{ line: 2, column: 9, endColumn: 13 }] },
    {
      code: 'FROM a:1\nonbuild onbuild run x\nONBUILD MAINTAINER me\n',
      errors: [
        { line: 2, column: 9 },
        { line: 3, column: 9 },
      ],
    },
  ],
});
