import { ruleTester } from '../../helpers/rule-tester';

ruleTester('undefined-arg-in-from', {
  valid: [
    'ARG V=3\nFROM alpine:$V\n',
    'FROM --platform=$BUILDPLATFORM alpine:3\n',
    'FROM alpine:${V:-3}\n',
    'ARG IMG\nFROM $IMG\n',
  ],
  invalid: [
    {
      code: 'ARG VERSION=3\nFROM alpine:$VERSON\n',
      errors: [{ line: 2, column: 13, endColumn: 20, message: /did you mean `VERSION`/ }],
    },
    {
      name: 'declared only inside a stage',
      code: 'FROM alpine:3\nARG TAG=1\nFROM node:${TAG}\n',
      errors: [{ line: 3, column: 11, endColumn: 17, message: /ARG TAG/ }],
    },
    {
      name: 'in the platform flag',
      code: 'FROM --platform=$BUILDPLATFROM alpine:3\n',
      errors: [{ line: 1, column: 17, message: /BUILDPLATFORM/ }],
    },
  ],
});
