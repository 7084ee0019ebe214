import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintModel, type LintOptions, type Model } from '../../../server/src/core/engine';
import { parseDockerignore } from '../../../server/src/core/dockerignore/model';

const ID = 'dockerignore-pattern-never-matches';
// The engine cannot parse .dockerignore files yet, so the rule tester only checks registration;
// the cases below run the rule through lintModel on a parsed .dockerignore model.
ruleTester('dockerignore-pattern-never-matches', { valid: [], invalid: [] });

function lint(text: string, options: LintOptions = {}) {
  return lintModel(parseDockerignore(text) as unknown as Model, {
    ...options,
    config: { rules: { [ID]: 'warning' } },
    only: [ID],
  }).map(
    (f) =>
      `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.message}`,
  );
}

describe(`${ID} cases`, () => {
  it('accepts ordinary patterns', () => {
    assert.deepEqual(
      lint('.git\n**/__pycache__\n!README.md\n/build\n./dist/\n[a-z]*.log\n# ../comment\n'),
      [],
    );
  });
  it('accepts every ** form: each matches something in Docker', () => {
    // `**.log` / `**foo`: a suffix match; `***`: `**`; `foo**`: a prefix match; `**/`: see dockerignore-excludes-everything.
    assert.deepEqual(lint('**.log\n**foo\n***\nfoo**\na**b\n**/\n'), []);
  });
  it('reports invalid patterns and a lone !', () => {
    const f = lint('ok\n  [abc\n!\n');
    assert.equal(f.length, 2);
    assert.match(f[0], /^2:3-7 This pattern is invalid \(an unclosed `\[`/);
    assert.match(f[1], /^3:1-2 This pattern is invalid \(a lone `!`/);
  });
  it('reports patterns outside the context, after cleaning', () => {
    const f = lint('../secrets\na/../../b\n!../x\n/\n');
    assert.deepEqual(
      f.map((x) => x.split(' ')[0]),
      ['1:1-11', '2:1-10', '3:1-6', '4:1-2'],
    );
    assert.match(f[0], /outside the build context/);
    assert.match(f[3], /write `\*`/);
  });
  it('suppression comments work', () => {
    assert.deepEqual(lint(`# berth-ignore ${ID}\n../x\n`), []);
  });
});
