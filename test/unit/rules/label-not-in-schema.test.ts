import { ruleTester } from '../../helpers/rule-tester';

const strict = { options: { config: { labelSchema: { maintainer: 'text' }, strictLabels: true } } };

ruleTester('label-not-in-schema', {
  valid: [
    {
      name: 'no schema: silent',
      code: 'FROM alpine:3.20\nLABEL foo=bar\n',
      options: { config: { strictLabels: true } },
    },
    {
      name: 'schema without strict-labels: silent',
      code: 'FROM alpine:3.20\nLABEL foo=bar\n',
      options: { config: { labelSchema: { maintainer: 'text' } } },
    },
    { ...strict, code: 'FROM alpine:3.20\nLABEL maintainer=me\n' },
  ],
  invalid: [
    {
      ...strict,
      code: 'FROM alpine:3.20\nLABEL maintainer=me \\\n      "org.example.x"="1"\n',
      errors: [{ line: 3, column: 7, endColumn: 22, message: /`org.example.x` is not in the label schema/ }],
    },
    {
      ...strict,
      name: 'legacy whitespace form',
      code: 'FROM alpine:3.20\nLABEL version 1.0\n',
      errors: [{ line: 2, column: 7, endColumn: 14 }],
    },
  ],
});
