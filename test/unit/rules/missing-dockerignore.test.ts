import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';
import { lintText } from '../../../server/src/core/engine';
import { compilePatterns, isExcluded } from '../../../server/src/core/dockerignore/matcher';

const py = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n';
const at = (files: Record<string, string>) => ({ path: '/p/Dockerfile', fs: memfs(files) });

ruleTester('missing-dockerignore', {
  valid: [
    { name: 'no file system: silent', code: py },
    { name: '.dockerignore present', code: py, options: at({ '/p/.dockerignore': '.git\n' }) },
    {
      name: '<Dockerfile>.dockerignore present',
      code: py,
      options: at({ '/p/Dockerfile.dockerignore': '.git\n' }),
    },
    { name: 'no whole-context copy', code: 'FROM python:3.12-slim\nCOPY app.py .\n', options: at({}) },
    {
      name: 'COPY --from . is not the context',
      code: 'FROM alpine:3.20\nCOPY --from=build . .\n',
      options: at({}),
    },
  ],
  invalid: [
    {
      code: py,
      options: at({ '/p/app.py': '' }),
      errors: [{ line: 3, column: 6, endColumn: 7, message: /no `.dockerignore`/ }],
    },
    {
      name: 'ADD ./ and lower case',
      code: 'from node:22\nadd ./ /app\n',
      options: at({}),
      errors: [{ line: 2, column: 5, endColumn: 7 }],
    },
  ],
});

describe('missing-dockerignore suggestion', () => {
  const suggestion = (code: string, files: Record<string, string> = {}) => {
    const f = lintText(code, 'dockerfile', {
      config: { rules: { 'missing-dockerignore': 'warning' } },
      only: ['missing-dockerignore'],
      ...at(files),
    });
    assert.equal(f.length, 1);
    assert.equal(f[0].fix, undefined);
    const s = f[0].suggestions![0];
    assert.deepEqual(s.edits, []);
    assert.equal(s.otherFiles!.length, 1);
    assert.equal(s.otherFiles![0].path, '/p/.dockerignore');
    assert.equal(s.otherFiles![0].create, true);
    return s.otherFiles![0].edits[0].newText;
  };

  it('Python projects get Python entries, always .git and .env, and no Node entries', () => {
    const text = suggestion(py);
    const ps = compilePatterns(text.split('\n'));
    for (const p of [
      '.git/config',
      '.env',
      'pkg/__pycache__/m.cpython-312.pyc',
      'a/b.pyc',
      '.venv/bin/python',
      '.vscode/settings.json',
    ])
      assert.ok(isExcluded(ps, p), p);
    assert.ok(!isExcluded(ps, 'app.py'));
    assert.ok(!isExcluded(ps, 'Dockerfile'), 'the Dockerfile stays');
    assert.ok(!text.includes('node_modules'));
  });

  it('Node projects, detected from package.json in the context', () => {
    const text = suggestion('FROM alpine:3.20\nCOPY . .\n', { '/p/package.json': '{}' });
    assert.ok(isExcluded(compilePatterns(text.split('\n')), 'node_modules/x/index.js'));
    assert.ok(!text.includes('__pycache__'));
  });

  it('never ignores a file the Dockerfile copies, and keeps the line endings', () => {
    const text = suggestion('FROM python:3.12\r\nCOPY .env.production /app/.env\r\nCOPY . .\r\n');
    const ps = compilePatterns(text.split(/\r?\n/));
    assert.ok(!isExcluded(ps, '.env.production'));
    assert.ok(isExcluded(ps, '.env'));
    assert.ok(text.includes('\r\n') && !/[^\r]\n/.test(text));
  });
});
