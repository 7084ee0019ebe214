import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../../server/src/core/compose/project';

const fs = () =>
  new MemoryFileSystem({
    '/p/.env': 'APP_DIR=app\n',
    '/p/web.env': 'A=1\n',
    '/p/app/Dockerfile': 'FROM node:22\n',
    '/p/api/Dockerfile.dev': 'FROM node:22\n',
    '/p/secrets/token.txt': 'x\n',
  });
const opts = () => ({ path: '/p/compose.yaml', fs: fs() });

describe('with an empty shell environment', () => {
  before(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  ruleTester('compose-missing-file', {
    valid: [
      {
        code: 'services:\n  web:\n    build: ./app\n    env_file: [web.env, {path: ./local.env, required: false}]\n  api:\n    build:\n      context: api\n      dockerfile: Dockerfile.dev\n  x:\n    build: ${APP_DIR}\n  remote:\n    build: https://github.com/docker/app.git#main\nsecrets:\n  token:\n    file: ./secrets/token.txt\n',
        options: opts(),
      },
      {
        name: 'says nothing without a file system',
        code: 'services:\n  web:\n    build: ./nope\n    env_file: nope.env\n',
      },
      {
        name: '`build: !reset null` in an override removes the build (no context `null` to look for)',
        code: 'services:\n  web:\n    build: !reset null\n    image: registry.example.com/web:1.0\n    env_file: !reset []\n',
        options: { path: '/p/compose.prod.yaml', fs: fs() },
      },
      {
        name: '`build: !reset` with no value, block style',
        code: 'services:\n  web:\n    build: !reset\n    image: registry.example.com/web:1.0\n',
        options: { path: '/p/compose.prod.yaml', fs: fs() },
      },
      {
        name: 'unknown variables are skipped',
        code: 'services:\n  web:\n    build: ${UNSET_DIR}\n',
        options: opts(),
      },
    ],
    invalid: [
      {
        code: 'services:\n  web:\n    image: a:1\n    env_file:\n      - web.env\n      - missing.env\n',
        options: opts(),
        errors: [{ line: 6, column: 9, endColumn: 20, message: /`env_file` `missing.env` does not exist/ }],
      },
      {
        name: 'build context, Dockerfile, secret file',
        code: 'services:\n  a:\n    build: ./nope\n    extends:\n      file: base.yaml\n      service: x\n  b:\n    build:\n      context: app\n      dockerfile: Dockerfile.prod\n  c:\n    build: api\nsecrets:\n  s:\n    file: ./secrets/none.txt\n',
        options: opts(),
        errors: [
          { line: 3, column: 12, message: /Build context `.\/nope` does not exist/ },
          { line: 5, column: 13, message: /The `extends` file `base.yaml` does not exist/ },
          { line: 10, column: 19, message: /Dockerfile `Dockerfile.prod` does not exist/ },
          { line: 12, column: 12, message: /has no `Dockerfile`/ },
          { line: 15, column: 11, message: /secret file/ },
        ],
      },
    ],
  });
});
