import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { maintainer: 'text', other: 'url' } } } };

ruleTester('label-empty', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL maintainer=""\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL maintainer="me" unlisted=""\n' },
    {
      ...schema,
      name: 'a variable without a known value is not judged',
      code: 'FROM alpine:3.20\nARG M\nLABEL maintainer=$M\n',
    },
  ],
  invalid: [
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL maintainer=""\n',
      errors: [{ line: 2, column: 7, endColumn: 20, message: /`maintainer` is empty/ }],
    },
    {
      ...schema,
      name: 'empty through an ARG default',
      code: 'FROM alpine:3.20\nARG M=\nLABEL other=${M}\n',
      errors: [{ line: 3, column: 7 }],
    },
  ],
});
