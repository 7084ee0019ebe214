import assert from 'node:assert/strict';
import { parseDockerignore } from '../../server/src/core/dockerignore/model';
import {
  dockerignoreHoverText,
  listContext,
  matchPattern,
  namedSkippedDirs,
  type ReadDir,
} from '../../server/src/features/dockerignore-hover';

/** A fake directory tree: paths of files, directories implied. */
function tree(paths: string[]): { readDir: ReadDir; calls: string[] } {
  const calls: string[] = [];
  const readDir: ReadDir = async (abs) => {
    calls.push(abs);
    const rel = abs === '/ctx' ? '' : abs.slice('/ctx/'.length) + '/';
    const out = new Map<string, boolean>();
    for (const p of paths) {
      if (!p.startsWith(rel)) continue;
      const rest = p.slice(rel.length).split('/');
      out.set(rest[0], rest.length > 1 || out.get(rest[0]) === true);
    }
    return [...out].map(([name, isDir]) => ({ name, isDir }));
  };
  return { readDir, calls };
}

describe('features: .dockerignore hover', () => {
  const files = ['a.txt', 'src/x.ts', 'src/deep/y.ts', '.git/HEAD', 'node_modules/m/index.js', 'b.txt'];

  it('walks breadth first, does not enter .git / node_modules unless asked', async () => {
    const t = tree(files);
    const l = (await listContext('/ctx', t.readDir))!;
    assert.deepEqual(
      l.entries.map((e) => e.path + (e.notWalked ? ' (not walked)' : '')),
      [
        '.git (not walked)',
        'a.txt',
        'b.txt',
        'node_modules (not walked)',
        'src',
        'src/deep',
        'src/x.ts',
        'src/deep/y.ts',
      ],
    );
    const walked = (await listContext('/ctx', tree(files).readDir, { walk: new Set(['node_modules']) }))!;
    assert.ok(walked.entries.some((e) => e.path === 'node_modules/m/index.js'));
  });

  it('stops at the entry limit and says so', async () => {
    const l = (await listContext('/ctx', tree(files).readDir, { limit: 5 }))!;
    assert.equal(l.entries.length, 5);
    assert.equal(l.truncated, true);
    assert.equal(l.entries.find((e) => e.path === 'src')?.notWalked, true);
  });

  it('stops when cancelled', async () => {
    assert.equal(await listContext('/ctx', tree(files).readDir, { cancelled: () => true }), undefined);
  });

  it('counts files under a matched directory and what a later pattern re-includes', async () => {
    const model = parseDockerignore('src\n!src/x.ts\n');
    const l = (await listContext('/ctx', tree(files).readDir))!;
    const m = matchPattern(model.patterns[0], model.patterns, l);
    assert.deepEqual([m.fileCount, m.excludedCount, m.top.map((e) => e.path)], [2, 1, ['src']]);
    assert.equal(
      dockerignoreHoverText(model.patterns[0], model, l, 'ctx/'),
      '**`src`** excludes 2 files of the build context `ctx/`:\n\n- `src/`\n\n1 of them are re-included by a later `!` pattern.',
    );
  });

  it('an invalid pattern says why; a truncated walk says "at least"', async () => {
    const model = parseDockerignore('[\n*.txt\n');
    const l = (await listContext('/ctx', tree(files).readDir, { limit: 3 }))!;
    assert.match(dockerignoreHoverText(model.patterns[0], model, l, 'ctx/'), /is not a valid pattern/);
    assert.match(dockerignoreHoverText(model.patterns[1], model, l, 'ctx/'), /excludes at least 2 files/);
  });

  it('knows which skipped directories a file names', () => {
    const model = parseDockerignore('node_modules\n**/.git/**\nsrc\n');
    assert.deepEqual([...namedSkippedDirs(model.patterns)].sort(), ['.git', 'node_modules']);
  });
});
