/**
 * The CLI as a user runs it: the bundled server/out/cli.js in a child process.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';

const CLI = path.resolve(__dirname, '../../server/out/cli.js');
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('berth CLI', () => {
  let dir: string;
  before(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cli-'));
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(
      path.join(dir, 'svc', 'Dockerfile'),
      'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
    );
    fs.writeFileSync(
      path.join(dir, 'docker-compose.yml'),
      'version: "3"\nservices:\n  a:\n    image: nginx:1.27\n',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not linted');
    fs.mkdirSync(path.join(dir, 'ctx'));
    fs.writeFileSync(path.join(dir, 'ctx', '.dockerignore'), '# a build context\n.git\n../secrets\n');
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'Dockerfile'), 'FROM x\nMAINTAINER y\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds files by name in directories (skipping node_modules) and prints JSON in the documented shape', () => {
    const r = run(['lint', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.files.map((f: any) => [path.relative(dir, f.path), f.kind]),
      [
        [path.join('ctx', '.dockerignore'), 'dockerignore'],
        ['docker-compose.yml', 'compose'],
        [path.join('svc', 'Dockerfile'), 'dockerfile'],
      ],
    );
    // The .dockerignore is linted as one, not as a Dockerfile.
    assert.deepEqual(
      out.files[0].findings.map((x: any) => [x.rule, x.line]),
      [['dockerignore-pattern-never-matches', 3]],
    );
    const f = out.files[2].findings[0];
    assert.deepEqual(Object.keys(f).sort(), [
      'aliases',
      'column',
      'endColumn',
      'endLine',
      'fixable',
      'line',
      'message',
      'rule',
      'severity',
    ]);
    assert.deepEqual(
      [f.rule, f.aliases, f.line, f.column, f.endLine, f.endColumn, f.fixable],
      ['apt-no-install-recommends', ['DL3015'], 2, 5, 2, 20, true],
    );
  });

  it('prints SARIF 2.1.0 that validates against the official schema', () => {
    const r = run(['lint', '--format', 'sarif', dir]);
    assert.equal(r.code, 1);
    const log: any = JSON.parse(r.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    const valid: boolean = validate(structuredClone(log));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0].results;
    assert.equal(results.length, 3);
    const rules = log.runs[0].tool.driver.rules;
    assert.equal(rules[results[0].ruleIndex].id, results[0].ruleId);
    assert.ok(results.every((x: any) => x.locations[0].physicalLocation.region.startColumn >= 1));
    assert.ok(results.some((x: any) => x.fixes?.length === 1));
    // Each rule carries its documentation page as help, not a path on the machine that ran the lint.
    const apt = rules.find((x: any) => x.id === 'apt-no-install-recommends');
    assert.match(apt.help.markdown, /--no-install-recommends/);
    assert.ok(rules.every((x: any) => x.helpUri === undefined && x.help.text.length > 0));
  });

  it('--all-rules turns on the rules that are off by default', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cli-allrules-'));
    try {
      fs.writeFileSync(path.join(d, 'Dockerfile'), 'FROM debian:12\nCMD ["sleep", "60"]\n');
      const rules = (args: string[]) =>
        JSON.parse(run(['lint', '--format', 'json', ...args, d]).stdout).files[0].findings.map(
          (x: any) => x.rule,
        );
      assert.ok(!rules([]).includes('missing-healthcheck'), 'missing-healthcheck is off by default');
      assert.ok(rules(['--all-rules']).includes('missing-healthcheck'));
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('stops quietly with the lint exit code when the reader goes away (`berth lint | head`)', async () => {
    const big = path.join(dir, 'big');
    fs.mkdirSync(big);
    const lines = ['FROM debian:12'];
    for (let i = 0; i < 300; i++) lines.push(`RUN apt-get update && apt-get install -y pkg${i}`);
    fs.writeFileSync(path.join(big, 'Dockerfile'), lines.join('\n') + '\n');
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json', big], {
      env: { ...process.env, BERTH_SHELLCHECK: '/nonexistent' },
    });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close our end of the pipe: the rest of the output (hundreds of KB,
    // more than a pipe holds) meets a closed pipe.
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    fs.rmSync(big, { recursive: true, force: true });
    assert.ok(got > 0);
    assert.equal(stderr, '');
    assert.equal(code, 1, 'the findings make the lint fail, as without the pipe');
  });

  it('exit 0 when clean; threshold decides what fails', () => {
    const clean = path.join(dir, 'clean');
    fs.mkdirSync(clean);
    fs.writeFileSync(path.join(clean, 'Dockerfile'), 'FROM debian:12\nRUN echo hi\n');
    assert.equal(run(['lint', clean]).code, 0);
    assert.equal(
      run(['lint', '--failure-threshold', 'warning', path.join(dir, 'svc')]).code,
      0,
      'DL3015 is info',
    );
    assert.equal(run(['lint', '--failure-threshold', 'info', path.join(dir, 'svc')]).code, 1);
  });

  it('exit 2 with a clear message on bad usage', () => {
    for (const args of [
      [],
      ['lint'],
      ['lint', '--format', 'xml', dir],
      ['lint', '--nope', dir],
      ['frobnicate'],
    ]) {
      const r = run(args);
      if (args.length === 0) {
        assert.equal(r.code, 0, 'no arguments prints help');
        assert.match(r.stdout, /Usage: berth lint/);
        continue;
      }
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^berth: /);
    }
  });

  it('--config: hadolint format, and a clear error for a broken file', () => {
    const cfg = path.join(dir, 'h.yaml');
    fs.writeFileSync(cfg, 'ignored: [DL3015, no-version-field, dockerignore-pattern-never-matches]\n');
    const r = run(['lint', '--config', cfg, '--format', 'json', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    fs.writeFileSync(cfg, 'rules: [oops\n');
    const bad = run(['lint', '--config', cfg, dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /h\.yaml/);
    assert.equal(run(['lint', '--config', path.join(dir, 'missing.yaml'), dir]).code, 2);
  });

  it('the nearest .hadolint.yaml applies', () => {
    const d = path.join(dir, 'withcfg');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, '.hadolint.yaml'), 'override:\n  error: [DL3015]\n');
    fs.writeFileSync(
      path.join(d, 'Dockerfile'),
      'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n',
    );
    const out = JSON.parse(run(['lint', '--format', 'json', d]).stdout);
    assert.equal(out.files[0].findings[0].severity, 'error');
  });

  it('--fix rewrites the files and reports what is left', () => {
    const d = path.join(dir, 'fixme');
    fs.mkdirSync(d);
    const df = path.join(d, 'Dockerfile');
    fs.writeFileSync(
      df,
      '# c\nFROM debian:12\nMAINTAINER me\nRUN apt-get install -y curl=7.88.1-10+deb12u8 \\\n  git=1:2.39.5-0+deb12u1\n',
    );
    const r = run(['lint', '--fix', '--format', 'json', d]);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(
      fs.readFileSync(df, 'utf8'),
      '# c\nFROM debian:12\nLABEL org.opencontainers.image.authors="me"\nRUN apt-get install --no-install-recommends -y curl=7.88.1-10+deb12u8 \\\n  git=1:2.39.5-0+deb12u1\n',
    );
    assert.equal(JSON.parse(r.stdout).files[0].fixed, 2);
  });

  it('unreadable files, broken symlinks and missing paths: a message each, exit 2, the rest still linted', function () {
    const d = path.join(dir, 'broken');
    fs.mkdirSync(d);
    fs.symlinkSync(path.join(d, 'nowhere'), path.join(d, 'Dockerfile'));
    fs.writeFileSync(path.join(d, 'compose.yaml'), 'version: "3"\nservices: {}\n');
    const locked = path.join(d, 'Containerfile');
    fs.writeFileSync(locked, 'FROM x\n');
    fs.chmodSync(locked, 0o000);
    const r = run(['lint', '--format', 'json', d, path.join(dir, 'does-not-exist')]);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      out.files.map((f: any) => path.basename(f.path)),
      process.getuid?.() === 0 ? ['compose.yaml', 'Containerfile'] : ['compose.yaml'],
    );
    assert.ok(out.errors.some((e: any) => /broken symbolic link/.test(e.message)));
    assert.ok(out.errors.some((e: any) => e.path.endsWith('does-not-exist')));
    if (process.getuid?.() !== 0) assert.ok(out.errors.some((e: any) => /permission denied/.test(e.message)));
    assert.match(r.stderr, /does-not-exist/);
    fs.chmodSync(locked, 0o644);
  });
});
