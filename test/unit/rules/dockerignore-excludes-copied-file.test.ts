import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';
import { lintModel, parseModel } from '../../../server/src/core/engine';
import { emptyConfig } from '../../../server/src/core/config';
import { applyEdits } from '../../../server/src/core/fix';

const ID = 'dockerignore-excludes-copied-file';
const P1 = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY app/main.py app/\nCOPY . .\n';

/** Lint `ignore` as `/p/<name>`, with `files` (relative to /p) next to it. */
const at = (ignore: string, files: Record<string, string>, name = '.dockerignore') => {
  const all: Record<string, string> = { [`/p/${name}`]: ignore };
  for (const [k, v] of Object.entries(files)) all[`/p/${k}`] = v;
  return { path: `/p/${name}`, fs: memfs(all) };
};

ruleTester('dockerignore-excludes-copied-file', {
  valid: [
    { name: 'no file system: silent', code: 'requirements.txt\n' },
    { code: '.git\n*.md\n', options: at('.git\n*.md\n', { Dockerfile: P1 }) },
    { name: 're-included', code: 'app/*.py\n!app/main.py\n', options: at('', { Dockerfile: P1 }) },
    {
      name: 'wildcards, URLs, --from, unknown variables and the whole context are not judged',
      code: '*.md\ndocs\nbuild\n',
      options: at('', {
        Dockerfile:
          'FROM alpine:3.20\nARG F\nCOPY *.md /\nADD https://x.org/a.md /\nCOPY --from=b docs /d\nCOPY $F /\nCOPY . .\n',
      }),
    },
    {
      name: 'a Dockerfile with its own <name>.dockerignore does not use .dockerignore',
      code: 'requirements.txt\n',
      options: at('', { Dockerfile: P1, 'Dockerfile.dockerignore': '.git\n' }),
    },
    {
      name: 'Dockerfile.dockerignore is not a Dockerfile',
      code: 'app\n',
      options: at('', { 'Dockerfile.dockerignore': 'COPY app /app\n' }),
    },
    {
      name: 'Dockerfiles in other directories are not read',
      code: 'app\n',
      options: at('', { 'sub/Dockerfile': 'FROM alpine:3.20\nCOPY app /app\n' }),
    },
  ],
  invalid: [
    {
      name: 'the audit repro (p1)',
      code: '# comment\n/requirements.txt\napp/*.py\n*.md\n',
      options: at('', { Dockerfile: P1 }),
      errors: [
        {
          line: 2,
          column: 1,
          endColumn: 18,
          message:
            '`/requirements.txt` excludes `requirements.txt` (Dockerfile line 3), copied by the Dockerfile: the build does not see it, so the `COPY` fails or copies nothing. Remove the pattern or re-include the path with a `!` line after it.',
        },
        {
          line: 3,
          column: 1,
          endColumn: 9,
          message: /^`app\/\*.py` excludes `app\/main.py` \(Dockerfile line 4\)/,
        },
      ],
    },
    {
      name: '<name>.dockerignore: the Dockerfile <name> only, ONBUILD and exec form, several paths',
      code: 'conf\n',
      options: at(
        '',
        {
          'Dockerfile.dev':
            'FROM alpine:3.20\nCOPY ["conf/a.env", "/etc/"]\nONBUILD COPY conf/b.env /\nCOPY conf/a.env /x\n',
          Dockerfile: 'FROM alpine:3.20\nCOPY conf/c.env /\n',
        },
        'Dockerfile.dev.dockerignore',
      ),
      errors: [
        {
          line: 1,
          column: 1,
          message:
            /^`conf` excludes `conf\/a.env` \(Dockerfile.dev line 2\), `conf\/b.env` \(Dockerfile.dev line 3\), copied .* see them/,
        },
      ],
    },
    {
      name: 'every Dockerfile next to the .dockerignore',
      code: 'secrets\n',
      options: at('', {
        'api.Dockerfile': 'FROM alpine:3.20\nCOPY secrets/api.key /\n',
        Containerfile: 'FROM alpine:3.20\nCOPY secrets/db.key /\n',
      }),
      errors: [
        {
          line: 1,
          column: 1,
          message:
            /`secrets\/db.key` \(Containerfile line 2\), `secrets\/api.key` \(api.Dockerfile line 2\), copied by the Dockerfiles:/,
        },
      ],
    },
  ],
});

describe(`${ID} suggestion`, () => {
  function suggest(ignore: string, dockerfile: string): { title: string; text: string }[] {
    const model = parseModel(ignore, 'dockerignore');
    const found = lintModel(model, {
      ...at(ignore, { Dockerfile: dockerfile }),
      config: { ...emptyConfig(), rules: { [ID]: 'warning' } },
      only: [ID],
    });
    return found.map((f) => {
      assert.equal(f.fix, undefined, 'a suggestion, never a fix');
      const s = f.suggestions![0];
      assert.equal(s.notForFixAll, true);
      assert.ok(!s.otherFiles?.length);
      return { title: s.title, text: applyEdits(ignore, s.edits, model.lines) };
    });
  }

  it('removes a line that names exactly the copied file', () => {
    assert.deepEqual(suggest('# comment\n/requirements.txt\n*.md\n', P1), [
      { title: 'Remove `/requirements.txt` (line 2) from .dockerignore', text: '# comment\n*.md\n' },
    ]);
  });

  it('keeps a wildcard or directory pattern and re-includes the copied paths after it', () => {
    assert.deepEqual(suggest('app/*.py\r\n*.md\r\n', P1), [
      {
        title: 'Add `!app/main.py` to .dockerignore after `app/*.py`, which may exclude other files',
        text: 'app/*.py\r\n!app/main.py\r\n*.md\r\n',
      },
    ]);
    const df = 'FROM alpine:3.20\nCOPY conf/a.env /\nCOPY conf/b.env /\n';
    assert.deepEqual(suggest('conf', df), [
      {
        title: 'Add `!conf/a.env`, `!conf/b.env` to .dockerignore (the patterns may exclude other files)',
        text: 'conf\n!conf/a.env\n!conf/b.env',
      },
    ]);
  });

  it('allow-list files: one finding on `*`, and none left after its suggestion', () => {
    const [s] = suggest('*\n!src\n', P1);
    assert.equal(s.text, '*\n!requirements.txt\n!app/main.py\n!src\n');
    assert.deepEqual(suggest(s.text, P1), []);
  });
});
