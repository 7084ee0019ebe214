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
