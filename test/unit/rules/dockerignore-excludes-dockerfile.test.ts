import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';
import { lintModel, type LintOptions, type Model } from '../../../server/src/core/engine';
import { parseDockerignore } from '../../../server/src/core/dockerignore/model';

const ID = 'dockerignore-excludes-dockerfile';
// The engine cannot parse .dockerignore files yet: see dockerignore-pattern-never-matches.test.ts.
ruleTester('dockerignore-excludes-dockerfile', { valid: [], invalid: [] });

function lint(text: string, options: LintOptions = {}) {
  return lintModel(parseDockerignore(text) as unknown as Model, {
    ...options,
    config: { rules: { [ID]: 'hint' } },
    only: [ID],
  }).map(
    (f) =>
      `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.message}`,
  );
}

describe(`${ID} cases`, () => {
  it('accepts ignore files that keep the Dockerfile, and allow-list files', () => {
    assert.deepEqual(lint('.git\n*.md\n'), []);
    assert.deepEqual(lint('*\n!src\n'), []);
    assert.deepEqual(lint('Dockerfile*\n!Dockerfile\n'), []);
  });
  it('reports the pattern that excludes Dockerfile', () => {
    const f = lint('.git\n*file\n');
    assert.equal(f.length, 1);
    assert.match(f[0], /^2:1-6 `\*file` excludes `Dockerfile` from the build context/);
  });
  it('uses the Dockerfiles found next to the .dockerignore', () => {
    const fs = memfs({ '/p/.dockerignore': '', '/p/api.Dockerfile': '', '/p/Containerfile': '', '/p/x': '' });
    const f = lint('*.Dockerfile\nContainer*\n', { path: '/p/.dockerignore', fs });
    assert.deepEqual(
      f.map((x) => x.split(' excludes ')[1].split(' ')[0]),
      ['`api.Dockerfile`', '`Containerfile`'],
    );
  });
  it('a Dockerfile.dockerignore next to it is not taken for a Dockerfile', () => {
    const fs = memfs({ '/p/.dockerignore': '', '/p/Dockerfile.dockerignore': '' });
    assert.deepEqual(lint('*.dockerignore\n', { path: '/p/.dockerignore', fs }), []);
  });
  it('<name>.dockerignore belongs to the Dockerfile <name>', () => {
    assert.equal(lint('Dockerfile.dev\n', { path: '/p/Dockerfile.dev.dockerignore' }).length, 1);
    assert.equal(lint('Dockerfile\n', { path: '/p/Dockerfile.dev.dockerignore' }).length, 0);
  });
});
