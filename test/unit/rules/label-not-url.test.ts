import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'url' } } } };

ruleTester('label-not-url', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="www.example.com"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="https://example.com/x"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="http://localhost:8080/a?b=c"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="urn:isbn:0451450523"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    { ...schema, name: 'other keys are not checked', code: 'FROM alpine:3.20\nLABEL w="www.example.com"\n' },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="example.com"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL v="https://exa mple.com"\n',
      errors: [{ line: 2, column: 9 }],
    },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="not a url"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="www.example.com"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
