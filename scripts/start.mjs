#!/usr/bin/env node
// `npm start`: build, then lint the bundled example project. Findings (exit 1) are the point of the
// demo, so only a real failure (exit 2: usage or read errors) fails `npm start`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const args = process.argv.slice(2);
const lint = spawnSync(
  process.execPath,
  [join(root, 'server/out/cli.js'), 'lint', ...(args.length ? args : ['examples'])],
  {
    stdio: 'inherit',
    cwd: root,
  },
);
process.exit(lint.status === 1 ? 0 : (lint.status ?? 1));
