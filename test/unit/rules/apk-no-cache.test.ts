import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apk-no-cache', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    'FROM alpine:3.20\nRUN apk --no-cache add curl=8.9.1-r0\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0\n',
    'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0 && rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps $deps\n',
    'FROM alpine:3.20\nRUN apk del curl\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n',
      errors: [{ line: 2, column: 5, endColumn: 12, message: /--no-cache/ }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    },
    {
      name: 'flags before add, continuation, ONBUILD, heredoc',
      code: 'FROM alpine:3.20\nONBUILD RUN apk -U \\\n  add git=2\nRUN <<EOF\napk add make=4\nEOF\n',
      errors: [
        { line: 2, column: 13, endLine: 3, endColumn: 6 },
        { line: 5, column: 1 },
      ],
      output:
        'FROM alpine:3.20\nONBUILD RUN apk -U \\\n  add --no-cache git=2\nRUN <<EOF\napk add --no-cache make=4\nEOF\n',
    },
  ],
});
