import assert from 'node:assert/strict';
import {
  cleanPath,
  compilePattern,
  compilePatterns,
  isExcluded,
  matchPath,
  normalizePattern,
} from '../../server/src/core/dockerignore/matcher';
import { parseDockerignore } from '../../server/src/core/dockerignore/model';
import { findDockerignore } from '../../server/src/core/dockerignore/context';
import { memfs } from '../helpers/memfs';

const ex = (patterns: string[], path: string) => isExcluded(compilePatterns(patterns), path);

describe('dockerignore matcher', () => {
  it('cleans paths like Go filepath.Clean', () => {
    assert.equal(cleanPath(''), '.');
    assert.equal(cleanPath('./a//b/'), 'a/b');
    assert.equal(cleanPath('a/../b'), 'b');
    assert.equal(cleanPath('../a'), '../a');
    assert.equal(cleanPath('/../a'), '/a');
    assert.equal(cleanPath('a/b/../../..'), '..');
    assert.equal(normalizePattern('/foo/'), 'foo');
    assert.equal(normalizePattern('./foo'), 'foo');
    assert.equal(normalizePattern('/'), '/');
  });

  it('matches exact names and everything below a matched directory', () => {
    assert.ok(ex(['node_modules'], 'node_modules'));
    assert.ok(ex(['node_modules'], 'node_modules/a/b.js'));
    assert.ok(!ex(['node_modules'], 'src/node_modules'));
    assert.ok(ex(['node_modules/'], 'node_modules/x'));
    assert.ok(ex(['/node_modules'], 'node_modules/x'));
    assert.ok(ex(['./node_modules'], 'node_modules/x'));
  });

  it('* and ? do not cross directories', () => {
    assert.ok(ex(['*.pyc'], 'a.pyc'));
    assert.ok(!ex(['*.pyc'], 'pkg/a.pyc'));
    assert.ok(ex(['*/*.pyc'], 'pkg/a.pyc'));
    assert.ok(ex(['?.txt'], 'a.txt'));
    assert.ok(!ex(['?.txt'], 'ab.txt'));
    assert.ok(!ex(['?'], '/'));
  });

  it('** matches any number of directories, zero included', () => {
    assert.ok(ex(['**/*.pyc'], 'a.pyc'));
    assert.ok(ex(['**/*.pyc'], 'x/y/a.pyc'));
    assert.ok(ex(['**/__pycache__'], 'pkg/__pycache__/m.pyc'));
    assert.ok(ex(['docs/**'], 'docs/a/b.md'));
    assert.ok(!ex(['docs/**'], 'docs'));
    assert.ok(ex(['**'], 'anything/at/all'));
    assert.ok(ex(['a/**/b'], 'a/b'));
    assert.ok(ex(['a/**/b'], 'a/x/y/b'));
    assert.ok(!ex(['a/**/b'], 'ab'));
  });

  it('a leading ** with no other wildcard is a suffix test, as moby/patternmatcher does it', () => {
    // `**.log`: every path ending in `.log` (Docker), not only files named `.log` (Podman).
    assert.ok(ex(['**.log'], 'app.log'));
    assert.ok(ex(['**.log'], 'x/y/debug.log'));
    assert.ok(ex(['**.log'], '.log'));
    assert.ok(ex(['**.log'], 'logs.log/inner.txt'), 'a matched parent directory');
    assert.ok(!ex(['**.log'], 'app.log.txt'));
    assert.ok(ex(['**foo'], 'barfoo'));
    assert.ok(ex(['**foo'], 'a/xfoo'));
    assert.ok(ex(['**/foo'], 'foo'));
    assert.ok(ex(['**/foo'], 'a/b/foo'));
    assert.ok(!ex(['**/foo'], 'barfoo'));
    assert.ok(ex(['**/a/b'], 'x/a/b'));
    assert.ok(ex(['**/a/b'], 'a/b'));
    assert.ok(!ex(['**/a/b'], 'xa/b'));
    // Any other wildcard after the ** makes it a regular expression again: `**foo*` is `**/foo*`.
    assert.ok(ex(['**foo*'], 'a/foo1'));
    assert.ok(!ex(['**foo*'], 'barfoo1'));
    assert.ok(ex(['***'], 'a/b/c'));
    assert.ok(!ex(['*.md', '!**README.md'], 'OLD_README.md'), 'a re-inclusion too');
  });

  it('character classes and escapes', () => {
    assert.ok(ex(['[abc].txt'], 'b.txt'));
    assert.ok(!ex(['[abc].txt'], 'd.txt'));
    assert.ok(ex(['[a-c]x'], 'bx'));
    assert.ok(ex(['[^a]x'], 'bx'));
    assert.ok(!ex(['[^a]x'], 'ax'));
    assert.ok(ex(['\\*.txt'], '*.txt'));
    assert.ok(!ex(['\\*.txt'], 'a.txt'));
    assert.ok(ex(['a\\d'], 'ad'));
    assert.ok(!ex(['a\\d'], 'a1'));
    assert.ok(ex(['file(1).txt'], 'file(1).txt'));
    assert.ok(ex(['a+b.$x'], 'a+b.$x'));
    assert.ok(!ex(['a.b'], 'axb'));
  });

  it('reports invalid patterns', () => {
    assert.ok(compilePattern('[abc').error);
    assert.ok(compilePattern('[]').error);
    assert.ok(compilePattern('a[').error);
    assert.equal(compilePattern('a\\[').error, undefined);
    assert.equal(compilePatterns(['!'])[0].error, 'a lone `!` is not a valid pattern');
  });

  it('! re-includes, and the last matching pattern wins', () => {
    assert.ok(!ex(['*.md', '!README.md'], 'README.md'));
    assert.ok(ex(['*.md', '!README.md'], 'CHANGES.md'));
    assert.ok(ex(['*.md', '!README.md', 'README*'], 'README.md'));
    assert.ok(!ex(['*', '!src'], 'src/main.py'));
    assert.ok(ex(['*', '!src'], 'tests/t.py'));
    assert.ok(!ex(['!foo'], 'foo'));
    // A re-included directory whose children are excluded again
    assert.ok(ex(['*', '!src', 'src/**/*.pyc'], 'src/a/b.pyc'));
    assert.ok(!ex(['*', '!src', 'src/**/*.pyc'], 'src/a/b.py'));
  });

  it('matchPath tells which pattern decided', () => {
    const ps = compilePatterns(['.git', '*.md', '!README.md']);
    assert.deepEqual(matchPath(ps, 'README.md'), { excluded: false, index: 2 });
    assert.deepEqual(matchPath(ps, 'NOTES.md'), { excluded: true, index: 1 });
    assert.deepEqual(matchPath(ps, 'app.py'), { excluded: false, index: -1 });
    assert.deepEqual(matchPath(ps, './.git/config'), { excluded: true, index: 0 });
  });
});

