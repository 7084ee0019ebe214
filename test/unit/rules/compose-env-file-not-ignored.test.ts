import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../../server/src/core/compose/project';
import { gitIgnores } from '../../../server/src/core/rules/compose/compose-env-file-not-ignored';

const COMPOSE =
  'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n';
const ENV = 'DB_USER=app\nDB_PASSWORD=s3cret\n';
const opts = (files: Record<string, string>) => ({
  path: '/p/compose.yaml',
  fs: new MemoryFileSystem({ '/p/.git/HEAD': 'ref: refs/heads/main\n', ...files }),
});

describe('with an empty shell environment', () => {
  before(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  ruleTester('compose-env-file-not-ignored', {
    valid: [
      { name: 'says nothing without a file system', code: COMPOSE },
      {
        name: '.env is ignored',
        code: COMPOSE,
        options: opts({ '/p/.env': ENV, '/p/.gitignore': 'node_modules\n.env\n' }),
      },
      {
        name: 'ignored by a pattern in the repository root',
        code: COMPOSE,
        options: {
          ...opts({}),
          path: '/p/deploy/compose.yaml',
          fs: new MemoryFileSystem({
            '/p/.git/HEAD': '',
            '/p/.gitignore': '*.env\n.env*\n!.env.example\n',
            '/p/deploy/.env': ENV,
          }),
        },
      },
      {
        name: 'no secret-looking keys',
        code: 'services:\n  a:\n    image: a:${TAG}\n',
        options: opts({ '/p/.env': 'TAG=1\nPASSWORD_LENGTH=\n' }),
      },
      {
        name: '.env secrets not used by this file',
        code: 'services:\n  a:\n    image: a:1\n',
        options: opts({ '/p/.env': ENV }),
      },
      {
        name: 'not a git repository',
        code: COMPOSE,
        options: { path: '/p/compose.yaml', fs: new MemoryFileSystem({ '/p/.env': ENV }) },
      },
      {
        name: 'env_file: ignored directory, example files, missing files',
        code: 'services:\n  a:\n    image: a:1\n    env_file:\n      - secrets/app.env\n      - app.env.example\n      - missing.env\n',
        options: opts({
          '/p/.gitignore': 'secrets/\n',
          '/p/secrets/app.env': 'API_TOKEN=x\n',
          '/p/app.env.example': 'API_TOKEN=x\n',
        }),
      },
    ],
    invalid: [
      {
        code: COMPOSE,
        options: opts({ '/p/.env': ENV, '/p/.gitignore': 'node_modules\n' }),
        errors: [
          {
            line: 6,
            column: 26,
            endColumn: 40,
            message: /^`\.env` holds `DB_PASSWORD` and git does not ignore it: .*`git rm --cached`/,
          },
        ],
        otherFilesOutput: { '/p/.gitignore': 'node_modules\n.env\n' },
      },
      {
        name: 'a negation brings .env back; no .gitignore yet for an env_file',
        code: 'services:\n  a:\n    image: a:1\n    env_file: [web.env, {path: ./conf/api.env, required: false}]\n',
        options: opts({
          '/p/.gitignore': '*.env\n!web.env\n',
          '/p/web.env': 'SECRET_KEY=abc\nJWT_SECRET=def\nGITHUB_TOKEN=g\nDB_PASSWORD=h\n',
          '/p/conf/api.env': 'API_KEY=1\n',
        }),
        errors: [
          {
            line: 4,
            column: 16,
            endColumn: 23,
            message: /^`web.env` holds `SECRET_KEY`, `JWT_SECRET`, `GITHUB_TOKEN` and 1 more/,
          },
        ],
        otherFilesOutput: { '/p/.gitignore': '*.env\n!web.env\nweb.env\n' },
      },
      {
        name: 'env_file in a directory without .gitignore: one is created there',
        code: 'services:\n  a:\n    image: a:1\n    env_file: ./conf/api.env\n',
        options: opts({ '/p/conf/api.env': 'export API_KEY="1"\n' }),
        errors: [{ line: 4, column: 15 }],
        otherFilesOutput: { '/p/conf/.gitignore': 'api.env\n' },
      },
    ],
  });
});

describe('gitIgnores', () => {
  const fs = new MemoryFileSystem({
    '/r/.git/HEAD': '',
    '/r/.git/info/exclude': 'local.env\n',
    '/r/.gitignore': '# comment\n/top.env\n**/deep/**\nbuild/\n',
    '/r/a/.gitignore': 'x.env\n',
  });
  it('follows git semantics', () => {
    assert.equal(gitIgnores(fs, '/r/top.env'), true);
    assert.equal(gitIgnores(fs, '/r/a/top.env'), false, 'anchored to the root');
    assert.equal(gitIgnores(fs, '/r/a/x.env'), true);
    assert.equal(gitIgnores(fs, '/r/x.env'), false, 'a nested .gitignore applies below it only');
    assert.equal(gitIgnores(fs, '/r/a/deep/b/.env'), true);
    assert.equal(gitIgnores(fs, '/r/a/build/.env'), true, 'an ignored directory');
    assert.equal(gitIgnores(fs, '/r/build'), false, 'a directory-only pattern does not match a file');
    assert.equal(gitIgnores(fs, '/r/local.env'), true, '.git/info/exclude');
    assert.equal(gitIgnores(new MemoryFileSystem({ '/q/.env': '' }), '/q/.env'), undefined);
  });
});
