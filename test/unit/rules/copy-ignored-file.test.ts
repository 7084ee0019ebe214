import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';
import { lintModel, parseModel } from '../../../server/src/core/engine';
import { emptyConfig } from '../../../server/src/core/config';

const at = (ignore: string) => ({ path: '/p/Dockerfile', fs: memfs({ '/p/.dockerignore': ignore }) });

ruleTester('copy-ignored-file', {
  valid: [
    { name: 'no file system: silent', code: 'FROM alpine:3.20\nCOPY secret.txt /\n' },
    { code: 'FROM alpine:3.20\nCOPY app.py /app/\n', options: at('*.md\n') },
    { name: 're-included', code: 'FROM alpine:3.20\nCOPY README.md /\n', options: at('*.md\n!README.md\n') },
    {
      name: 'wildcards, URLs, --from and the whole context are not judged',
      code: 'FROM alpine:3.20\nCOPY *.md /\nADD https://x.org/a.md /\nCOPY --from=b docs /d\nCOPY . .\n',
      options: at('*.md\ndocs\n'),
    },
    { name: 'unknown variable', code: 'FROM alpine:3.20\nARG F\nCOPY $F /\n', options: at('*\n') },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY docs/guide.md /srv/\n',
      options: at('# docs are built elsewhere\ndocs\n'),
      errors: [
        { line: 2, column: 6, endColumn: 19, message: /excluded by `.dockerignore` \(line 2: `docs`\)/ },
      ],
      // `docs` hides the rest of the folder too: it stays, and the copied file is re-included.
      otherFilesOutput: { '/p/.dockerignore': '# docs are built elsewhere\ndocs\n!docs/guide.md\n' },
    },
    {
      name: 'a pattern naming exactly the copied file: its line is removed',
      code: 'FROM python:3.12-slim\nCOPY requirements.txt .\n',
      options: at('# comment\n/requirements.txt\n*.md\n'),
      errors: [{ line: 2, column: 6, message: /line 2: `\/requirements.txt`/ }],
      otherFilesOutput: { '/p/.dockerignore': '# comment\n*.md\n' },
    },
    {
      name: 'the last line, without a line break',
      code: 'FROM alpine:3.20\nCOPY app.py /\n',
      options: at('.git\n./app.py'),
      errors: [{ line: 2, column: 6 }],
      otherFilesOutput: { '/p/.dockerignore': '.git' },
    },
    {
      name: 'CRLF and a BOM are kept',
      code: 'FROM alpine:3.20\nCOPY app.py /\n',
      options: at('\uFEFFapp.py\r\n*.md\r\n'),
      errors: [{ line: 2, column: 6 }],
      otherFilesOutput: { '/p/.dockerignore': '\uFEFF*.md\r\n' },
    },
    {
      name: 'a wildcard: `!path` after the last pattern that excludes the file',
      code: 'FROM alpine:3.20\nCOPY app/main.py /app/\n',
      options: at('app/*.py\r\nbuild\r\n**/main.py\r\n!build/keep\r\n'),
      errors: [{ line: 2, column: 6, message: /line 1: `app\/\*.py`/ }],
      otherFilesOutput: {
        '/p/.dockerignore': 'app/*.py\r\nbuild\r\n**/main.py\r\n!app/main.py\r\n!build/keep\r\n',
      },
    },
    {
      name: 'an exact pattern repeated further down: removing one line is not enough',
      code: 'FROM alpine:3.20\nCOPY app.py /\n',
      options: at('app.py\nsrc\napp.py\n'),
      errors: [{ line: 2, column: 6 }],
      otherFilesOutput: { '/p/.dockerignore': 'app.py\nsrc\napp.py\n!app.py\n' },
    },
    {
      name: 'allow-list files: re-included after `*`',
      code: 'FROM alpine:3.20\nCOPY requirements.txt /\nCOPY src /src\n',
      options: at('*\n!src\n'),
      errors: [{ line: 2, column: 6 }],
      otherFilesOutput: { '/p/.dockerignore': '*\n!requirements.txt\n!src\n' },
    },
    {
      name: 'ADD, exec form, ./ and leading /, variables, ONBUILD',
      code: 'FROM alpine:3.20\nARG D=build\nADD ["./config.env", "/etc/"]\nCOPY /$D/out /o\nONBUILD COPY x.env /\n',
      options: at('*.env\nbuild/\n'),
      errors: [
        { line: 3, column: 6, endColumn: 20 },
        { line: 4, column: 6, message: /`\/build\/out`/ },
        { line: 5, column: 14 },
      ],
    },
  ],
});

describe('copy-ignored-file suggestion', () => {
  const lint = (ignore: string) =>
    lintModel(parseModel('FROM alpine:3.20\nCOPY app/main.py /app/\n', 'dockerfile'), {
      ...at(ignore),
      config: { ...emptyConfig(), rules: { 'copy-ignored-file': 'warning' } },
      only: ['copy-ignored-file'],
    });

  it('is a suggestion on the .dockerignore, never a fix, and its title says what it does', () => {
    const [f] = lint('app/*.py\n');
    assert.equal(f.fix, undefined);
    assert.equal(f.suggestions?.length, 1);
    const s = f.suggestions![0];
    assert.equal(s.notForFixAll, true);
    assert.deepEqual(s.edits, []);
    assert.equal(s.otherFiles![0].path, '/p/.dockerignore');
    assert.equal(
      s.title,
      'Add `!app/main.py` to .dockerignore after `app/*.py`, which may exclude other files',
    );
    assert.equal(
      lint('app/main.py\n')[0].suggestions![0].title,
      'Remove `app/main.py` (line 1) from .dockerignore',
    );
  });
});
