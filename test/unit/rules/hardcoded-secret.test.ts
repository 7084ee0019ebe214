import { ruleTester } from '../../helpers/rule-tester';

ruleTester('hardcoded-secret', {
  valid: [
    'FROM alpine:3.20\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\n',
    { name: 'no value', code: 'FROM alpine:3.20\nARG API_TOKEN\n' },
    { name: 'variable reference with default', code: 'FROM alpine:3.20\nARG T\nENV API_TOKEN=${T:-}\n' },
    {
      name: 'a path to a secret file',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD_PATH=/run/secrets/db SECRET_KEY_DIR=/keys\n',
    },
    {
      name: 'booleans, numbers and durations',
      code: 'FROM alpine:3.20\nENV AUTH=false TOKEN=0 SECRET_ROTATION=30d\n',
    },
    {
      name: 'names describing the secret, not holding it',
      code: 'FROM alpine:3.20\nENV TOKEN_TTL=3600 SECRET_NAME=db-creds AUTH_TYPE=basic\n',
    },
    {
      name: 'URL without credentials',
      code: 'FROM alpine:3.20\nENV AUTH_SERVER=https://auth.example.com/\n',
    },
    { name: 'not a secret name', code: 'FROM alpine:3.20\nENV MONKEY=banana USERNAME=app\n' },
    {
      name: 'GPG key fingerprints are public',
      code: 'FROM alpine:3.20\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n',
    },
  ],
  invalid: [
    {
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=postgres\n',
      errors: [{ line: 2, column: 23, endColumn: 31, message: /hard-coded value.*docker run -e/ }],
    },
    {
      name: 'ARG default, quoted',
      code: 'FROM alpine:3.20\nARG API_KEY="sk-123456"\n',
      errors: [{ line: 2, column: 13, endColumn: 24, message: /RUN --mount=type=secret/ }],
    },
    {
      name: 'legacy ENV form and a URL with a password',
      code: 'FROM alpine:3.20\nENV SECRET_KEY django-insecure-abc\nENV DATABASE_AUTH=postgres://u:p@db/app\n',
      errors: [
        { line: 2, column: 16 },
        { line: 3, column: 19 },
      ],
    },
    {
      name: 'ONBUILD ENV',
      code: 'FROM alpine:3.20\nONBUILD ENV MY_TOKEN=abc\n',
      errors: [{ line: 2, column: 22 }],
    },
  ],
});
