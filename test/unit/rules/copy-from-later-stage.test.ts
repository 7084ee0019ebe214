import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-from-later-stage', {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    {
      name: "images and unknown names are other rules' business",
      code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /n\nCOPY --from=nope /a /a\n',
    },
    { name: 'own stage is copy-from-own-stage', code: 'FROM alpine:3.20 AS a\nCOPY --from=a /x /y\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY --from=build /app /app\nFROM golang:1.22 AS build\nRUN go build -o /app\n',
      errors: [
        { line: 2, column: 13, endColumn: 18, message: /stage `build`, which is defined later \(line 3\)/ },
      ],
    },
    {
      name: 'by index, by ARG, case-insensitive name and RUN --mount',
      code: 'ARG SRC=Later\nFROM alpine:3.20\nCOPY --from=1 /a /a\nARG SRC\nCOPY --from=$SRC /b /b\nRUN --mount=type=bind,from=later,target=/m true\nFROM alpine:3.20 AS later\n',
      errors: [
        { line: 3, column: 13 },
        { line: 5, column: 13 },
        { line: 6, column: 28, endColumn: 33, message: /RUN --mount=from=/ },
      ],
    },
  ],
});
