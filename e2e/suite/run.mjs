// Berth's end-to-end suite: a user in a real VS Code (code-server, driven by headless chromium through
// playwright-core), against a real Docker engine. Started by scripts/e2e-run.sh, which sets the
// environment below. The last line printed is `N passed, N failed`; the exit code is non-zero on failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test, report, runTests, printExtra, makeScreenshotter, waitFor, sleep, slug } from './harness.mjs';
import { Workbench } from './workbench.mjs';

const require = createRequire(new URL('../host/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const env = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') {
    if (fallback !== undefined) return fallback;
    throw new Error(`${name} is not set: run the suite through scripts/e2e-run.sh`);
  }
  return v;
};
const URL_ = env('BERTH_E2E_URL');
const WS = env('BERTH_E2E_WORKSPACE');
const ART = env('BERTH_E2E_ARTIFACTS');
const RESULTS = env('BERTH_E2E_RESULTS');
const DOCKER_LOG = env('BERTH_E2E_DOCKER_LOG');
const DOCKER_MODE = env('BERTH_E2E_DOCKER_MODE');
const REAL_DOCKER = env('BERTH_E2E_REAL_DOCKER', '');
const ENGINE = env('BERTH_E2E_ENGINE', '0') === '1';
const CHROMIUM = env('BERTH_E2E_CHROMIUM', '/usr/bin/chromium');
const GREP = process.env.BERTH_E2E_GREP ? new RegExp(process.env.BERTH_E2E_GREP, 'i') : undefined;
const t0 = Date.now();

// ---- helpers ---------------------------------------------------------------------------------------
function readProbe() {
  try {
    return JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
  } catch {
    return undefined;
  }
}

