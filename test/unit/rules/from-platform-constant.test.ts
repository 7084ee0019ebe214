import { ruleTester } from '../../helpers/rule-tester';

ruleTester('from-platform-constant', {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1\n',
    { name: 'stage named for its platform', code: 'FROM --platform=linux/arm64 alpine:3 AS build-arm64\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine:3 AS build\n',
      errors: [{ line: 1, column: 17, endColumn: 28, message: /BUILDPLATFORM/ }],
    },
  ],
});
