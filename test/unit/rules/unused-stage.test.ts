import { ruleTester } from '../../helpers/rule-tester';

ruleTester('unused-stage', {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    { name: 'used by index', code: 'FROM alpine:3.20\nRUN true\nFROM alpine:3.20\nCOPY --from=0 /x /x\n' },
    {
      name: 'named stages may be --target builds',
      code: 'FROM alpine:3.20 AS dev\nRUN true\nFROM alpine:3.20 AS prod\n',
    },
    {
      name: 'used through RUN --mount',
      code: 'FROM alpine:3.20\nRUN echo > /x\nFROM alpine:3.20\nRUN --mount=from=0,target=/m cat /m/x\n',
    },
    { name: 'a single stage', code: 'FROM alpine:3.20\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nRUN go build\nFROM alpine:3.20\nCMD ["sh"]\n',
      errors: [{ line: 1, column: 1, endColumn: 17, message: /has no name, so no build ever runs it/ }],
    },
    {
      name: 'named stages with the `named` option; used only by another unused stage',
      code: 'FROM alpine:3.20 AS a\nFROM a AS b\nFROM alpine:3.20 AS final\n',
      options: { config: { rules: { 'unused-stage': ['info', { named: true }] } } },
      errors: [
        { line: 1, column: 1, endColumn: 22, message: /--target a/ },
        { line: 2, column: 1 },
      ],
    },
  ],
});
