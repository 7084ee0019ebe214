import { ruleTester } from '../../helpers/rule-tester';

ruleTester('invalid-default-arg-in-from', {
  valid: [
    'ARG V=3\nFROM alpine:$V\n',
    'FROM alpine:$UNDECLARED\n',
    'FROM $TARGETOS\n',
    'ARG B=scratch\nFROM $B\n',
  ],
  invalid: [
    { code: 'ARG BASE\nFROM $BASE\n', errors: [{ line: 2, column: 6, endColumn: 11, message: /empty/ }] },
    {
      code: 'ARG TAG\nFROM alpine:${TAG}\n',
      errors: [{ line: 2, column: 6, message: /`alpine:`/ }],
    },
  ],
});
