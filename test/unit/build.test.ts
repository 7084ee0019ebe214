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
