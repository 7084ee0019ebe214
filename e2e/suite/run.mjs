// Berth's end-to-end suite: a user in a real VS Code (code-server, driven by headless chromium through
// playwright-core), against a real Docker engine. Started by scripts/e2e-run.sh, which sets the
// environment below. The last line printed is `N passed, N failed`; the exit code is non-zero on failure.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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
const rawShot = makeScreenshotter(page, ART);
// Screenshots park the mouse on the Explorer's empty space first (no tab tooltip in the picture), except
// where the mouse is the point (hovers): shot(name, { park: false }).
const shot = async (name, { park = true } = {}) => {
  if (park) {
    await page.mouse.move(190, 740).catch(() => {});
    await sleep(150);
  }
  return rawShot(name);
};
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
  // Several findings share the apt-get line (apt-get update, the package, the install): hover the
  // middle of this finding's own range, as published by Berth (the probe read it).
  let x = box.x + Math.min(box.width / 2, 40);
  let y = box.y + Math.max(box.height / 2 - 4, 0);
  if (expected) {
    const [l0, c0, l1, c1] = expected.range;
    const mid = l0 === l1 ? Math.floor((c0 + c1) / 2) : c0 + 2;
    const p = await wb.pointAt(l0 + 1, mid);
    if (p) ({ x, y } = p);
  }
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
    await shot('dockerfile-hover', { park: false });
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

// ---- refactorings, fix all, compose semantics, navigation, lenses, snippets, grammars, .dockerignore ----
// Each of these opens its own fixture file (fixall/, webapp/, stack/, tools/, snippet/), so that they
// stand alone and in any order.

// Reads the Quick-Fix / Refactor menu rows (action widget) until `want` matches one; returns the titles.
async function actionMenu(want, what, timeout = 20000) {
  const rows = page.locator('.action-widget .monaco-list-row');
  let titles = [];
  await waitFor(
    async () => {
      titles = (await rows.allInnerTexts()).map((t) => t.replace(nbspRe, ' ').trim());
      return titles.some((t) => want.test(t));
    },
    { timeout, message: what },
  ).catch((err) => {
    err.message += `\nmenu rows: ${JSON.stringify(titles)}`;
    throw err;
  });
  return titles;
}
const nbspRe = /\u00a0/g;

function fileText(rel) {
  return fs.readFileSync(path.join(WS, rel), 'utf8');
}

test('Dockerfile: "Fix All" from the command palette applies every auto-fix (fixall/Dockerfile)', async () => {
  const rel = 'fixall/Dockerfile';
  await wb.quickOpen(rel);
  await waitFor(() => wb.squiggleOnLine('MAINTAINER'), {
    timeout: 60000,
    message: 'a squiggle on the MAINTAINER line (Berth linted the file)',
  });
  await wb.showProblems();
  await shot('fix-all-before');
  await wb.focusEditor();
  await wb.runCommand('Fix All');
  let text = '';
  try {
    await waitFor(
      async () => {
        text = await wb.editorText();
        return (
          !/^MAINTAINER/m.test(text) &&
          /^LABEL org\.opencontainers\.image\.authors="?Berth E2E <e2e@example\.invalid>"?/m.test(text) &&
          /apt-get install[^\n]*--no-install-recommends/.test(text)
        );
      },
      {
        timeout: 30000,
        message:
          'the editor to show the fixed text: no MAINTAINER, LABEL org.opencontainers.image.authors=..., apt-get install --no-install-recommends',
      },
    );
  } catch (err) {
    err.message += `\neditor text:\n${text}`;
    throw err;
  }
  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => {
      const t = fileText(rel);
      return /--no-install-recommends/.test(t) && t;
    },
    { timeout: 15000, message: `the saved ${rel} to contain the fixes` },
  );
  // apt-remove-lists (DL3009) is auto-fixable too: the RUN ends with the lists removed.
  if (!/rm -rf \/var\/lib\/apt\/lists\/\*/.test(saved)) {
    throw new Error(`Fix All left apt-remove-lists unfixed (no rm -rf /var/lib/apt/lists/*):\n${saved}`);
  }
  if (!/^CMD \["curl", "--version"\]$/m.test(saved))
    throw new Error(`Fix All changed the CMD line:\n${saved}`);
  await waitFor(async () => !(await wb.squiggleOnLine('LABEL')), {
    timeout: 30000,
    message: 'no squiggle on the LABEL line (the maintainer-deprecated finding gone)',
  });
  await shot('fix-all-applied');
});

