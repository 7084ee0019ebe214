import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
import { applyEdits } from '../../../server/src/core/fix';
import { memfs } from '../../helpers/memfs';

ruleTester('copy-all-before-dependency-install', {
  valid: [
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n',
    {
      name: 'installing the project itself needs the source',
      code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install .\n',
    },
    {
      name: 'dependencies installed first, then the project',
      code: 'FROM python:3.12\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\nRUN poetry install\n',
    },
    { name: 'npm install of named packages', code: 'FROM node:22\nCOPY . .\nRUN npm install -g pm2\n' },
    {
      name: 'build after copy',
      code: 'FROM node:22\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    },
    { name: 'COPY --from is not the context', code: 'FROM node:22\nCOPY --from=deps . .\nRUN npm ci\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n',
      errors: [
        {
          line: 3,
          column: 1,
          endColumn: 9,
          message: /before `pip install -r` \(line 4\).*Copy `requirements.txt` first/,
        },
      ],
    },
    {
      name: 'npm ci, yarn, go mod download, bundle install, in several stages',
      code: 'FROM node:22 AS a\nCOPY ./ /src\nRUN npm ci\nFROM node:22 AS b\nADD . .\nRUN yarn\nFROM golang:1.22 AS c\ncopy . .\nrun go mod download\nFROM ruby:3.3\nCOPY . .\nRUN bundle install\n',
      errors: [
        { line: 2, column: 1, message: /`npm ci`.*the dependency manifests/ },
        { line: 5, column: 1, message: /`yarn`/ },
        { line: 8, column: 1, message: /`go mod download`/ },
        { line: 11, column: 1, message: /`bundle install`/ },
      ],
    },
  ],
});

describe('copy-all-before-dependency-install suggestion', () => {
  const suggest = (code: string, files?: Record<string, string>) => {
    const f = lintText(code, 'dockerfile', {
      config: { rules: { 'copy-all-before-dependency-install': 'info' } },
      only: ['copy-all-before-dependency-install'],
      ...(files ? { path: '/p/Dockerfile', fs: memfs({ '/p/Dockerfile': code, ...files }) } : {}),
    });
    assert.equal(f.length, 1);
    const s = f[0].suggestions?.[0];
    return s ? applyEdits(code, s.edits) : undefined;
  };

  it('moves the install before COPY . . with the requirements file copied first', () => {
    assert.equal(
      suggest(
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n# deps\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      ),
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\n# deps\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    );
  });

  it('keeps the directory of a nested requirements file and the COPY destination', () => {
    assert.equal(
      suggest('FROM python:3.12-slim\nCOPY . /app/\nRUN pip install -r requirements/prod.txt'),
      'FROM python:3.12-slim\nCOPY requirements/prod.txt /app/requirements/\nRUN pip install -r requirements/prod.txt\nCOPY . /app/\n',
    );
  });

  it('uses the files found in the context for npm', () => {
    assert.equal(
      suggest('FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', {
        '/p/package.json': '{}',
        '/p/package-lock.json': '{}',
      }),
      'FROM node:22\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n',
    );
  });

  it('no suggestion when unsure: npm without a file system, a RUN doing more, instructions in between', () => {
    assert.equal(suggest('FROM node:22\nCOPY . .\nRUN npm ci\n'), undefined);
    assert.equal(
      suggest('FROM python:3\nCOPY . .\nRUN pip install -r r.txt && python manage.py collectstatic\n'),
      undefined,
    );
    assert.equal(suggest('FROM python:3\nCOPY . .\nENV X=1\nRUN pip install -r r.txt\n'), undefined);
    assert.equal(
      suggest('FROM python:3\nCOPY . .\nRUN pip install -r r.txt\n', { '/p/r.txt': '-r base.txt\nflask\n' }),
      undefined,
    );
  });
});
