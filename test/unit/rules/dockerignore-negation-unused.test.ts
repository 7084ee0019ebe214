import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintModel, type Model } from '../../../server/src/core/engine';
import { parseDockerignore } from '../../../server/src/core/dockerignore/model';

const ID = 'dockerignore-negation-unused';
// The engine cannot parse .dockerignore files yet: see dockerignore-pattern-never-matches.test.ts.
ruleTester('dockerignore-negation-unused', { valid: [], invalid: [] });

function lint(text: string) {
  return lintModel(parseDockerignore(text) as unknown as Model, {
    config: { rules: { [ID]: 'info' } },
    only: [ID],
  }).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

describe(`${ID} cases`, () => {
  const fine = [
    '*.md\n!README.md\n',
    '*\n!src\n!requirements.txt\n',
    'docs\n!docs/api.md\n',
    '**/*.log\n!keep/important.log\n',
    'build/tmp\n!build\n',
    'node_modules/*/test\n!node_modules/*/test/fixtures\n',
    '**\n!*.py\n',
    'src/*.pyc\n!src/keep.pyc\n',
  ];
  for (const t of fine) it(`accepts ${JSON.stringify(t)}`, () => assert.deepEqual(lint(t), []));

  it('a negation before anything is excluded', () => {
    assert.deepEqual(lint('!README.md\n*.md\n'), [
      '1:1 `!README.md` re-includes nothing: nothing is excluded before it. A `!` line only undoes earlier exclusions.',
    ]);
  });
  it('a negation no earlier pattern overlaps', () => {
    const f = lint('node_modules\n.git\n!src/main.py\n!docs/*.md\n*.md\n');
    assert.deepEqual(
      f.map((x) => x.split(' ')[0]),
      ['3:1', '4:1'],
    );
    assert.match(f[0], /no pattern above it excludes `src\/main.py`/);
  });
  it('two wildcard patterns are given the benefit of the doubt', () => {
    // `*.md` cannot match `docs/x.md`, but telling that for any two globs is not attempted.
    assert.equal(lint('*.md\n!docs/*.md\n').length, 0);
    assert.equal(lint('*z*\n!a*\n').length, 0);
  });
});
