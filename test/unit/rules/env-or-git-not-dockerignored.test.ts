import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';
import { lintText } from '../../../server/src/core/engine';
import { applyEdits } from '../../../server/src/core/fix';

const df = 'FROM python:3.12-slim\nCOPY . /app\n';
const at = (files: Record<string, string>) => ({ path: '/p/Dockerfile', fs: memfs(files) });

ruleTester('env-or-git-not-dockerignored', {
  valid: [
    { name: 'no file system: silent', code: df },
    { name: "no .dockerignore is missing-dockerignore's business", code: df, options: at({}) },
    {
      name: 'both excluded',
      code: df,
      options: at({ '/p/.dockerignore': '.git\n.env\n', '/p/.git/HEAD': '' }),
    },
    {
      name: 'allow-list style',
      code: df,
      options: at({ '/p/.dockerignore': '*\n!app\n', '/p/.git/HEAD': '' }),
    },
    {
      name: '.git not reported when the context is no repository',
      code: df,
      options: at({ '/p/.dockerignore': '.env*\n' }),
    },
    {
      name: 'no whole-context copy',
      code: 'FROM python:3.12\nCOPY app.py .\n',
      options: at({ '/p/.dockerignore': 'x\n' }),
    },
  ],
  invalid: [
    {
      code: df,
      options: at({ '/p/.dockerignore': '__pycache__\n', '/p/.git/HEAD': '' }),
      errors: [{ line: 2, column: 6, endColumn: 7, message: /does not exclude `.env` and `.git`/ }],
    },
    {
      name: 'a negation re-includes .env',
      code: df,
      options: at({ '/p/.dockerignore': '.env*\n!.env\n' }),
      errors: [{ line: 2, column: 6, message: /`.env`: secrets/ }],
    },
  ],
});

describe('env-or-git-not-dockerignored suggestion', () => {
  it('appends the missing entries to the existing .dockerignore, with its line endings', () => {
    const ignore = '# mine\r\nnode_modules';
    const f = lintText(df, 'dockerfile', {
      config: { rules: { 'env-or-git-not-dockerignored': 'warning' } },
      only: ['env-or-git-not-dockerignored'],
      ...at({ '/p/.dockerignore': ignore, '/p/.git/HEAD': '' }),
    });
    const other = f[0].suggestions![0].otherFiles![0];
    assert.equal(other.path, '/p/.dockerignore');
    assert.equal(applyEdits(ignore, other.edits), '# mine\r\nnode_modules\r\n.env\r\n.git\r\n');
  });
});
