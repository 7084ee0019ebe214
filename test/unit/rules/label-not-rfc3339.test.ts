import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'rfc3339' } } } };

ruleTester('label-not-rfc3339', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="2024-05-01T25:00:00Z"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="2024-05-01T12:00:00Z"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="2024-02-29T23:59:60.123+02:00"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="2024-05-01 12:00:00z"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    {
      ...schema,
      name: 'other keys are not checked',
      code: 'FROM alpine:3.20\nLABEL w="2024-05-01T25:00:00Z"\n',
    },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="2024-05-01"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL v="2023-02-29T00:00:00Z"\n',
      errors: [{ line: 2, column: 9 }],
    },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL v="2024-13-01T00:00:00Z"\n',
      errors: [{ line: 2, column: 9 }],
    },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="yesterday"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="2024-05-01T25:00:00Z"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
