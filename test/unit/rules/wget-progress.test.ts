import { ruleTester } from '../../helpers/rule-tester';

ruleTester('wget-progress', {
  valid: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/x\n',
    'FROM debian:12\nRUN wget -q https://example.com/x\n',
    'FROM debian:12\nRUN wget -qO- https://example.com/x > x\n',
    'FROM debian:12\nRUN wget -nv https://example.com/x\n',
    'FROM debian:12\nRUN wget -o /dev/null https://example.com/x\n',
    'FROM debian:12\nRUN echo wget\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget -O /tmp/x https://example.com/x\n',
      errors: [{ line: 2, column: 5, endColumn: 9, message: /--progress=dot:giga/ }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/x https://example.com/x\n',
    },
    {
      name: 'Alpine (BusyBox wget): no fix, -q only as a suggestion',
      code: 'FROM alpine:3.20\nRUN wget -O /tmp/x https://example.com/x\n',
      errors: [{ line: 2, column: 5, message: /-q/ }],
    },
    {
      name: 'Alpine base through a stage, ONBUILD on Debian',
      code: 'FROM python:3.12-alpine AS base\nFROM base\nRUN wget https://e.com/x\nFROM debian:12\nONBUILD RUN wget https://e.com/y\n',
      errors: [
        { line: 3, column: 5 },
        { line: 5, column: 13 },
      ],
      output:
        'FROM python:3.12-alpine AS base\nFROM base\nRUN wget https://e.com/x\nFROM debian:12\nONBUILD RUN wget --progress=dot:giga https://e.com/y\n',
    },
  ],
});
