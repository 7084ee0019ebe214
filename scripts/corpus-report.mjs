#!/usr/bin/env node
// Per-rule counts over ../shared/corpus: how many files each rule flags (and how many findings), with
// every rule on (--all-rules), through the built CLI. A rule that fires on most well-kept projects is
// suspect. Usage: npm run build && node scripts/corpus-report.mjs [--markdown]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
if (!existsSync(corpus)) {
  console.log(
    `corpus-report: skipped: ${corpus} is not there (the shared corpus is only on the team's machines).`,
  );
  process.exit(0);
}
const cli = join(root, 'server/out/cli.js');
const markdown = process.argv.includes('--markdown');

function run(dir, keep) {
  const files = readdirSync(dir)
    .filter(keep)
    .map((f) => join(dir, f));
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--all-rules', ...files], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.status === 2 || !r.stdout) throw new Error(`berth lint failed on ${dir}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

for (const [label, dir, keep] of [
  ['Dockerfiles', join(corpus, 'dockerfiles'), () => true],
  ['Compose files', join(corpus, 'compose'), (f) => /\.ya?ml$/i.test(f)],
]) {
  // Explicit files: corpus file names are flattened paths that the directory search does not recognise.
  const out = run(dir, keep);
  const files = out.files.length;
  const perRule = new Map();
  for (const f of out.files) {
    const seen = new Set();
    for (const x of f.findings) {
      const e = perRule.get(x.rule) ?? { files: 0, findings: 0 };
      e.findings++;
      if (!seen.has(x.rule)) {
        e.files++;
        seen.add(x.rule);
      }
      perRule.set(x.rule, e);
    }
  }
  const rows = [...perRule].sort((a, b) => b[1].files - a[1].files || a[0].localeCompare(b[0]));
  if (markdown) {
    console.log(`\n### ${label} (${files} files)\n\n| rule | files | findings |\n|---|---|---|`);
    for (const [id, e] of rows) console.log(`| ${id} | ${e.files} | ${e.findings} |`);
  } else {
    console.log(`\n${label}: ${files} files, ${out.errors.length} read errors`);
    for (const [id, e] of rows)
      console.log(
        `  ${id.padEnd(44)} ${String(e.files).padStart(5)} files ${String(e.findings).padStart(6)} findings`,
      );
  }
}
