import { ruleTester } from '../../helpers/rule-tester';

const schema = {
  options: { config: { labelSchema: { maintainer: 'text', 'org.opencontainers.image.version': 'semver' } } },
};

ruleTester('label-missing', {
  valid: [
    { name: 'no schema configured: silent', code: 'FROM alpine:3.20\nRUN true\n' },
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL maintainer="a@b.c" org.opencontainers.image.version=1.0.0\n',
    },
    {
      ...schema,
      name: 'labels inherited from the base stage count; builder stages are exempt',
      code:
        'FROM golang:1.22 AS build\nRUN go build\n' +
        'FROM alpine:3.20 AS base\nLABEL maintainer=x\nLABEL org.opencontainers.image.version=1.2.3\n' +
        'FROM base\nCOPY --from=build /out /app\n',
    },
  ],
  invalid: [
    {
      ...schema,
      code: 'FROM alpine:3.20\nLABEL maintainer=x\n',
      errors: [
        { line: 1, column: 1, endColumn: 17, message: /`org.opencontainers.image.version` is missing/ },
      ],
    },
    {
      ...schema,
      name: 'every stage that is not used by another one, lower-case keywords',
      code: 'from alpine:3.20 as dev\nlabel maintainer=x\nfrom alpine:3.20 AS prod\n',
      errors: [
        { line: 1, column: 1, endColumn: 24, message: /Label `org.opencontainers.image.version` is missing/ },
        {
          line: 3,
          column: 1,
          message: /Labels `maintainer`, `org.opencontainers.image.version` are missing/,
        },
      ],
    },
    {
      ...schema,
      name: 'ONBUILD LABEL does not label this image',
      code: 'FROM alpine:3.20\nONBUILD LABEL maintainer=x org.opencontainers.image.version=1.0.0\n',
      errors: [{ line: 1, column: 1 }],
    },
  ],
});
