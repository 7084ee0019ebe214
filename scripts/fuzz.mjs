#!/usr/bin/env node
// The long fuzz run (`npm run fuzz`): test/unit/fuzz.test.ts with many more runs, more corpus files and a
// random seed (printed, so that a failure can be replayed). Options: --runs N (default 1000 per property),
// --files N (corpus files per kind, default 1000 = all), --seed N, --hostile (also run hostile.test.ts).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const seed = opt('seed', String(Math.floor(Math.random() * 2 ** 31)));
const env = {
  ...process.env,
  FUZZ_RUNS: opt('runs', process.env.FUZZ_RUNS ?? '1000'),
  FUZZ_FILES: opt('files', process.env.FUZZ_FILES ?? '1000'),
  FUZZ_SEED: seed,
};
console.log(
  `fuzz: ${env.FUZZ_RUNS} runs per property, up to ${env.FUZZ_FILES} corpus files per kind, seed ${seed}`,
);
console.log(
  `replay: FUZZ_SEED=${seed} FUZZ_RUNS=${env.FUZZ_RUNS} FUZZ_FILES=${env.FUZZ_FILES} npx mocha test/unit/fuzz.test.ts`,
);
const files = [
  'test/unit/fuzz.test.ts',
  ...(argv.includes('--hostile') ? ['test/unit/hostile.test.ts'] : []),
];
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules/mocha/bin/mocha.js'), '--timeout', '0', '--reporter', 'spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
