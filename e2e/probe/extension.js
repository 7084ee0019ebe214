// Berth e2e probe: a test-only extension (plain JS, no build) installed next to Berth in the e2e run.
// It does nothing unless BERTH_E2E_RESULTS is set. Then it asserts through the real VS Code API what the
// screen cannot show exactly, and writes JSON results to that path for e2e/suite to report:
//  - phase "static", right after startup: Berth's diagnostics, code actions and hover on the fixture files
//    (read-only: no edit is applied, the UI suite does that);
//  - phase "final", once the suite creates `${BERTH_E2E_RESULTS}.finish`: the terminals and tasks that
//    were opened meanwhile (by Compose Up / Down run from the command palette).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS extension, no build */

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const BERTH_ID = 'berth-dev.berth';
const WAIT_MS = 60000;

const opened = []; // terminals and tasks seen, in order
let results = { phase: 'starting', startedAt: new Date().toISOString(), tests: [], info: {} };
let resultsPath = '';

function writeResults() {
  const tmp = `${resultsPath}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, resultsPath);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    const details = await fn();
    results.tests.push({ name, ok: true, ms: Date.now() - t0, details });
  } catch (err) {
    results.tests.push({
      name,
      ok: false,
      ms: Date.now() - t0,
      error: String((err && err.message) || err),
      details: err && err.details,
    });
  }
  writeResults();
}

function fail(message, details) {
  const err = new Error(message);
  err.details = details;
  throw err;
}

function asPath(cwd) {
  if (!cwd) return undefined;
  if (typeof cwd === 'string') return cwd;
  if (cwd.fsPath) return cwd.fsPath;
  return String(cwd);
}

function sameDir(a, b) {
  if (!a || !b) return false;
  const norm = (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return norm(a) === norm(b);
}

function codeOf(diagnostic) {
  const c = diagnostic.code;
  if (c && typeof c === 'object') return String(c.value);
  return c === undefined ? '' : String(c);
}

function berthDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'berth');
}

function summary(diagnostics) {
  return diagnostics.map((d) => ({
    code: codeOf(d),
    severity: d.severity,
    message: d.message,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  }));
}

// Waits until Berth publishes a diagnostic with one of `codes` for `uri`.
async function waitForDiagnostic(uri, codes) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const found = berthDiagnostics(uri).find((d) => codes.includes(codeOf(d)));
    if (found) return found;
    if (Date.now() > deadline) {
      fail(`no berth diagnostic with code ${codes.join(' / ')} after ${WAIT_MS / 1000} s`, {
        all: summary(vscode.languages.getDiagnostics(uri)),
      });
    }
    await new Promise((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => {
        sub.dispose();
        resolve();
      });
      setTimeout(() => {
        sub.dispose();
        resolve();
      }, 500);
    });
  }
}

function applyTextEdits(text, edits) {
  const doc = text.split('\n');
  const offset = (pos) => {
    let o = 0;
    for (let i = 0; i < pos.line; i++) o += doc[i].length + 1;
    return o + pos.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

// Code actions at the diagnostic: a "Fix: ..." one whose edit yields `expect`, and "Fix all ...".
async function checkQuickFix(doc, diagnostic, expect) {
  // The workbench hands code-action providers the diagnostics that reached its marker service, which
  // can lag behind languages.getDiagnostics here: retry for a while.
  const isFix = (a) =>
    /^Fix\b/.test(a.title) &&
    !/fix all/i.test(a.title) &&
    (!a.diagnostics || a.diagnostics.some((d) => codeOf(d) === codeOf(diagnostic)));
  const deadline = Date.now() + 20000;
  let actions;
  for (;;) {
    try {
      actions =
        (await vscode.commands.executeCommand(
          'vscode.executeCodeActionProvider',
          doc.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
          20,
        )) || [];
    } catch (err) {
      // A request cancelled because the server republished diagnostics meanwhile: ask again.
      if (!/cancel/i.test(String((err && err.message) || err)) || Date.now() > deadline) throw err;
      actions = [];
    }
    if (actions.some(isFix) || Date.now() > deadline) break;
    await sleep(500);
  }
  const titles = actions.map((a) => a.title);
  const fix = actions.find(isFix);
  if (!fix) fail(`no "Fix: ..." quick fix for ${codeOf(diagnostic)}`, { titles });
  if (!titles.some((t) => /fix all auto-fixable problems/i.test(t))) {
    fail('no "Fix all auto-fixable problems" action', { titles });
  }
  if (expect) {
    if (!fix.edit) fail(`quick fix "${fix.title}" has no edit (command only?)`, { titles });
    const edits = fix.edit.get(doc.uri);
    const after = applyTextEdits(doc.getText(), edits);
    if (!expect(after)) fail(`quick fix "${fix.title}" does not produce the expected text`, { after });
    return { titles, fix: fix.title, after };
  }
  return { titles, fix: fix.title };
}

function hoverText(hovers) {
  const parts = [];
  for (const h of hovers || []) {
    for (const c of h.contents) parts.push(typeof c === 'string' ? c : c.value);
  }
  return parts.join('\n');
}

async function staticPhase() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  results.info.workspace = folder && folder.uri.fsPath;

  await check('Berth is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(BERTH_ID);
    if (!ext) fail(`extension ${BERTH_ID} is not installed`);
    await ext.activate();
    return { version: ext.packageJSON.version, isActive: ext.isActive };
  });

  await check('Berth registers berth.composeUp and berth.composeDown', async () => {
    const deadline = Date.now() + WAIT_MS;
    let missing;
    while (Date.now() < deadline) {
      const all = await vscode.commands.getCommands(true);
      missing = ['berth.composeUp', 'berth.composeDown'].filter((c) => !all.includes(c));
      if (!missing.length) return {};
      await sleep(500);
    }
    fail(`commands not registered: ${missing.join(', ')}`);
  });

  if (!folder) {
    await check('a workspace folder is open', () => fail('no workspace folder'));
    return;
  }
  const dockerfile = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'Dockerfile'));
  const compose = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'compose.yaml'));
  results.info.languageIds = { Dockerfile: dockerfile.languageId, 'compose.yaml': compose.languageId };

  let apt;
  await check('Dockerfile: apt-no-install-recommends diagnostic (source berth)', async () => {
    apt = await waitForDiagnostic(dockerfile.uri, ['apt-no-install-recommends', 'DL3015']);
    const line = dockerfile.lineAt(apt.range.start.line).text;
    if (!/apt-get/.test(line)) fail(`diagnostic is not on the apt-get line but on: ${line}`);
    return { diagnostics: summary(berthDiagnostics(dockerfile.uri)) };
  });
  results.info.dockerfileDiagnostics = summary(berthDiagnostics(dockerfile.uri));

  await check('Dockerfile: maintainer-deprecated diagnostic (source berth)', async () => {
    const d = await waitForDiagnostic(dockerfile.uri, ['maintainer-deprecated', 'DL4000']);
    return summary([d])[0];
  });

  await check('Dockerfile: quick fix adds --no-install-recommends, and "Fix all" is offered', async () => {
    if (!apt) fail('no apt-no-install-recommends diagnostic');
    return checkQuickFix(dockerfile, apt, (after) =>
      /apt-get install[^\n]*--no-install-recommends/.test(after),
    );
  });

  await check('Dockerfile: hover on the apt-get finding shows its message', async () => {
    if (!apt) fail('no apt-no-install-recommends diagnostic');
    const positions = [apt.range.start, apt.range.start.translate(0, 1)];
    const middle = Math.floor((apt.range.start.character + apt.range.end.character) / 2);
    if (apt.range.end.line === apt.range.start.line)
      positions.push(apt.range.start.with({ character: middle }));
    let text = '';
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline) {
      for (const pos of positions) {
        text = hoverText(
          await vscode.commands.executeCommand('vscode.executeHoverProvider', dockerfile.uri, pos),
        );
        if (text.includes(apt.message) || text.includes(codeOf(apt))) return { text };
      }
      await sleep(500);
    }
    fail('no hover containing the finding message or rule id', { message: apt.message, hover: text });
  });

  await check(
    'Restart Language Server: the old server process ends, one runs, diagnostics come back',
    async () => {
      // Berth forks its server itself (client/src/extension.ts): the language client does not track
      // that process, so Berth must end it. Server processes are children of this extension host.
      const servers = () =>
        fs
          .readdirSync('/proc')
          .filter((d) => /^\d+$/.test(d))
          .filter((pid) => {
            try {
              const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
              const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
              return ppid === process.pid && cmd.includes('server.js') && cmd.includes('--node-ipc');
            } catch {
              return false;
            }
          });
      const before = servers();
      if (before.length !== 1)
        fail(`expected one Berth server process before the restart, found ${before.length}`);
      await vscode.commands.executeCommand('berth.restartServer');
      const deadline = Date.now() + WAIT_MS;
      let after = servers();
      let diagnostics = [];
      while (Date.now() < deadline) {
        after = servers();
        diagnostics = berthDiagnostics(dockerfile.uri);
        if (after.length === 1 && after[0] !== before[0] && diagnostics.length) break;
        await sleep(300);
      }
      if (after.length !== 1 || after[0] === before[0])
        fail('after the restart, not exactly one new server process', { before, after });
      if (!diagnostics.length) fail('no Berth diagnostics on the Dockerfile after the restart');
      return { before, after, diagnostics: diagnostics.length };
    },
  );

  let version;
  await check('compose.yaml: compose-no-version-field diagnostic (source berth)', async () => {
    version = await waitForDiagnostic(compose.uri, ['compose-no-version-field', 'no-version-field']);
    return { diagnostics: summary(berthDiagnostics(compose.uri)), languageId: compose.languageId };
  });
  results.info.composeDiagnostics = summary(berthDiagnostics(compose.uri));

  await check('compose.yaml: quick fix removes the version field', async () => {
    if (!version) fail('no compose-no-version-field diagnostic');
    return checkQuickFix(compose, version, (after) => !/^version\s*:/m.test(after));
  });
}

async function finalPhase() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const dir = folder && folder.uri.fsPath;
  results.info.opened = opened;
  await check('Compose Up opened an integrated terminal or a task, in the compose file folder', async () => {
    if (!opened.length) fail('no terminal or task was opened during the run');
    const tasks = opened.filter((o) => o.kind === 'task');
    if (tasks.length && !tasks.some((o) => /\bcompose\b.*\bup\b/.test(o.line || ''))) {
      fail('no task ran `docker compose ... up`', { opened });
    }
    const withCwd = opened.filter((o) => o.cwd);
    if (withCwd.length && !withCwd.some((o) => sameDir(o.cwd, dir))) {
      fail(`no terminal/task cwd equals ${dir}`, { opened });
    }
    return { opened, cwdKnown: withCwd.length > 0 };
  });
}

async function run(context) {
  const t0 = Date.now();
  context.subscriptions.push(
    vscode.window.onDidOpenTerminal((t) => {
      const o = t.creationOptions || {};
      opened.push({ kind: 'terminal', name: t.name, cwd: asPath(o.cwd), at: Date.now() - t0 });
    }),
    vscode.tasks.onDidStartTask((e) => {
      const task = e.execution.task;
      const ex = task.execution || {};
      const cwd = ex.options && ex.options.cwd;
      const word = (w) => (w && typeof w === 'object' ? w.value : w);
      const line = ex.commandLine || [word(ex.command) || ex.process, ...(ex.args || []).map(word)].join(' ');
      opened.push({
        kind: 'task',
        name: task.name,
        source: task.source,
        cwd: asPath(cwd),
        line,
        at: Date.now() - t0,
      });
    }),
  );
  try {
    await staticPhase();
  } catch (err) {
    results.tests.push({ name: 'probe static phase', ok: false, error: String((err && err.stack) || err) });
  }
  results.phase = 'static';
  results.staticMs = Date.now() - t0;
  writeResults();

  const finish = `${resultsPath}.finish`;
  const deadline = Date.now() + 20 * 60 * 1000;
  while (!fs.existsSync(finish) && Date.now() < deadline) await sleep(300);
  try {
    await finalPhase();
  } catch (err) {
    results.tests.push({ name: 'probe final phase', ok: false, error: String((err && err.stack) || err) });
  }
  results.phase = 'final';
  writeResults();
}

function activate(context) {
  resultsPath = process.env.BERTH_E2E_RESULTS || '';
  if (!resultsPath) return;
  writeResults();
  run(context).catch((err) => {
    results.phase = 'final';
    results.tests.push({ name: 'probe crashed', ok: false, error: String((err && err.stack) || err) });
    writeResults();
  });
}

function deactivate() {}

module.exports = { activate, deactivate };
