/**
 * Hostile input, against the core (lintText, both kinds) and against the bundled language server over
 * stdio: YAML alias bombs ("billion laughs", also through merge keys), 10 MB files, 100,000-line
 * continuations, deeply nested YAML, binary files opened as Dockerfiles or compose files, NUL bytes.
 * Expected: a clear finding ("too large", "too many aliases") or partial results; bounded time and
 * memory; no crash; the server still answers afterwards.
 *
 * Tests marked `it.skip` document a known bug (see the comment on each); un-skip them once it is fixed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText, MAX_FILE_SIZE } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/types';
import { LspClient, SERVER } from '../helpers/lsp-client';
import {
  aliasBomb,
  binaryText,
  deepYaml,
  generateCompose,
  generateDockerfile,
  longContinuation,
  mergeBomb,
} from '../helpers/corpus';

const CONFIG = { rules: {}, allRules: true };
/** The long run (`npm run fuzz -- --hostile`, or HOSTILE_FULL=1) sends the full 100,000 lines to the server too. */
const FULL = process.env.HOSTILE_FULL === '1' || Number(process.env.FUZZ_RUNS ?? 0) > 100;
const CONTINUATION_LINES = FULL ? 100_000 : 30_000;

/** Lint and time; rule errors count as failures. */
function lint(text: string, kind: 'dockerfile' | 'compose'): { findings: Finding[]; ms: number } {
  const errors: string[] = [];
  const t = performance.now();
  const findings = lintText(text, kind, {
    config: CONFIG,
    onRuleError: (id, e) => errors.push(`${id}: ${e}`),
  });
  const ms = performance.now() - t;
  assert.deepEqual(errors, [], 'no rule throws');
  return { findings, ms };
}

/** 10 MB of realistic lines (over MAX_FILE_SIZE). */
function tenMB(kind: 'dockerfile' | 'compose'): string {
  const unit = kind === 'dockerfile' ? generateDockerfile(1000) : generateCompose(100);
  return unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length));
}

describe('hostile input: the core', function () {
  this.timeout(60000);

  it('an alias bomb (billion laughs) gives a clear "too many aliases" finding, fast', () => {
    for (const [levels, width] of [
      [9, 9],
      [12, 12],
    ]) {
      const { findings, ms } = lint(aliasBomb(levels, width), 'compose');
      assert.ok(
        findings.some((f) => /too many aliases/i.test(f.message)),
        findings.map((f) => f.message).join(' | '),
      );
      assert.ok(ms < 2000, `${levels}x${width} bomb took ${ms.toFixed(0)} ms`);
    }
  });

  // Merge keys are resolved once per map (memoised per model) within a budget; the expansion is measured,
  // not performed (this was ~90 s when `entries` expanded merges recursively).
  it('a merge-key bomb gives a clear finding, fast', () => {
    const { findings, ms } = lint(mergeBomb(8, 8), 'compose');
    assert.equal(
      findings.filter((f) => f.ruleId === 'yaml-syntax' && /too many aliases or merge keys/i.test(f.message))
        .length,
      1,
      findings.map((f) => f.message).join(' | '),
    );
    assert.ok(ms < 2000, `took ${ms.toFixed(0)} ms`);
  });

  it('a small merge-key nest still lints (5 levels of 5)', () => {
    const { ms } = lint(mergeBomb(5, 5), 'compose');
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
  });

  it('10 MB files get one "file too large" finding and are not parsed', () => {
    for (const kind of ['dockerfile', 'compose'] as const) {
      const text = tenMB(kind);
      assert.ok(text.length > MAX_FILE_SIZE);
      const { findings, ms } = lint(text, kind);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].ruleId, 'file-too-large');
      assert.match(findings[0].message, /too large/i);
      assert.ok(ms < 1000, `${kind}: ${ms.toFixed(0)} ms`);
    }
  });

  it('a 100,000-line continuation lints in bounded time and memory, and linearly', () => {
    const timeOf = (n: number) => {
      const text = longContinuation(n);
      return Math.min(lint(text, 'dockerfile').ms, lint(text, 'dockerfile').ms);
    };
    const before = process.memoryUsage().rss;
    const small = timeOf(10_000);
    const big = timeOf(100_000);
    const grew = (process.memoryUsage().rss - before) / 1048576;
    assert.ok(big < 15000, `100,000 lines took ${big.toFixed(0)} ms`);
    assert.ok(
      big / small < 20,
      `10x the lines cost ${(big / small).toFixed(1)}x the time (${small.toFixed(0)} -> ${big.toFixed(0)} ms)`,
    );
    assert.ok(grew < 1024, `RSS grew by ${grew.toFixed(0)} MB`);
  });

  it('deeply nested YAML (10,000 flow levels, 1,000 block levels) does not crash and is bounded', () => {
    for (const text of [deepYaml(10_000, 'flow'), deepYaml(1_000, 'block')]) {
      const { ms } = lint(text, 'compose');
      assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
    }
  });

  it('deep nesting without aliases is "nested too deeply", not an alias bomb nor a stack overflow', () => {
    for (const text of [deepYaml(1_000, 'block'), deepYaml(10_000, 'flow')]) {
      const { findings } = lint(text, 'compose');
      const all = findings.map((f) => f.message).join(' | ');
      assert.ok(!findings.some((f) => /alias/i.test(f.message)), all);
      assert.ok(!findings.some((f) => /call stack/i.test(f.message)), all);
      assert.equal(findings.filter((f) => /nested too deeply/i.test(f.message)).length, 1, all);
    }
  });

  it('binary files (random bytes, NUL bytes, a long single line) as Dockerfiles and compose files', () => {
    const inputs = [
      binaryText(200_000, 1),
      binaryText(50_000, 7),
      '\0'.repeat(10_000),
      'FROM debian\0:12\nRUN \0\0 echo\n',
      'RUN ' + 'a'.repeat(2_000_000),
      '\uFEFF\uFEFF' + '\uD800'.repeat(1000),
    ];
    for (const text of inputs)
      for (const kind of ['dockerfile', 'compose'] as const) {
        const { ms } = lint(text, kind);
        assert.ok(ms < 5000, `${kind}: ${ms.toFixed(0)} ms`);
      }
  });
});

