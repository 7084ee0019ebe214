/**
 * What the build (scripts/build.mjs, run by `npm test` before the tests) must produce.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('build output', () => {
  for (const bundle of ['server/out/server.js', 'server/out/cli.js']) {
    it(`${bundle}: bundles the yaml package's ES module build (no interop getters, no per-token process.env reads)`, function () {
      const file = path.join(root, bundle);
      if (!fs.existsSync(file)) {
        console.log(`      ${bundle} is missing: run \`npm run build\` (npm test does): skipped`);
        this.skip();
      }
      const text = fs.readFileSync(file, 'utf8');
      // The yaml parser is in the bundle (its Lexer class), and reads no debug switch from the environment.
      assert.ok(text.includes('Not a YAML token'), `the yaml parser is not in ${bundle}`);
      const lookup = /\.env\.LOG_(TOKENS|STREAM)\b/.exec(text);
      assert.equal(lookup?.[0], undefined, `${bundle} still reads process.env in the yaml parser`);
    });
  }
});

describe('third-party notices', () => {
  it('THIRD_PARTY_NOTICES.md names every npm package the bundles contain, with its licence text', async function () {
    const metaFile = path.join(root, 'build/bundle-meta.json');
    if (!fs.existsSync(metaFile)) {
      console.log('      build/bundle-meta.json is missing: run `npm run build` (npm test does): skipped');
      this.skip();
    }
    const { bundledPackages } = (await import(path.join(root, 'scripts/notices.mjs'))) as {
      bundledPackages: (root: string, metafiles: unknown[]) => [string, string][];
    };
    const packages = bundledPackages(root, JSON.parse(fs.readFileSync(metaFile, 'utf8')) as unknown[]).map(
      ([name]) => name,
    );
    // The bundles contain the packages Berth is built on (a sanity check of the metafile reading).
    for (const expected of [
      'vscode-languageserver',
      'yaml',
      'yaml-language-server',
      'dockerfile-utils',
      'ajv',
    ])
      assert.ok(packages.includes(expected), `${expected} not found in the bundles' inputs`);
    const notices = fs.readFileSync(path.join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8');
    const missing = packages.filter((name) => !notices.includes(`\n### ${name} `));
    assert.deepEqual(missing, [], 'packages in the bundles without a notice');
    assert.match(notices, /### Apache License 2\.0 \(the Compose JSON schema\)\n\n```text\nApache License/);
  });
});

describe('packaging (.vscodeignore)', () => {
  /** Whether the allow-list lets `file` into the .vsix: the last matching pattern wins, as in vsce (whose matcher, minimatch, this uses). */
  async function packaged(file: string): Promise<boolean> {
    const { minimatch } = await import('minimatch');
    let included = true;
    for (const raw of fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      if (minimatch(file, negated ? line.slice(1) : line, { dot: true })) included = negated;
    }
    return included;
  }

  it('ships every local image the README shows (VS Code renders the README from the installed extension)', async () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((u) => !/^\w+:/.test(u));
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const img of images) {
      assert.ok(fs.existsSync(path.join(root, img)), `${img} exists`);
      assert.ok(await packaged(img), `${img} is let into the .vsix by .vscodeignore`);
    }
    assert.equal(await packaged('e2e/host/package.json'), false, 'the e2e host stays out');
    assert.equal(await packaged('server/src/server.ts'), false, 'sources stay out');
  });
});