test('Dockerfile: "Convert to multi-stage build" from the lightbulb (Ctrl+. on FROM, webapp/Dockerfile)', async () => {
  const rel = 'webapp/Dockerfile';
  await wb.quickOpen(rel);
  await wb.closePanel();
  const from = lineOf(rel, 'FROM python:3.12-slim');
  await waitFor(async () => (await wb.squiggles().count()) > 0, {
    timeout: 60000,
    message: `squiggles in ${rel} (Berth linted the file)`,
  });
  await wb.gotoLine(from.line, 3);
  const want = /^Convert to multi-stage build/;
  let how = 'Ctrl+.';
  await page.keyboard.press('Control+.');
  let titles;
  try {
    titles = await actionMenu(want, 'a "Convert to multi-stage build" row in the Ctrl+. menu');
  } catch (err) {
    // Some VS Code versions list refactorings only in the Refactor menu (Ctrl+Shift+R).
    await shot('multi-stage-ctrl-dot-menu');
    console.log(
      `#   (Ctrl+. menu had no Convert row: ${err.message.split('\n').slice(-1)[0]}; trying Ctrl+Shift+R)`,
    );
    await wb.escape(1);
    await wb.gotoLine(from.line, 3);
    how = 'Ctrl+Shift+R';
    await page.keyboard.press('Control+Shift+R');
    titles = await actionMenu(
      want,
      'a "Convert to multi-stage build" row in the Refactor menu (Ctrl+Shift+R)',
    );
  }
  await shot('multi-stage-lightbulb');
  const title = titles.find((t) => want.test(t));
  await page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first().click();
  await waitFor(async () => /FROM base AS builder/.test(await wb.editorText()), {
    timeout: 30000,
    message: `the editor to show "FROM base AS builder" after "${title}" (${how})`,
  });
  await page.keyboard.press('Control+S');
  const after = await waitFor(
    () => {
      const t = fileText(rel);
      return /AS builder/.test(t) && t;
    },
    { timeout: 15000, message: `the saved ${rel} to have a builder stage` },
  );
  const froms = after.match(/^FROM\s.*$/gm) || [];
  const problems = [];
  if (froms.length < 2) problems.push(`${froms.length} FROM line(s), expected at least 2 stages`);
  if (!/^FROM python:3\.12-slim AS \w+$/m.test(after))
    problems.push('the first FROM is not python:3.12-slim AS <name>');
  if (!/^FROM \S+ AS builder$/m.test(after)) problems.push('no "FROM ... AS builder" stage');
  if (!/pip wheel\b[^\n]*-r requirements\.txt/.test(after))
    problems.push('no `pip wheel ... -r requirements.txt` in the builder');
  if (!/^COPY --from=builder \S+/m.test(after)) problems.push('the final stage does not COPY --from=builder');
  const finalStage = after.slice(after.lastIndexOf('\nFROM '));
  if (/\bgcc\b[^\n]*$/m.test(finalStage.replace(/^#.*$/gm, '')))
    problems.push('gcc is still installed in the final stage');
  if (!/^CMD \["gunicorn"/m.test(finalStage)) problems.push('the final stage lost the gunicorn CMD');
  if (problems.length) throw new Error(`the converted Dockerfile: ${problems.join('; ')}\n${after}`);
  // The code lenses follow the new stages: "Build stage <name>" on each named stage, "Build image" on the last.
  let lenses = [];
  try {
    await waitFor(
      async () => {
        lenses = (await wb.codeLenses()).map((l) => l.text);
        return (
          lenses.includes('Build stage base') &&
          lenses.includes('Build stage builder') &&
          lenses.filter((t) => t === 'Build image').length === 1
        );
      },
      {
        timeout: 15000,
        message:
          'code lenses "Build stage base", "Build stage builder" and one "Build image" after the conversion',
      },
    );
  } catch (err) {
    err.message += ` (lenses shown, top to bottom: ${JSON.stringify(lenses)})`;
    throw err;
  } finally {
    await shot('multi-stage-result');
  }
});

test('Dockerfile: the other refactorings one after another from the lightbulb on FROM (refactors/Dockerfile)', async () => {
  const rel = 'refactors/Dockerfile';
  await wb.quickOpen(rel);
  await wb.closePanel();
  await waitFor(async () => (await wb.squiggles().count()) > 0, {
    timeout: 60000,
    message: `squiggles in ${rel} (Berth linted the file)`,
  });
  const steps = [
    { title: /^Pin python to 3\./, done: (t) => /^FROM python:3\.\S+\n/.test(t) },
    {
      title: /^Order for the layer cache/,
      done: (t) => /COPY requirements\.txt \.\nRUN pip install[^\n]*\n[\s\S]*COPY \. \./.test(t),
    },
    { title: /^Run as a non-root user/, done: (t) => /\nUSER \S+\n/.test(t) && /useradd/.test(t) },
    { title: /^Add a HEALTHCHECK/, done: (t) => /\nHEALTHCHECK [^\n]*\\?\n?\s*CMD /.test(t) },
    {
      title: /^Generate \.dockerignore/,
      done: () => fs.existsSync(path.join(WS, 'refactors/.dockerignore')),
    },
  ];
  const applied = [];
  for (const step of steps) {
    let titles;
    // Right after an edit the actions are being recomputed and Ctrl+. can come up empty: ask again.
    for (let attempt = 1; !titles; attempt++) {
      await wb.escape(1);
      await wb.gotoLine(1, 3);
      await page.keyboard.press('Control+.');
      try {
        titles = await actionMenu(step.title, `a ${step.title} row in the Ctrl+. menu on FROM`, 8000);
      } catch (err) {
        if (attempt < 3) continue;
        await shot(`refactors-menu-${applied.length + 1}`);
        err.message += ` (applied so far: ${JSON.stringify(applied)})`;
        throw err;
      }
    }
    const title = titles.find((t) => step.title.test(t));
    await page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first().click();
    await waitFor(async () => step.done(await wb.editorText()), {
      timeout: 30000,
      message: `the result of "${title}"`,
    }).catch(async (err) => {
      err.message += `\neditor:\n${await wb.editorText()}`;
      throw err;
    });
    applied.push(title);
  }
  await wb.escape(1);
  await wb.quickOpen(rel);
  await page.keyboard.press('Control+S');
  const after = await waitFor(
    () => {
      const t = fileText(rel);
      return /\nHEALTHCHECK /.test(t) && t;
    },
    { timeout: 15000, message: `the saved ${rel} with every refactoring` },
  );
  await shot('refactors-result');
  console.log(`#   applied: ${applied.join(' | ')}`);
  // What the user wrote is still there, in order.
  for (const kept of [
    'WORKDIR /app',
    'EXPOSE 8000',
    'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
  ]) {
    if (!after.includes(kept)) throw new Error(`the refactored Dockerfile lost \`${kept}\`:\n${after}`);
  }
});

test('compose: semantic findings (undefined service, inline password) in the Problems panel (stack/compose.yaml)', async () => {
  const rel = 'stack/compose.yaml';
  await wb.quickOpen(rel);
  await waitFor(() => wb.squiggleOnLine('- cache'), {
    timeout: 60000,
    message: 'a squiggle on the `- cache` line (depends_on an undefined service)',
  });
  await wb.filterProblems('**/stack/compose.yaml');
  let rows = [];
  try {
    await waitFor(
      async () => {
        rows = await wb.problemRows();
        return (
          rows.some((r) => r.includes('compose-undefined-reference') && r.includes('cache')) &&
          rows.some((r) => r.includes('compose-inline-secret') && r.includes('POSTGRES_PASSWORD'))
        );
      },
      {
        timeout: 60000,
        message:
          'Problems rows: compose-undefined-reference (cache) and compose-inline-secret (POSTGRES_PASSWORD)',
      },
    );
  } catch (err) {
    err.message += `\nProblems rows: ${JSON.stringify(rows.slice(0, 12))}`;
    throw err;
  } finally {
    await shot('compose-semantic-problems');
    await wb.filterProblems('').catch(() => {});
  }
});

test('the example project (examples/python-webapp): its Dockerfile and compose findings in the Problems panel', async () => {
  const expect = {
    // Rows the panel shows without scrolling (errors and warnings come first; the list is virtual).
    'example/Dockerfile': ['maintainer-deprecated', 'from-latest-tag', 'pip-no-cache-dir'],
    'example/compose.yaml': [
      'compose-no-version-field',
      'compose-inline-secret',
      'compose-depends-on-healthy',
    ],
  };
  for (const [rel, rules] of Object.entries(expect)) {
    await wb.quickOpen(rel);
    await waitFor(async () => (await wb.squiggles().count()) > 0, {
      timeout: 60000,
      message: `a squiggle in ${rel}`,
    });
    await wb.filterProblems(`**/${rel}`);
    let rows = [];
    try {
      await waitFor(
        async () => {
          rows = await wb.problemRows();
          return rules.every((rule) => rows.some((r) => r.includes(rule)));
        },
        { timeout: 60000, message: `Problems rows for ${rel}: ${rules.join(', ')}` },
      );
    } catch (err) {
      err.message += `\nProblems rows: ${JSON.stringify(rows.slice(0, 16))}`;
      throw err;
    } finally {
      await shot(`example-${slug(path.basename(rel))}-problems`);
      await wb.filterProblems('').catch(() => {});
    }
  }
});

test('compose: "Pick a tag for `postgres`…" from the lightbulb, then the first (recommended) tag in the quick pick (example/compose.yaml)', async () => {
  const rel = 'example/compose.yaml';
  await wb.quickOpen(rel);
  await wb.closePanel();
  const at = lineOf(rel, 'image: postgres');
  await waitFor(() => wb.squiggleOnLine('image: postgres'), {
    timeout: 60000,
    message: 'a squiggle on `image: postgres` (compose-image-tag)',
  });
  await wb.gotoLine(at.line, at.text.indexOf('postgres') + 3);
  await page.keyboard.press('Control+.');
  const want = /^Pick a tag for .?postgres/;
  const titles = await actionMenu(want, 'a "Pick a tag for postgres" row in the Ctrl+. menu');
  await shot('pick-tag-menu');
  const title = titles.find((t) => want.test(t));
  await page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first().click();
  const rows = page.locator('.quick-input-list .monaco-list-row');
  let picks = [];
  await waitFor(
    async () => {
      picks = (await rows.allInnerTexts()).map((t) => t.replace(nbspRe, ' ').trim());
      return picks.some((t) => /recommended/i.test(t)) && picks.some((t) => /Type a tag/i.test(t));
    },
    { timeout: 20000, message: 'the quick pick of tags (one recommended, and "Type a tag…")' },
  ).catch((err) => {
    err.message += `\nquick pick rows: ${JSON.stringify(picks)}`;
    throw err;
  });
  await shot('pick-tag-quick-pick');
  const chosen = picks.find((t) => /recommended/i.test(t));
  const tag = /recommended: postgres:(\S+)/.exec(chosen)?.[1];
  if (!tag) throw new Error(`no tag in the recommended row: ${chosen}`);
  await rows.filter({ hasText: 'recommended' }).first().click();
  await page.keyboard.press('Control+S');
  const after = await waitFor(
    () => {
      const t = fileText(rel);
      return t.includes(`image: postgres:${tag}\n`) && t;
    },
    { timeout: 15000, message: `the saved ${rel} to read \`image: postgres:${tag}\`` },
  );
  // Only the tag was inserted: every other line is as it was.
  const before = fs.readFileSync(
    fileURLToPath(new URL('../../examples/python-webapp/compose.yaml', import.meta.url)),
    'utf8',
  );
  if (after !== before.replace('image: postgres\n', `image: postgres:${tag}\n`)) {
    throw new Error(`the edit changed more than the tag:\n${after}`);
  }
});

test('compose: Go to Definition (F12) on a depends_on entry jumps to the service (stack/compose.yaml)', async () => {
  const rel = 'stack/compose.yaml';
  await wb.quickOpen(rel);
  const ref = lineOf(rel, '- db');
  const def = lineOf(rel, '  db:');
  await wb.gotoLine(ref.line, ref.text.indexOf('db') + 2);
  const before = await wb.cursorPosition();
  if (before.line !== ref.line)
    throw new Error(`Ctrl+G did not put the cursor on line ${ref.line}: ${before.text}`);
  await page.keyboard.press('F12');
  let pos;
  try {
    await waitFor(async () => (pos = await wb.cursorPosition()).line === def.line, {
      timeout: 20000,
      message: `the cursor on line ${def.line} (\`${def.text.trim()}\`) after F12 on \`db\` in depends_on (line ${ref.line})`,
    });
  } catch (err) {
    err.message += ` (status bar: ${pos && pos.text}; active tab ${await wb.activeTabName()})`;
    throw err;
  } finally {
    await shot('compose-go-to-definition');
  }
});

test('Dockerfile: code lenses "Build stage tools" and "Build image" above the FROM lines (tools/Dockerfile)', async () => {
  const rel = 'tools/Dockerfile';
  await wb.quickOpen(rel);
  let lenses = [];
  try {
    await waitFor(
      async () => {
        lenses = await wb.codeLenses();
        return (
          lenses.some((l) => l.text === 'Build stage tools') && lenses.some((l) => l.text === 'Build image')
        );
      },
      { timeout: 30000, message: 'code lenses "Build stage tools" and "Build image"' },
    );
  } catch (err) {
    err.message += ` (lenses: ${JSON.stringify(lenses.map((l) => l.text))})`;
    throw err;
  } finally {
    await shot('dockerfile-code-lenses');
  }
  const stage = lenses.find((l) => l.text === 'Build stage tools');
  const image = lenses.find((l) => l.text === 'Build image');
  if (!(stage.y < image.y))
    throw new Error('"Build stage tools" is not above "Build image" (first FROM, then the last)');
});

test('Dockerfile: the shell inside a RUN heredoc is tokenized as shell (tools/Dockerfile)', async () => {
  const rel = 'tools/Dockerfile';
  await wb.quickOpen(rel);
  await wb.closePanel();
  const set = lineOf(rel, 'set -eux');
  // 1. Developer: Inspect Editor Tokens and Scopes on `set`: the scopes the editor shows name the shell
  //    embedded by Berth's injection grammar.
  await wb.gotoLine(set.line, 2);
  await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget');
  let text = '';
  try {
    await waitFor(
      async () => {
        text = (await widget.isVisible()) ? (await widget.innerText()).replace(nbspRe, ' ') : '';
        return /source\.shell|meta\.embedded\.(block|line)\.shell/.test(text);
      },
      {
        timeout: 20000,
        message: 'the token inspector on `set` to show a shell scope (source.shell / meta.embedded.*.shell)',
      },
    );
  } catch (err) {
    err.message += `\ninspector: ${JSON.stringify(text.slice(0, 800))}\ntokens of the line: ${JSON.stringify(await wb.lineTokens('set -eux'))}`;
    throw err;
  } finally {
    await shot('heredoc-shell-tokens');
    await wb.escape(2);
  }
  // 2. The editor DOM: `set` is drawn in the colour the theme gives the shell grammar's scope (the
  //    inspector's "textmate scopes ... foreground"), i.e. the user sees shell highlighting.
  const tmColor = /textmate scopes[\s\S]*?foreground[\s\S]*?"foreground":\s*"(#[0-9a-fA-F]{6})/.exec(text);
  const semantic = /semantic token type\s+(\S+)/.exec(text);
  if (!tmColor)
    throw new Error(`no textmate foreground in the inspector: ${JSON.stringify(text.slice(0, 800))}`);
  const tokens = (await wb.lineTokens('set -eux')).filter((t) => t.text.trim());
  const setTok = tokens.find((t) => /^\s*set\b/.test(t.text));
  if (!setTok) throw new Error(`no DOM token for \`set\`: ${JSON.stringify(tokens)}`);
  const want = hexToRgb(tmColor[1]);
  if (setTok.color !== want) {
    throw new Error(
      `the heredoc's \`set\` is drawn in ${setTok.color}, not in the shell grammar's ${tmColor[1]} (${want})` +
        (semantic ? `: a semantic token (type ${semantic[1]}) overrides the TextMate colour` : '') +
        `\ntokens of the line: ${JSON.stringify(tokens)}`,
    );
  }
});

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('Dockerfile: typing `python-web` and accepting the suggestion expands the snippet (snippet/Dockerfile)', async () => {
  const rel = 'snippet/Dockerfile';
  await wb.quickOpen(rel);
  await wb.closePanel();
  await wb.focusEditor();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('python-web', { delay: 30 });
  const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'python-web' }).first();
  try {
    await row.waitFor({ timeout: 5000 });
  } catch {
    await page.keyboard.press('Control+Space');
    await row.waitFor({ timeout: 20000 }).catch(async (err) => {
      const shown = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
      throw new Error(
        `no python-web suggestion (${err.message.split('\n')[0]}); the list shows ${JSON.stringify(shown.slice(0, 8))}`,
      );
    });
  }
  await shot('snippet-suggestion');
  await row.click();
  let text = '';
  try {
    await waitFor(
      async () => {
        text = await wb.editorText();
        return (
          /^FROM python:3\.12-slim$/m.test(text) &&
          /PYTHONDONTWRITEBYTECODE=1/.test(text) &&
          !/^python-web/m.test(text)
        );
      },
      {
        timeout: 20000,
        message:
          'the expanded snippet (FROM python:3.12-slim, PYTHONDONTWRITEBYTECODE=1) in place of `python-web`',
      },
    );
  } catch (err) {
    err.message += `\neditor text:\n${text}`;
    throw err;
  }
  await shot('snippet-expanded');
  await wb.escape(2);
  await page.keyboard.press('Control+S');
  const saved = await waitFor(
    () => {
      const t = fileText(rel);
      return /FROM python/.test(t) && t;
    },
    { timeout: 15000, message: `the saved ${rel} to contain the snippet` },
  );
  for (const want of [
    'RUN pip install --no-cache-dir -r requirements.txt',
    'USER 10001:10001',
    'CMD ["gunicorn"',
  ]) {
    if (!saved.includes(want))
      throw new Error(`the expanded snippet lacks ${JSON.stringify(want)}:\n${saved}`);
  }
  if (/\$\{?\d|\$0/.test(saved)) throw new Error(`snippet syntax left in the text:\n${saved}`);
});

test('.dockerignore: a finding on a pattern outside the context, and a hover listing what a pattern matches', async () => {
  const rel = 'webapp/.dockerignore';
  await wb.quickOpen(rel);
  await waitFor(() => wb.squiggleOnLine('../secrets'), {
    timeout: 60000,
    message: 'a squiggle on the `../secrets` line',
  });
  await wb.filterProblems('**/webapp/.dockerignore');
  let rows = [];
  try {
    await waitFor(
      async () => {
        rows = await wb.problemRows();
        return rows.some(
          (r) => r.includes('dockerignore-pattern-never-matches') && r.includes('outside the build context'),
        );
      },
      {
        timeout: 30000,
        message: 'a Problems row with dockerignore-pattern-never-matches (outside the build context)',
      },
    );
  } catch (err) {
    err.message += `\nProblems rows: ${JSON.stringify(rows.slice(0, 12))}`;
    throw err;
  } finally {
    await shot('dockerignore-problems');
    await wb.filterProblems('').catch(() => {});
  }
  const tests = lineOf(rel, 'tests');
  await page.mouse.move(5, 5);
  await sleep(200);
  let text = '';
  try {
    await waitFor(
      async () => {
        const p = await wb.pointAt(tests.line, 2);
        if (!p) return false;
        await page.mouse.move(p.x, p.y - 1);
        await page.mouse.move(p.x, p.y);
        text = await waitFor(() => wb.hoverText(), { timeout: 3000, message: 'a hover' }).catch(() => '');
        // "tests excludes 1 file of the build context webapp/:" and the matched entries (`tests/`).
        return (
          /\b(matches|excludes) 1 file of the build context webapp\//.test(text) && /\btests\//.test(text)
        );
      },
      {
        timeout: 30000,
        interval: 500,
        message: 'a hover on `tests` saying it excludes 1 file of the build context webapp/, listing tests/',
      },
    );
  } catch (err) {
    err.message += `\nhover text: ${JSON.stringify(text.slice(0, 400))}`;
    throw err;
  } finally {
    await shot('dockerignore-hover', { park: false });
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

const COMPOSE_FILE = path.join(WS, 'compose.yaml');
/** The recorded argv, element for element; a path argument may name the expected file by another path. */
function assertArgv(got, want) {
  const same = (g, w) => g === w || (path.isAbsolute(g) && path.isAbsolute(w) && realpath(g) === realpath(w));
  if (got.length !== want.length || got.some((g, i) => !same(g, want[i]))) {
    throw new Error(`recorded: docker ${JSON.stringify(got)}\nexpected: docker ${JSON.stringify(want)}`);
  }
}

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
    assertArgv(call.argv, ['compose', '-f', COMPOSE_FILE, 'up', '--detach', '--build']);
    console.log(`#   recorded: docker ${call.argv.join(' ')} (cwd ${call.cwd})`);
    await waitFor(async () => (await wb.terminalText()).includes('BERTH-E2E-FAKE-DOCKER'), {
      timeout: 30000,
      message: 'the terminal to show the fake docker output',
    });
  } finally {
    fs.writeFileSync(DOCKER_MODE, 'real\n');
    await shot('compose-up-recorded');
  }
});

test('compose.yaml: the "Run service" code lens above `hello:` runs `docker compose ... up ... hello` (recording docker)', async () => {
  fs.writeFileSync(DOCKER_MODE, 'fake\n');
  const before = dockerCalls().length;
  try {
    await wb.openFromExplorer('compose.yaml');
    await wb.closePanel();
    const lens = wb
      .activeEditor()
      .locator('.codelens-decoration a', { hasText: /^Run service$/ })
      .first();
    await lens.waitFor({ timeout: 30000 }).catch(async (err) => {
      throw new Error(
        `no "Run service" code lens (${err.message.split('\n')[0]}); lenses: ${JSON.stringify(await wb.codeLenses())}`,
      );
    });
    const lenses = await wb.codeLenses();
    for (const want of ['Run all services', 'Run service', 'Logs', 'Restart']) {
      if (!lenses.some((l) => l.text === want))
        throw new Error(`no "${want}" code lens; lenses: ${JSON.stringify(lenses.map((l) => l.text))}`);
    }
    await shot('compose-code-lenses');
    await lens.click();
    const call = await waitFor(
      () =>
        dockerCalls()
          .slice(before)
          .find((c) => c.mode === 'fake' && c.argv[0] === 'compose' && c.argv.includes('up')),
      {
        timeout: 60000,
        interval: 500,
        message: 'a recorded `docker compose ... up` call after clicking "Run service"',
      },
    ).catch((err) => {
      err.message += `\nrecorded calls: ${JSON.stringify(dockerCalls().slice(before))}`;
      throw err;
    });
    const argv = call.argv;
    assertArgv(argv, ['compose', '-f', COMPOSE_FILE, 'up', '--detach', '--build', 'hello']);
    if (realpath(call.cwd) !== realpath(WS)) {
      throw new Error(`docker compose ran in ${call.cwd}, expected the compose file folder ${WS}`);
    }
    await waitFor(async () => (await wb.terminalText()).includes('BERTH-E2E-FAKE-DOCKER'), {
      timeout: 30000,
      message: 'the terminal to show the fake docker output',
    });
    console.log(`#   recorded: docker ${argv.join(' ')} (cwd ${call.cwd})`);
  } finally {
    fs.writeFileSync(DOCKER_MODE, 'real\n');
    await shot('compose-run-service-recorded');
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