function rssMB(pid: number): number {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(s)?.[1] ?? 0) / 1024;
}

describe('hostile input: the language server over stdio', function () {
  this.timeout(120000);
  let dir: string;

  before(function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-hostile-'));
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A fresh server per input (a hang must not hide the next case): open, wait for its diagnostics
   * (bounded), then a hover must answer (bounded); no "validation failed" on stderr; RSS bounded.
   */
  async function probe(name: string, languageId: string, text: string, limitMs: number) {
    const client = new LspClient();
    try {
      await client.initialize('file://' + dir);
      const u = 'file://' + path.join(dir, name);
      client.open(u, languageId, text);
      const p = await client.waitForDiagnostics(u, (x) => x.version === 1, limitMs);
      const hover = client.request('textDocument/hover', {
        textDocument: { uri: u },
        position: { line: 0, character: 1 },
      });
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        hover,
        new Promise((_, rej) => {
          timer = setTimeout(() => rej(new Error(`no hover answer in ${limitMs} ms`)), limitMs);
        }),
      ]).finally(() => clearTimeout(timer));
      assert.ok(!/validation failed/.test(client.stderr), client.stderr.slice(-2000));
      const rss = rssMB(client.proc.pid!);
      assert.ok(rss < 1024, `server RSS ${rss.toFixed(0)} MB`);
      return p.diagnostics;
    } finally {
      client.proc.kill('SIGKILL');
      client.conn.dispose();
    }
  }

  it('an alias bomb: a clear "too many aliases" finding, and the server answers', async () => {
    const diagnostics = await probe('bomb/compose.yaml', 'dockercompose', aliasBomb(9, 9), 20000);
    assert.ok(
      diagnostics.some((d) => /too many aliases/i.test(d.message)),
      diagnostics.map((d) => d.message).join(' | '),
    );
  });

  // Fixed: the server hands no document over 512 KB / 5,000 lines to dockerfile-utils or
  // dockerfile-language-service (both superlinear); Berth's own checks say "too large".
  it('a 10 MB Dockerfile (many lines): "file too large", and the server answers', async () => {
    const diagnostics = await probe('big/Dockerfile', 'dockerfile', tenMB('dockerfile'), 20000);
    assert.ok(diagnostics.some((d) => /too large/i.test(d.message)));
  });

  // Fixed: as above, for a single 10 MB line (was 14 s to diagnostics, 36 s to hover).
  it('a 10 MB Dockerfile on one line: answered within 10 s', async () => {
    const diagnostics = await probe(
      'oneline/Dockerfile',
      'dockerfile',
      'FROM debian:12\nRUN ' + 'x'.repeat(10 * 1024 * 1024) + '\n',
      10000,
    );
    assert.ok(diagnostics.some((d) => /too large/i.test(d.message)));
  });

  // Fixed: yaml-language-server gets no document over 512 KB / 5,000 lines (hover never returned).
  it('a 10 MB compose file: "file too large", and a hover answers', async () => {
    const diagnostics = await probe('big/compose.yaml', 'dockercompose', tenMB('compose'), 20000);
    assert.ok(diagnostics.some((d) => /too large/i.test(d.message)));
  });

  it(`a ${CONTINUATION_LINES.toLocaleString('en-US')}-line continuation: diagnostics and a hover in bounded time`, async () => {
    // Measured at 100,000 lines: diagnostics ~2 s; the hover (dockerfile-language-service over 2.4 MB) ~12 s.
    await probe('cont/Dockerfile', 'dockerfile', longContinuation(CONTINUATION_LINES), 45000);
  });

  it('deeply nested YAML and binary files: diagnostics in bounded time, the server answers', async () => {
    await probe('deep/compose.yaml', 'dockercompose', deepYaml(1_000, 'block'), 20000);
    await probe('bin/Dockerfile', 'dockerfile', binaryText(200_000, 3), 20000);
    await probe('bin/compose.yaml', 'dockercompose', binaryText(200_000, 5), 20000);
  });
});
