import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'semver' } } } };

ruleTester('label-not-semver', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="1.2"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="1.0.0"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="2.0.0-rc.1+build.5"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="0.0.1-alpha"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    { ...schema, name: 'other keys are not checked', code: 'FROM alpine:3.20\nLABEL w="1.2"\n' },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="v1.0.0"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="1.0"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="01.0.0"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="1.0.0-"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="1.2"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
