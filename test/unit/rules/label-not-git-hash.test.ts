import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'hash' } } } };

ruleTester('label-not-git-hash', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="HEAD"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="a1b2c3d"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="0123456789abcdef0123456789abcdef01234567"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    { ...schema, name: 'other keys are not checked', code: 'FROM alpine:3.20\nLABEL w="HEAD"\n' },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="A1B2C3D"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="a1b2c3"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="g123456"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="main"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="HEAD"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
