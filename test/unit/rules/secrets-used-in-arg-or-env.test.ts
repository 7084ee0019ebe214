import { ruleTester } from '../../helpers/rule-tester';

ruleTester('secrets-used-in-arg-or-env', {
  valid: [
    'FROM alpine:3.20\nARG VERSION=1\nENV APP_HOME=/app\n',
    {
      name: 'allowed parts: public, file, gpg, version',
      code: 'FROM alpine:3.20\nARG PUBLIC_KEY\nENV GPG_KEY=ABC PASSWORD_FILE=/run/secrets/p TOKEN_VERSION=2\n',
    },
    {
      name: 'hadolint substrings username/private alone are not secrets',
      code: 'FROM golang:1.22\nENV GOPRIVATE=github.com/acme/*\nARG USERNAME=app\n',
    },
    {
      name: 'token must be a whole part for BuildKit',
      code: 'FROM alpine:3.20\nARG MONKEY=1\nARG AUTHOR=me\n',
    },
    { name: 'ENV value mentioning a secret word', code: 'FROM alpine:3.20\nENV MODE=password\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\n',
      errors: [{ line: 2, column: 5, endColumn: 17, message: /build history.*--mount=type=secret/ }],
    },
    {
      name: 'BuildKit token match (api_key parts) and hadolint substring match (DB_PASSWORD2)',
      code: 'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=x \\\n    DB_PASSWORD2=y\n',
      errors: [
        { line: 2, column: 5, endColumn: 26, message: /stored in the image/ },
        { line: 3, column: 5 },
      ],
    },
    {
      name: 'hadolint known name, global ARG, ONBUILD and legacy ENV form',
      code: 'ARG DOCKER_USERNAME\nFROM alpine:3.20\nONBUILD ENV client_key abc\n',
      errors: [
        { line: 1, column: 5 },
        { line: 3, column: 13 },
      ],
    },
    {
      name: 'lower-case keyword, BuildKit token "auth"',
      code: 'from alpine:3.20\narg NPM_AUTH=1\n',
      errors: [{ line: 2, column: 5, endColumn: 13 }],
    },
  ],
});
