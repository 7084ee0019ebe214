#!/usr/bin/env node
// Builds the three bundles with esbuild, regenerates the rule registry, and copies the compose
// schema from the npm package that ships it (its origin and licence: THIRD_PARTY_NOTICES.md), and writes
// THIRD_PARTY_NOTICES.md from the packages the bundles contain (scripts/notices.mjs).
import { build } from 'esbuild';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { stubPrettier, vscodeOnce, yamlAsEsm } from './esbuild-plugins.mjs';
import { writeNotices } from './notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const production = process.argv.includes('--production') || process.env.BERTH_PRODUCTION === '1';

execFileSync(process.execPath, [join(root, 'scripts/gen-rules-index.mjs')], { stdio: 'inherit' });

// The compose schema: taken at build time from dclint's package (the compose-spec JSON schema).
// The core imports the generated copy (esbuild inlines it); the server also gets it as a file.
const dclintDir = dirname(require.resolve('dclint/package.json', { paths: [root] }));
const schemaSrc = join(dclintDir, 'schemas', 'compose.schema.json');
const dclintVersion = JSON.parse(readFileSync(join(dclintDir, 'package.json'), 'utf8')).version;
const origin = JSON.stringify(
  {
    package: 'dclint',
    version: dclintVersion,
    file: 'schemas/compose.schema.json',
    licence: 'Apache-2.0 (compose-spec schema), shipped in dclint (MIT)',
  },
  null,
  2,
);
for (const dir of [join(root, 'server/src/core/compose/generated'), join(root, 'server/out')]) {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, 'compose-spec.schema.json');
  const text = readFileSync(schemaSrc, 'utf8');
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  writeFileSync(join(dir, 'compose-spec.schema.origin.json'), origin + '\n');
}
if (process.argv.includes('--generate-only')) process.exit(0);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  legalComments: 'none',
  metafile: true,
};

// `--out=<dir>`: the bundles go to <dir>/client/out and <dir>/server/out instead (with the schema
// files the server reads), and the notices are left alone: the benchmark times the production bundles
// there while client/out and server/out keep the development build.
const outRoot = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const base = outRoot ?? root;
if (outRoot) {
  mkdirSync(join(outRoot, 'server/out'), { recursive: true });
  for (const f of ['compose-spec.schema.json', 'compose-spec.schema.origin.json'])
    writeFileSync(join(outRoot, 'server/out', f), readFileSync(join(root, 'server/out', f)));
}

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { extension: join(root, 'client/src/extension.ts') },
    outdir: join(base, 'client/out'),
    plugins: [vscodeOnce],
  }),
  build({
    ...common,
    entryPoints: { server: join(root, 'server/src/server.ts'), cli: join(root, 'server/src/cli.ts') },
    outdir: join(base, 'server/out'),
    plugins: [stubPrettier, yamlAsEsm],
    banner: { js: '' },
  }),
]);
if (outRoot) process.exit(0);

// What the bundles contain, for the notices (and for test/unit/build.test.ts, which checks them).
const metafiles = results.map((r) => r.metafile);
mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build/bundle-meta.json'), JSON.stringify(metafiles));
writeNotices(root, metafiles);

// The CLI is executable: `berth` bin and `node server/out/cli.js` both work.
const cli = join(root, 'server/out/cli.js');
if (existsSync(cli)) {
  const s = readFileSync(cli, 'utf8');
  if (!s.startsWith('#!')) writeFileSync(cli, '#!/usr/bin/env node\n' + s);
  // writeFileSync's mode applies only to a new file: set it on the existing one too.
  chmodSync(cli, 0o755);
}
