import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../../server/src/core/compose/project';
import { dotenvValue } from '../../../server/src/core/rules/compose/compose-inline-secret';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

describe('with an empty shell environment', () => {
  before(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  ruleTester('compose-inline-secret', {
    valid: [
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n      POSTGRES_USER: app\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n      MYSQL_RANDOM_ROOT_PASSWORD: "true"\n      API_KEY:\n',
      'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=${PG_PASS:?set it}\n      - DATABASE_URL=postgres://app:${PG_PASS}@db/app\n      - TOKEN_TTL=3600\n',
    ],
    invalid: [
      {
        code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "s3cret"\n',
        errors: [
          {
            line: 5,
            column: 26,
            endColumn: 34,
            message: /`POSTGRES_PASSWORD` of service `db` is written in the compose file/,
          },
        ],
      },
      {
        name: 'list form and URL credentials',
        code: 'services:\n  api:\n    image: a:1\n    environment:\n      - JWT_SECRET=abc123\n      - DATABASE_URL=postgres://app:hunter2@db/app\n',
        errors: [
          { line: 5, column: 20, endColumn: 26, message: /`JWT_SECRET`/ },
          { line: 6, column: 22, message: /URL in `DATABASE_URL` .* contains a password/ },
        ],
      },
    ],
  });

  describe('compose-inline-secret: move to .env', () => {
    const code =
      'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "s3cret #1"\n';
    const listCode = 'services:\n  api:\n    image: a:1\n    environment:\n      - API_TOKEN=abc\n';

    it('creates .env, adds it to an existing .gitignore, and references the variable', () => {
      const fs = new MemoryFileSystem({ '/p/.gitignore': 'node_modules\n' });
      const [f] = lintText(code, 'compose', { path: '/p/compose.yaml', fs, only: ['compose-inline-secret'] });
      const s = f.suggestions![0];
      assert.equal(s.notForFixAll, true);
      assert.equal(s.edits[0].newText, '"${POSTGRES_PASSWORD}"');
      assert.deepEqual(s.edits[0].range, {
        start: { line: 4, character: 25 },
        end: { line: 4, character: 36 },
      });
      assert.deepEqual(
        s.otherFiles!.map((o) => [o.path, !!o.create, o.edits[0].newText]),
        [
          ['/p/.env', true, "POSTGRES_PASSWORD='s3cret #1'\n"],
          ['/p/.gitignore', false, '.env\n'],
        ],
      );
    });

    it('appends to an existing .env, picks another name when the key is taken, and leaves ignore files that cover .env', () => {
      const fs = new MemoryFileSystem({
        '/p/.env': 'API_TOKEN=other',
        '/p/.gitignore': '/.env\n',
        '/p/.dockerignore': '.env*\n',
      });
      const [f] = lintText(listCode, 'compose', {
        path: '/p/compose.yaml',
        fs,
        only: ['compose-inline-secret'],
      });
      const s = f.suggestions![0];
      assert.equal(s.edits[0].newText, '${API_API_TOKEN}');
      assert.deepEqual(
        s.otherFiles!.map((o) => [o.path, o.edits[0].newText, o.edits[0].range.start]),
        [['/p/.env', '\nAPI_API_TOKEN=abc\n', { line: 0, character: 15 }]],
      );
    });

    it('reuses the .env entry when it already holds the same value', () => {
      const fs = new MemoryFileSystem({ '/p/.env': 'API_TOKEN=abc\n' });
      const [f] = lintText(listCode, 'compose', {
        path: '/p/compose.yaml',
        fs,
        only: ['compose-inline-secret'],
      });
      assert.equal(f.suggestions![0].edits[0].newText, '${API_TOKEN}');
      assert.deepEqual(f.suggestions![0].otherFiles, []);
    });

    it('offers nothing without a file system', () => {
      const [f] = lintText(listCode, 'compose', { only: ['compose-inline-secret'] });
      assert.equal(f.suggestions, undefined);
    });

    it('quotes .env values only when needed', () => {
      assert.equal(dotenvValue('abc-1.2'), 'abc-1.2');
      assert.equal(dotenvValue('a b'), "'a b'");
      assert.equal(dotenvValue("it's $x"), '"it\'s \\$x"');
    });
  });
});

inEmptyShell('compose-inline-secret with interpolation', () => {
  ruleTester('compose-inline-secret', {
    valid: [
      {
        name: 'a variable is not inline, even when .env gives it a value',
        code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASS}\n',
        options: withDotenv('PG_PASS=hunter2\nTOKEN=abc\n'),
      },
      {
        code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - API_TOKEN=${TOKEN}\n',
        options: withDotenv('TOKEN=abc\n'),
      },
    ],
    invalid: [],
  });
});
