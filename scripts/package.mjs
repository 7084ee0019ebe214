#!/usr/bin/env node
// Packages the extension: a production build (minified, no source maps), then `vsce package`
// with the allow-list .vscodeignore. Prints the .vsix size against the 3 MiB budget.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist', 'berth.vsix');
mkdirSync(dirname(out), { recursive: true });
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], {
  stdio: 'inherit',
  cwd: root,
});
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '-o',
    out,
  ],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
const size = statSync(out).size;
const budget = 3 * 1024 * 1024;
console.log(`${out}: ${(size / 1024).toFixed(0)} KiB (budget ${budget / 1024} KiB)`);
if (size > budget) {
  console.error('The .vsix is over its 3 MiB budget.');
  process.exit(1);
}
