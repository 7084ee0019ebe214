import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apk-pin-versions', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git~2.45 "bash>5"\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/pkg.apk $DEPS\n',
    'FROM alpine:3.20\nRUN apk del curl\n',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 24, endColumn: 28, message: /`curl=<version>`/ }],
    },
    {
      name: 'the -t value is not a package; continuation; ONBUILD',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache -t .deps \\\n      make\nONBUILD RUN apk --no-cache add git\n',
      errors: [
        { line: 3, column: 7, endColumn: 11 },
        { line: 4, column: 32 },
      ],
    },
  ],
});
