import { ruleTester } from '../../helpers/rule-tester';

const schema = { options: { config: { labelSchema: { v: 'spdx' } } } };

ruleTester('label-not-spdx', {
  valid: [
    { name: 'no schema: silent', code: 'FROM alpine:3.20\nLABEL v="Apache License"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="MIT"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="Apache-2.0"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="MIT OR Apache-2.0"\n' },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL v="(GPL-2.0-or-later WITH Classpath-exception-2.0) AND BSD-3-Clause"\n',
    },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="LicenseRef-Proprietary"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="GPL-2.0+"\n' },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="mit"\n' },
    { ...schema, name: "empty values are label-empty's business", code: 'FROM alpine:3.20\nLABEL v=""\n' },
    { ...schema, name: 'other keys are not checked', code: 'FROM alpine:3.20\nLABEL w="Apache License"\n' },
  ],
  invalid: [
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="MIT License"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="Apache 2.0"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="GPL"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="MIT AND"\n', errors: [{ line: 2, column: 9 }] },
    { ...schema, code: 'FROM alpine:3.20\nLABEL v="(MIT"\n', errors: [{ line: 2, column: 9 }] },
    {
      ...schema,
      name: 'value from an ARG default, exact range',
      code: 'FROM alpine:3.20\nARG X="Apache License"\nLABEL v=$X\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: /Label `v` must be/ }],
    },
  ],
});
