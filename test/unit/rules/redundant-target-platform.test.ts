import { ruleTester } from '../../helpers/rule-tester';

ruleTester('redundant-target-platform', {
  valid: ['FROM --platform=$BUILDPLATFORM golang:1 AS b\n', 'FROM alpine:3\n'],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3\n',
      errors: [{ line: 1, column: 6, endColumn: 32 }],
      output: 'FROM alpine:3\n',
    },
    {
      code: 'FROM --platform=${TARGETPLATFORM}  alpine:3 AS x\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM alpine:3 AS x\n',
    },
  ],
});
