import { ruleTester } from '../../helpers/rule-tester';

ruleTester('maintainer-deprecated', {
  valid: [
    'FROM debian:12\nLABEL org.opencontainers.image.authors="a@b.c"\n',
    'FROM debian:12\n# MAINTAINER in a comment\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n',
      errors: [{ line: 2, column: 1, endColumn: 11 }],
      output:
        'FROM debian:12\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN true\n',
    },
    {
      name: 'lower-case keyword keeps the file casing',
      code: 'from debian:12\nmaintainer "Jane"\n',
      errors: [{ line: 2, column: 1 }],
      output: 'from debian:12\nlabel org.opencontainers.image.authors="\\"Jane\\""\n',
    },
    {
      name: 'ONBUILD MAINTAINER is reported without a fix',
      code: 'FROM debian:12\nONBUILD MAINTAINER Jane\n',
      errors: [{ line: 2, column: 9 }],
    },
  ],
});
