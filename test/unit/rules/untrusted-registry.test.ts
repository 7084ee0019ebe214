import { ruleTester } from '../../helpers/rule-tester';

const config = { trustedRegistries: ['docker.io', '*.example.com'] };
ruleTester('untrusted-registry', {
  valid: [
    { code: 'FROM ghcr.io/x/y:1\n', name: 'off without configuration' },
    { code: 'FROM alpine:3\nFROM r.example.com/a:1\nCOPY --from=0 / /x\n', options: { config } },
    { code: 'FROM alpine:3 AS a\nFROM a\n', options: { config } },
  ],
  invalid: [
    {
      code: 'FROM ghcr.io/x/y:1\nCOPY --from=quay.io/z:1 /a /a\nRUN --mount=from=gcr.io/q:1,target=/q true\n',
      options: { config },
      errors: [
        { line: 1, column: 6, endColumn: 19, message: /ghcr.io/ },
        { line: 2, column: 13, endColumn: 24 },
        { line: 3, column: 18 },
      ],
    },
  ],
});