function realDocker(args) {
  if (!REAL_DOCKER) throw new Error('no docker client on this machine');
  return execFileSync(REAL_DOCKER, args, {
    encoding: 'utf8',
    timeout: 30000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// The hello service's containers: "name<TAB>state<TAB>status" rows (Compose v1 and v2 set these labels).
function helloContainers(all = false) {
  const out = realDocker([
    'ps',
    ...(all ? ['-a'] : []),
    '--filter',
    'label=com.docker.compose.service=hello',
    '--format',
    '{{.Names}}\t{{.State}}\t{{.Status}}',
  ]);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function dockerCalls() {
  return fs
    .readFileSync(DOCKER_LOG, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function realpath(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function lineOf(file, needle) {
  const lines = fs.readFileSync(path.join(WS, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture ${file} has no line with ${needle}`);
  return { line: i + 1, text: lines[i] };
}

function expectedFinding(code) {
  const probe = readProbe();
  const all = [
    ...((probe && probe.info.dockerfileDiagnostics) || []),
    ...((probe && probe.info.composeDiagnostics) || []),
  ];
  return all.find((d) => d.code === code);
}

// ---- browser -----------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await context.newPage();
const wb = new Workbench(page);
const shot = makeScreenshotter(page, ART);
const pageErrors = [];
page.on('pageerror', (err) => pageErrors.push(err.message));

// ---- tests (in order; each opens what it needs itself) ------------------------------------------------
test(
  'the workbench opens the fixture folder',
  async () => {
    await wb.open(URL_, WS);
    await wb.explorerRow('compose.yaml').waitFor({ timeout: 30000 });
    await shot('workbench');
    // The probe extension starts on onStartupFinished and first asserts on the untouched fixture:
    // wait for it before anything edits a file.
    await waitFor(() => (readProbe() || {}).phase === 'static' || (readProbe() || {}).phase === 'final', {
      timeout: 150000,
      interval: 500,
      message: 'the probe extension (VS Code API assertions) to finish its first phase',
    });
  },
  { timeout: 300000 },
);

test('Dockerfile: opened from the Explorer, Berth draws squiggles', async () => {
  await wb.openFromExplorer('Dockerfile');
  await waitFor(async () => (await wb.squiggles().count()) > 0, {
    timeout: 60000,
    message: 'a squiggle in the Dockerfile editor',
  });
  await waitFor(() => wb.squiggleOnLine('apt-get'), {
    timeout: 30000,
    message: 'a squiggle on the apt-get line',
  });
  await shot('dockerfile-squiggles');
});

test('Dockerfile: the Problems panel lists apt-no-install-recommends and maintainer-deprecated', async () => {
  await wb.openFromExplorer('Dockerfile');
  await wb.showProblems();
  let rows = [];
  try {
    await waitFor(
      async () => {
        rows = await wb.problemRows();
        return (
          rows.some((r) => r.includes('apt-no-install-recommends') && /berth/i.test(r)) &&
          rows.some((r) => r.includes('maintainer-deprecated'))
        );
      },
      { timeout: 60000, message: 'Problems rows with apt-no-install-recommends and maintainer-deprecated' },
    );
  } finally {
    await shot('problems-dockerfile');
  }
  void rows;
});

test('Dockerfile: hovering the apt-get squiggle shows the finding message', async () => {
  await wb.openFromExplorer('Dockerfile');
  const expected = expectedFinding('apt-no-install-recommends');
  const box = await waitFor(() => wb.squiggleOnLine('apt-get'), {
    timeout: 60000,
    message: 'a squiggle on the apt-get line',
  });
  await page.mouse.move(5, 5);
  await sleep(200);
  const x = box.x + Math.min(box.width / 2, 40);
  const y = box.y + Math.max(box.height / 2 - 4, 0);
  let text = '';
  try {
    await waitFor(
      async () => {
        await page.mouse.move(x, y - 1);
        await page.mouse.move(x, y);
        text = await waitFor(() => wb.hoverText(), { timeout: 3000, message: 'a hover' }).catch(() => '');
        if (!text.includes('apt-no-install-recommends')) return false;
        return !expected || text.includes(expected.message.slice(0, 40));
      },
      { timeout: 30000, interval: 500, message: 'a hover with the apt-no-install-recommends finding' },
    );
  } catch (err) {
    err.message += `\nhover text: ${JSON.stringify(text.slice(0, 400))}${expected ? `\nexpected message: ${expected.message}` : ''}`;
    throw err;
  } finally {
    await shot('dockerfile-hover');
  }
});

test('Dockerfile: Ctrl+. on the apt-get line applies the quick fix (--no-install-recommends)', async () => {
  await wb.openFromExplorer('Dockerfile');
  await wb.escape(2);
  const { line, text } = lineOf('Dockerfile', 'apt-get install');
  const finding = expectedFinding('apt-no-install-recommends');
  const column =
    finding && finding.range[0] === line - 1 ? finding.range[1] + 2 : text.indexOf('apt-get install') + 2;
  await wb.gotoLine(line, column);
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  let titles = [];
  try {
    await waitFor(
      async () => {
        titles = (await rows.allInnerTexts()).map((t) => t.trim());
        return titles.some((t) => /^Fix\b/.test(t));
      },
      { timeout: 30000, message: 'a "Fix: ..." row in the quick-fix menu' },
    );
  } catch (err) {
    await shot('quickfix-menu-missing');
    err.message += `\nmenu rows: ${JSON.stringify(titles)}`;
    throw err;
  }
  await shot('quickfix-menu');
  if (!titles.some((t) => /fix all auto-fixable problems/i.test(t))) {
    throw new Error(`no "Fix all auto-fixable problems" row; menu rows: ${JSON.stringify(titles)}`);
  }
  const fixes = titles.filter((t) => /^Fix\b/.test(t) && !/fix all/i.test(t));
  const pick = fixes.find((t) => /recommend/i.test(t)) || fixes[0];
  await rows.filter({ hasText: pick }).first().click();
  await waitFor(async () => (await wb.editorText()).includes('--no-install-recommends'), {
    timeout: 30000,
    message: `the editor text to contain --no-install-recommends after "${pick}"`,
  });
  await page.keyboard.press('Control+S');
  await waitFor(
    () => fs.readFileSync(path.join(WS, 'Dockerfile'), 'utf8').includes('--no-install-recommends'),
    {
      timeout: 15000,
      message: 'the saved Dockerfile to contain --no-install-recommends',
    },
  );
  await wb.showProblems();
  await waitFor(async () => !(await wb.problemRows()).some((r) => r.includes('apt-no-install-recommends')), {
    timeout: 30000,
    message: 'the apt-no-install-recommends Problems row to go away after the fix',
  });
  await shot('quickfix-applied');
});

test('compose.yaml: opened from the Explorer, Berth flags the version field', async () => {
  await wb.openFromExplorer('compose.yaml');
  await waitFor(() => wb.squiggleOnLine('version:'), {
    timeout: 60000,
    message: 'a squiggle on the version line',
  });
  await wb.showProblems();
  try {
    await waitFor(
      async () => (await wb.problemRows()).some((r) => /compose-no-version-field|no-version-field/.test(r)),
      {
        timeout: 60000,
        message: 'a Problems row with compose-no-version-field',
      },
    );
  } finally {
    await shot('compose-version-finding');
  }
});

test(
  'Berth: Compose Up (real engine) starts the hello container',
  async () => {
    if (!ENGINE) throw new Error('no Docker engine in this run (see the e2e-run log: docker.io missing?)');
    fs.writeFileSync(DOCKER_MODE, 'real\n');
    await wb.openFromExplorer('compose.yaml');
    await wb.runCommand('Berth: Compose Up');
    await wb.answerQuickPickIfAny(/compose\.yaml/);
    let rows = [];
    try {
      await waitFor(
        () => {
          rows = helloContainers();
          return rows.some((r) => /\trunning\t|\tUp /.test(r));
        },
        { timeout: 180000, interval: 1000, message: '`docker ps` to show the hello container running' },
      );
    } catch (err) {
      const calls = dockerCalls().slice(-5);
      err.message += `\ndocker ps: ${JSON.stringify(rows)}\nlast docker calls: ${JSON.stringify(calls)}`;
      err.message += `\nterminal: ${(await wb.terminalText()).slice(-800)}`;
      throw err;
    } finally {
      await shot('compose-up-real');
    }
  },
  { timeout: 240000 },
);

test(
  'Berth: Compose Down (real engine) removes the hello container',
  async () => {
    if (!ENGINE) throw new Error('no Docker engine in this run');
    fs.writeFileSync(DOCKER_MODE, 'real\n');
    // Independent of the Compose Up test: bring the service up from the CLI if it is not running.
    if (!helloContainers().some((r) => /\trunning\t|\tUp /.test(r))) {
      execFileSync(REAL_DOCKER, ['compose', '-f', 'compose.yaml', 'up', '--detach', '--build'], {
        cwd: WS,
        encoding: 'utf8',
        timeout: 120000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitFor(() => helloContainers().some((r) => /\trunning\t|\tUp /.test(r)), {
        timeout: 60000,
        message: 'the hello container started from the CLI (precondition)',
      });
    }
    await wb.openFromExplorer('compose.yaml');
    await wb.runCommand('Berth: Compose Down');
    await wb.answerQuickPickIfAny(/compose\.yaml/);
    let rows = [];
    try {
      await waitFor(
        () => {
          rows = helloContainers(true);
          return rows.length === 0;
        },
        { timeout: 120000, interval: 1000, message: '`docker ps -a` to show no hello container' },
      );
    } catch (err) {
      err.message += `\ndocker ps -a: ${JSON.stringify(rows)}\nterminal: ${(await wb.terminalText()).slice(-800)}`;
      throw err;
    } finally {
      await shot('compose-down-real');
    }
  },
  { timeout: 180000 },
);

test('Berth: Compose Up runs `docker compose ... up` in the compose file folder (recording docker)', async () => {
  fs.writeFileSync(DOCKER_MODE, 'fake\n');
  const before = dockerCalls().length;
  try {
    await wb.openFromExplorer('compose.yaml');
    await wb.runCommand('Berth: Compose Up');
    await wb.answerQuickPickIfAny(/compose\.yaml/);
    const call = await waitFor(
      () =>
        dockerCalls()
          .slice(before)
          .find((c) => c.mode === 'fake' && c.argv[0] === 'compose' && c.argv.includes('up')),
      { timeout: 60000, interval: 500, message: 'a recorded `docker compose ... up` call' },
    ).catch((err) => {
      err.message += `\nrecorded calls: ${JSON.stringify(dockerCalls().slice(before))}`;
      throw err;
    });
    if (realpath(call.cwd) !== realpath(WS)) {
      throw new Error(`docker compose ran in ${call.cwd}, expected the compose file folder ${WS}`);
    }
    const fileArg = call.argv.findIndex((a) => a === '-f' || a === '--file');
    if (fileArg >= 0 && path.resolve(call.cwd, call.argv[fileArg + 1]) !== path.join(WS, 'compose.yaml')) {
      throw new Error(`docker compose -f points at ${call.argv[fileArg + 1]}, not compose.yaml`);
    }
    await waitFor(async () => (await wb.terminalText()).includes('BERTH-E2E-FAKE-DOCKER'), {
      timeout: 30000,
      message: 'the terminal to show the fake docker output',
    });
  } finally {
    fs.writeFileSync(DOCKER_MODE, 'real\n');
    await shot('compose-up-recorded');
  }
});

// ---- run ---------------------------------------------------------------------------------------------
let results;
try {
  results = await runTests({
    grep: GREP,
    beforeEach: async () => {
      await wb.escape(2).catch(() => {});
    },
    onFailure: async (name) => shot(`FAIL-${slug(name)}`),
  });
} finally {
  // The probe's second phase: the terminals and tasks that Compose Up/Down opened.
  fs.writeFileSync(`${RESULTS}.finish`, '');
  await waitFor(() => (readProbe() || {}).phase === 'final', {
    timeout: 30000,
    message: 'probe final',
  }).catch(() => {});
  await browser.close().catch(() => {});
}

const probe = readProbe();
if (!probe) {
  report('probe: results file written by the probe extension', false, `no ${RESULTS}: the probe did not run`);
} else {
  fs.copyFileSync(RESULTS, path.join(ART, 'probe-results.json'));
  for (const t of probe.tests) {
    const detail = t.ok
      ? ''
      : `${t.error}${t.details ? `\n${JSON.stringify(t.details).slice(0, 1500)}` : ''}`;
    report(`probe: ${t.name}`, t.ok, detail, t.ms || 0);
  }
  if (probe.phase !== 'final') report('probe: finished', false, `the probe stopped in phase ${probe.phase}`);
}
results = results || [];
const extra = printExtra(results.length);
const all = [...results, ...extra];
const passed = all.filter((r) => r.ok).length;
const failed = all.length - passed;
if (pageErrors.length) console.log(`# page errors: ${pageErrors.slice(0, 5).join(' | ')}`);
console.log(`# e2e suite took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${ART}`);
const summary = `${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(ART, 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(failed ? 1 : 0);