describe('dockerignore model', () => {
  it('parses patterns with offsets, comments, negations, BOM and CRLF', () => {
    const text = '\ufeff# comment\r\n  .git  \r\n\r\n! README.md\r\n  # not a comment\r\n';
    const m = parseDockerignore(text);
    assert.equal(m.kind, 'dockerignore');
    assert.deepEqual(
      m.comments.map((c) => c.text),
      ['comment'],
    );
    assert.deepEqual(
      m.patterns.map((p) => [p.line, p.raw, p.pattern, p.exclusion]),
      [
        [1, '.git', '.git', false],
        [3, '! README.md', 'README.md', true],
        [4, '# not a comment', '# not a comment', false],
      ],
    );
    const git = m.patterns[0];
    assert.equal(text.slice(git.start, git.end), '.git');
    const readme = m.patterns[1];
    assert.equal(text.slice(readme.patternStart, readme.end), 'README.md');
    assert.deepEqual(m.lines.positionAt(readme.start), { line: 3, character: 0 });
  });

  it('keeps invalid patterns with their error', () => {
    const m = parseDockerignore('[abc\n!\nok\n');
    assert.ok(m.patterns[0].error);
    assert.ok(m.patterns[1].error);
    assert.equal(m.patterns[2].error, undefined);
  });
});

describe('dockerignore lookup', () => {
  it('prefers <Dockerfile>.dockerignore, then the context .dockerignore', () => {
    const fs = memfs({
      '/p/Dockerfile': 'FROM x',
      '/p/Dockerfile.dockerignore': 'a',
      '/p/.dockerignore': 'b',
      '/q/Dockerfile': 'FROM x',
      '/q/.dockerignore': 'c',
    });
    assert.equal(findDockerignore(fs, '/p/Dockerfile')?.path, '/p/Dockerfile.dockerignore');
    assert.equal(findDockerignore(fs, '/q/Dockerfile')?.path, '/q/.dockerignore');
    assert.equal(findDockerignore(fs, '/r/Dockerfile'), undefined);
    assert.equal(findDockerignore(fs, '/q/Dockerfile')?.model.patterns[0].pattern, 'c');
  });

  it('memfs lists directories', () => {
    const fs = memfs({ '/p/a': '', '/p/d/b': '' });
    assert.deepEqual(fs.readDir('/p'), ['a', 'd']);
    assert.ok(fs.isDirectory('/p/d'));
    assert.ok(!fs.isDirectory('/p/a'));
    assert.ok(fs.exists('/p/d/b'));
  });
});
