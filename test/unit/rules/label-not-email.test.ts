import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'email' } } } };

ruleTester('label-not-email', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="someone"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="team@example.com"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="first.last+tag@sub.example.org"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="a@localhost"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    { ...schema, name: 'other keys are not checked', code: 'FROM alpine:3.20\nLABEL w="someone"\n' },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="team"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="team@"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="a b@example.com"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL v="Jane <jane@example.com>"\n',
      errors: [{ line: 2, column: 9 }],
    },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="someone"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
