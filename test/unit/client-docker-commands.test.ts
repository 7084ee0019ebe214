/**
 * The VS Code glue (client/src/commands) driven end to end: a minimal stand-in for the `vscode` module
 * records quick picks, dialogs, tasks and terminals; the tasks' ProcessExecutions are then run for real
 * against a fake `docker` on PATH that records argv and cwd.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from '../../client/src/docker';
import { COMMAND_TITLES } from '../../client/src/docker/commandIds';
import { installVscodeStub } from '../helpers/vscode-stub';

const FAKE = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const prog = path.basename(process.argv[1]);
const args = process.argv.slice(2);
fs.appendFileSync(process.env.BERTH_FAKE_LOG, JSON.stringify({ prog, argv: args, cwd: process.cwd() }) + '\\n');
if (args[0] === 'compose' && args[1] === 'version') process.stdout.write('Docker Compose version v2.29.1\\n');
else if (args[0] === 'compse') {
  process.stderr.write("docker: 'compse' is not a docker command.\\n");
  process.exit(1);
}
else if (args[0] === '--version') process.stdout.write('Docker version 27.1.1\\n');
else if (args[0] === 'ps') {
  process.stdout.write(JSON.stringify({ ID: 'c0ffee', Names: 'web-1', Image: 'nginx', State: 'running', Status: 'Up' }) + '\\n');
} else if (args.includes('config')) process.stdout.write('name: merged\\nservices: {}\\n');
`;

// ------------------------------------------------------------------------------------------------
// A minimal `vscode` stand-in

class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    if (s.startsWith('file://')) return Uri.file(decodeURIComponent(s.slice(7)));
    const i = s.indexOf(':');
    return new Uri(s.slice(0, i), s.slice(i + 1));
  }
  static from(c: { scheme: string; path: string; query?: string }): Uri {
    return new Uri(c.scheme, c.path, c.query);
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? '?' + this.query : ''}`;
  }
}

class ProcessExecution {
  constructor(
    readonly process: string,
    readonly args: string[],
    readonly options?: { cwd?: string },
  ) {}
}

class Task {
  presentationOptions: unknown;
  constructor(
    readonly definition: { type: string; command: string },
    readonly scope: unknown,
    readonly name: string,
    readonly source: string,
    readonly execution: ProcessExecution,
  ) {}
}

class EventEmitter {
  event = (): { dispose(): void } => ({ dispose() {} });
  fire(): void {}
  dispose(): void {}
}

type Responder = (...args: any[]) => unknown;

const ui = {
  settings: {} as Record<string, unknown>,
  trusted: true,
  activeFile: undefined as string | undefined,
  folder: '' as string,
  findFiles: [] as string[],
  /** Open documents: path -> language id. */
  openDocs: new Map<string, string>(),
  tasks: [] as Task[],
  terminals: [] as { name: string; shellPath: string; shellArgs: string[]; cwd: string }[],
  messages: [] as { kind: string; text: string; options?: unknown; items: unknown[] }[],
  shownDocs: [] as string[],
  /** Answers for quick picks, input boxes and dialogs, in order. */
  answers: [] as Responder[],
  providers: new Map<string, { provideTextDocumentContent(u: Uri): string }>(),
  reset(): void {
    this.settings = {};
    this.trusted = true;
    this.activeFile = undefined;
    this.findFiles = [];
    this.openDocs = new Map();
    this.tasks = [];
    this.terminals = [];
    this.messages = [];
    this.shownDocs = [];
    this.answers = [];
  },
  answer(...args: unknown[]): unknown {
    const next = this.answers.shift();
    if (!next) throw new Error(`unexpected prompt: ${JSON.stringify(args[0])}`);
    return next(...args);
  },
};

const commands = new Map<string, (...args: unknown[]) => Promise<void>>();
const memento = new Map<string, unknown>();

const vscodeStub = {
  Uri,
  ProcessExecution,
  Task,
  EventEmitter,
  TaskScope: { Global: 1, Workspace: 2 },
  TaskRevealKind: { Always: 1 },
  TaskPanelKind: { Dedicated: 2 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ProgressLocation: { Window: 10 },
  env: { openExternal: async () => true },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => Promise<void>) => {
      commands.set(id, fn);
      return { dispose() {} };
    },
    executeCommand: async () => undefined,
  },
  tasks: {
    executeTask: async (t: Task) => {
      ui.tasks.push(t);
      return {};
    },
  },
  workspace: {
    get isTrusted() {
      return ui.trusted;
    },
    get workspaceFolders() {
      return [{ uri: Uri.file(ui.folder), name: 'ws', index: 0 }];
    },
    getWorkspaceFolder: (u: Uri) =>
      u.fsPath.startsWith(ui.folder) ? { uri: Uri.file(ui.folder), name: 'ws', index: 0 } : undefined,
    getConfiguration: (section: string) => ({
      get: (key: string, fallback?: unknown) => ui.settings[`${section}.${key}`] ?? fallback,
    }),
    findFiles: async () => ui.findFiles.map((f) => Uri.file(f)),
    get textDocuments() {
      return [...ui.openDocs].map(([f, languageId]) => ({ uri: Uri.file(f), languageId }));
    },
    asRelativePath: (p: string) => path.relative(ui.folder, p),
    registerTextDocumentContentProvider: (
      scheme: string,
      p: { provideTextDocumentContent(u: Uri): string },
    ) => {
      ui.providers.set(scheme, p);
      return { dispose() {} };
    },
    openTextDocument: async (u: Uri) => ({
      uri: u,
      text: ui.providers.get(u.scheme)!.provideTextDocumentContent(u),
    }),
  },
  window: {
    get activeTextEditor() {
      if (!ui.activeFile) return undefined;
      const base = path.basename(ui.activeFile);
      const languageId = /compose/.test(base)
        ? 'dockercompose'
        : /Dockerfile/.test(base)
          ? 'dockerfile'
          : 'plaintext';
      return { document: { uri: Uri.file(ui.activeFile), languageId } };
    },
    showQuickPick: async (...a: unknown[]) => ui.answer('quickPick', ...a),
    showInputBox: async (...a: unknown[]) => ui.answer('inputBox', ...a),
    showWarningMessage: async (text: string, ...rest: unknown[]) => {
      const [first] = rest;
      const modal = typeof first === 'object' && first !== null && (first as { modal?: boolean }).modal;
      ui.messages.push({
        kind: 'warning',
        text,
        options: modal ? first : undefined,
        items: modal ? rest.slice(1) : rest,
      });
      return modal ? ui.answer('confirm', text, ...rest) : undefined;
    },
    showErrorMessage: async (text: string, ...items: unknown[]) => {
      ui.messages.push({ kind: 'error', text, items });
      return undefined;
    },
    showInformationMessage: async (text: string, ...items: unknown[]) => {
      ui.messages.push({ kind: 'info', text, items });
      return undefined;
    },
    createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
    createTerminal: (o: { name: string; shellPath: string; shellArgs: string[]; cwd: string }) => {
      ui.terminals.push(o);
      return { show() {}, dispose() {} };
    },
    withProgress: async (_o: unknown, fn: () => Promise<unknown>) => fn(),
    showTextDocument: async (d: { uri: Uri; text: string }) => {
      ui.shownDocs.push(d.text);
      return {};
    },
  },
};

// ------------------------------------------------------------------------------------------------

interface Rec {
  prog: string;
  argv: string[];
  cwd: string;
}

(process.platform === 'win32' ? describe.skip : describe)(
  'client docker: commands (VS Code glue) against a fake docker',
  function () {
    this.timeout(60000);
    let uninstall: () => void;
    let originalPath: string | undefined;
    let root: string;
    let logFile: string;
    let proj: string;
    let run: (id: string, ...args: unknown[]) => Promise<void>;

    /** Runs the task the command queued, for real, and returns what the fake docker recorded. */
    async function runTask(t: Task): Promise<Rec> {
      fs.rmSync(logFile, { force: true });
      const r = await runProcess([t.execution.process, ...t.execution.args], t.execution.options?.cwd, {
        timeoutMs: 20000,
      });
      assert.equal(r.error, undefined);
      const lines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
      assert.equal(lines.length, 1);
      return JSON.parse(lines[0]) as Rec;
    }

    async function onlyTask(id: string, ...args: unknown[]): Promise<Rec> {
      ui.tasks = [];
      await run(id, ...args);
      assert.deepEqual(
        ui.messages.filter((m) => m.kind === 'error'),
        [],
      );
      assert.equal(ui.tasks.length, 1, `${id}: one task`);
      return runTask(ui.tasks[0]);
    }

    before(() => {
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth glue ')));
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'docker'), FAKE, { mode: 0o755 });
      logFile = path.join(root, 'calls.jsonl');
      originalPath = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${originalPath ?? ''}`;
      process.env.BERTH_FAKE_LOG = logFile;

      ui.folder = path.join(root, 'ws');
      proj = path.join(ui.folder, "my app $(x) `y` 'q' ✓");
      fs.mkdirSync(proj, { recursive: true });
      fs.writeFileSync(
        path.join(proj, 'compose.yaml'),
        'services:\n  web:\n    image: nginx\n  debugger:\n    image: busybox\n    profiles: [debug]\n',
      );
      fs.writeFileSync(path.join(proj, 'compose.override.yaml'), 'services:\n  web:\n    ports: ["80:80"]\n');
      // A partial file: compose rejects it alone ("web has neither an image nor a build context").
      fs.writeFileSync(path.join(proj, 'compose.prod.yaml'), 'services:\n  web:\n    restart: always\n');
      // A complete one: it runs alone.
      fs.writeFileSync(path.join(proj, 'compose.ci.yaml'), 'services:\n  test:\n    image: busybox\n');
      fs.writeFileSync(
        path.join(proj, 'Dockerfile'),
        'FROM nginx AS web\nEXPOSE 80\nFROM web AS final\nEXPOSE 443\n',
      );

      uninstall = installVscodeStub(vscodeStub);
      type CommandsModule = typeof import('../../client/src/commands');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { registerCommands } = require('../../client/src/commands') as CommandsModule;
      registerCommands({
        subscriptions: [],
        workspaceState: {
          get: (k: string) => memento.get(k),
          update: async (k: string, v: unknown) => void memento.set(k, v),
          keys: () => [...memento.keys()],
        },
      } as unknown as import('vscode').ExtensionContext);
      run = async (id, ...args) => {
        const fn = commands.get(id);
        assert.ok(fn, `${id} is registered`);
        await fn(...args);
      };
    });

    after(() => {
      uninstall();
      process.env.PATH = originalPath;
      delete process.env.BERTH_FAKE_LOG;
      fs.rmSync(root, { recursive: true, force: true });
    });

    beforeEach(() => {
      ui.reset();
      memento.clear();
    });

    const f = (name: string): string => path.join(proj, name);
    const composeBase = (): string[] => [
      'compose',
      '-f',
      f('compose.yaml'),
      '-f',
      f('compose.override.yaml'),
    ];

    it("registers every berth.* run command (and the refactorings' internal helpers)", () => {
      const registered = [...commands.keys()].filter((k) => k.startsWith('berth.'));
      assert.deepEqual(
        registered.filter((k) => k in COMMAND_TITLES).sort(),
        Object.keys(COMMAND_TITLES).sort(),
      );
      assert.deepEqual(registered.filter((k) => !(k in COMMAND_TITLES)).sort(), [
        'berth.pickImageTag',
        'berth.refactors.selectPlaceholder',
      ]);
    });

    it('runs nothing in an untrusted workspace, and says why', async () => {
      ui.trusted = false;
      const runIds = Object.keys(COMMAND_TITLES);
      for (const id of runIds) await run(id, Uri.file(f('compose.yaml')));
      assert.equal(ui.tasks.length + ui.terminals.length, 0);
      assert.equal(ui.messages.length, runIds.length);
      assert.ok(ui.messages.every((m) => m.kind === 'warning' && /untrusted workspace/.test(m.text)));
      assert.ok(!fs.existsSync(logFile) || fs.readFileSync(logFile, 'utf8') === '', 'docker never ran');
    });

    it('Compose Up from the explorer: default file set, cwd = project dir, task per project', async () => {
      const rec = await onlyTask('berth.composeUp', Uri.file(f('compose.yaml')), [
        Uri.file(f('compose.yaml')),
      ]);
      assert.deepEqual(rec, {
        prog: 'docker',
        argv: [...composeBase(), 'up', '--detach', '--build'],
        cwd: proj,
      });
      assert.equal(ui.tasks[0].name, 'compose up (myappxyq)'); // compose's own project name normalisation
    });

    it('a multi-selection is one invocation: -f a -f b in selection order', async () => {
      const rec = await onlyTask('berth.composeDown', Uri.file(f('compose.yaml')), [
        Uri.file(f('compose.prod.yaml')),
        Uri.file(f('compose.yaml')),
      ]);
      assert.deepEqual(rec.argv, ['compose', '-f', f('compose.prod.yaml'), '-f', f('compose.yaml'), 'down']);
      assert.equal(rec.cwd, proj);
      // Non-YAML files in the selection are left out; image commands use the right-clicked file.
      const mixed = await onlyTask('berth.composePs', Uri.file(f('compose.yaml')), [
        Uri.file(f('Dockerfile')),
        Uri.file(f('compose.yaml')),
        Uri.file(f('compose.prod.yaml')),
      ]);
      assert.deepEqual(mixed.argv, ['compose', '-f', f('compose.yaml'), '-f', f('compose.prod.yaml'), 'ps']);
      // Only compose files by name (the language server's rule) or open in the Compose language are kept:
      // not values.yaml, even though it is YAML.
      fs.writeFileSync(f('values.yaml'), 'a: 1\n');
      fs.writeFileSync(f('stack.yml'), 'services:\n  s:\n    image: x\n');
      ui.openDocs.set(f('stack.yml'), 'dockercompose');
      const yamls = await onlyTask('berth.composePs', Uri.file(f('compose.yaml')), [
        Uri.file(f('compose.yaml')),
        Uri.file(f('values.yaml')),
        Uri.file(f('stack.yml')),
      ]);
      assert.deepEqual(yamls.argv, ['compose', '-f', f('compose.yaml'), '-f', f('stack.yml'), 'ps']);
      ui.answers.push(
        (_k, items: { target?: string }[]) => items[0],
        () => 'app:x',
      );
      const build = await onlyTask('berth.imageBuild', Uri.file(f('Dockerfile')), [
        Uri.file(f('compose.yaml')),
        Uri.file(f('Dockerfile')),
      ]);
      assert.equal(build.argv[2], f('Dockerfile'));
      // A relative lens path is taken relative to the workspace folder.
      const rel = await onlyTask('berth.composeStop', {
        file: path.relative(ui.folder, f('compose.ci.yaml')),
      });
      assert.deepEqual(rel.argv, ['compose', '-f', f('compose.ci.yaml'), 'stop']);
    });

    it('code lens arguments: { file, services }', async () => {
      assert.deepEqual(
        (await onlyTask('berth.composeUp', { file: f('compose.yaml'), services: ['web'] })).argv,
        [...composeBase(), 'up', '--detach', '--build', 'web'],
      );
      assert.deepEqual(
        (await onlyTask('berth.composeLogs', { file: f('compose.yaml'), services: ['web'] })).argv,
        [...composeBase(), 'logs', '--follow', '--tail', '100', 'web'],
      );
      assert.deepEqual(
        (await onlyTask('berth.composeRestart', { file: f('compose.override.yaml'), services: ['web'] }))
          .argv,
        [...composeBase(), 'restart', 'web'],
      );
    });

    it('palette: the active compose file, else the only one, else a pick', async () => {
      ui.activeFile = f('compose.override.yaml');
      assert.deepEqual((await onlyTask('berth.composePs')).argv, [...composeBase(), 'ps']);
      ui.activeFile = undefined;
      ui.findFiles = [f('compose.yaml'), f('compose.override.yaml'), f('compose.prod.yaml')];
      ui.answers.push((_k, items: { label: string; file: string }[]) => {
        // The override file is not offered on its own: it belongs to compose.yaml's project.
        assert.deepEqual(items.map((i) => path.basename(i.file)).sort(), [
          'compose.prod.yaml',
          'compose.yaml',
        ]);
        return items.find((i) => i.file.endsWith('compose.prod.yaml'));
      });
      // The partial file runs after the file it completes, as compose's docs run it (no override file).
      assert.deepEqual((await onlyTask('berth.composePull')).argv, [
        'compose',
        '-f',
        f('compose.yaml'),
        '-f',
        f('compose.prod.yaml'),
        'pull',
      ]);
    });

    it('settings: detached/build off, templates, docker command with spaces', async () => {
      ui.settings['berth.compose.detached'] = false;
      ui.settings['berth.compose.build'] = false;
      ui.settings['berth.compose.commandTemplates'] = {
        stop: '${composeCommand} ${configurationFiles} stop -t 1 ${serviceList}',
      };
      ui.settings['berth.compose.projectName'] = 'custom name';
      const up = await onlyTask('berth.composeUp', { file: f('compose.yaml') });
      assert.deepEqual(up.argv, ['compose', '-p', 'custom name', ...composeBase().slice(1), 'up']);
      const stop = await onlyTask('berth.composeStop', { file: f('compose.yaml'), services: ['web'] });
      assert.deepEqual(stop.argv, [...composeBase(), 'stop', '-t', '1', 'web']);
      // berth.docker.command: a quoted path with spaces; compose becomes "<that path> compose".
      const spaced = path.join(root, 'docker bin ✓', 'docker');
      fs.mkdirSync(path.dirname(spaced), { recursive: true });
      fs.copyFileSync(path.join(root, 'bin', 'docker'), spaced);
      fs.chmodSync(spaced, 0o755);
      ui.settings['berth.docker.command'] = `"${spaced}"`;
      ui.settings['berth.compose.projectName'] = '';
      ui.tasks = [];
      await run('berth.composeRestart', { file: f('compose.yaml') });
      assert.equal(ui.tasks[0].execution.process, spaced);
      assert.deepEqual(await runTask(ui.tasks[0]), {
        prog: 'docker',
        argv: [...composeBase(), 'restart'],
        cwd: proj,
      });
      ui.settings['berth.compose.commandTemplates'] = { stop: '${composeCommand} ${nope}' };
      await run('berth.composeStop', { file: f('compose.yaml') });
      assert.match(ui.messages.find((m) => m.kind === 'error')?.text ?? '', /unknown variable \$\{nope\}/);
    });

    it('Up - Select Services: services and profiles in one picker, remembered per project', async () => {
      ui.answers.push((_k, items: { label: string; service?: string; profile?: string; kind?: number }[]) => {
        assert.deepEqual(
          items.map((i) => i.service ?? i.profile ?? `--${i.label}--`),
          ['--Services--', 'web', 'debugger', '--Profiles--', 'debug'],
        );
        return items.filter((i) => i.service === 'web' || i.profile === 'debug');
      });
      const up = await onlyTask('berth.composeUpSelectServices', Uri.file(f('compose.yaml')));
      assert.deepEqual(up.argv, [...composeBase(), '--profile', 'debug', 'up', '--detach', '--build', 'web']);
      // Remembered: preselected next time, and Down reaches the profile's services.
      ui.answers.push((_k, items: { picked?: boolean; service?: string; profile?: string }[]) => {
        assert.deepEqual(
          items.filter((i) => i.picked).map((i) => i.service ?? i.profile),
          ['web', 'debug'],
        );
        return undefined; // dismissed: nothing runs
      });
      ui.tasks = [];
      await run('berth.composeUpSelectServices', Uri.file(f('compose.yaml')));
      assert.equal(ui.tasks.length, 0);
      assert.deepEqual((await onlyTask('berth.composeDown', Uri.file(f('compose.yaml')))).argv, [
        ...composeBase(),
        '--profile',
        'debug',
        'down',
      ]);
      // Another project does not share the selection.
      assert.deepEqual((await onlyTask('berth.composeDown', Uri.file(f('compose.prod.yaml')))).argv, [
        'compose',
        '-f',
        f('compose.yaml'),
        '-f',
        f('compose.prod.yaml'),
        'down',
      ]);
    });

    it('Down and Remove Volumes asks first', async () => {
      ui.answers.push(() => undefined);
      await run('berth.composeDownVolumes', Uri.file(f('compose.prod.yaml')));
      assert.equal(ui.tasks.length, 0);
      assert.match(ui.messages[0].text, /VOLUMES/);
      assert.deepEqual(ui.messages[0].options, {
        modal: true,
        detail: ui.messages[0].options && (ui.messages[0].options as { detail: string }).detail,
      });
      ui.answers.push(() => 'Remove Volumes');
      assert.deepEqual((await onlyTask('berth.composeDownVolumes', Uri.file(f('compose.prod.yaml')))).argv, [
        'compose',
        '-f',
        f('compose.yaml'),
        '-f',
        f('compose.prod.yaml'),
        'down',
        '--volumes',
      ]);
    });

    it('Scale asks for the count; Watch; Show Merged Configuration opens a read-only document', async () => {
      ui.answers.push((_k, o: { validateInput(v: string): string | undefined }) => {
        assert.ok(o.validateInput('x'));
        assert.ok(o.validateInput('-1'));
        assert.equal(o.validateInput('3'), undefined);
        return '3';
      });
      assert.deepEqual(
        (await onlyTask('berth.composeScale', { file: f('compose.yaml'), services: ['web'] })).argv,
        [...composeBase(), 'up', '--detach', '--scale', 'web=3', 'web'],
      );
      assert.deepEqual((await onlyTask('berth.composeWatch', Uri.file(f('compose.yaml')))).argv, [
        ...composeBase(),
        'watch',
      ]);
      fs.rmSync(logFile, { force: true });
      await run('berth.composeConfig', Uri.file(f('compose.yaml')));
      assert.deepEqual(ui.shownDocs, ['name: merged\nservices: {}\n']);
      const rec = JSON.parse(fs.readFileSync(logFile, 'utf8').trim().split('\n').at(-1)!) as Rec;
      assert.deepEqual([rec.argv, rec.cwd], [[...composeBase(), 'config'], proj]);
    });

    it('Build Image (tag asked and remembered, --target from a lens) and Run Image (ports from EXPOSE)', async () => {
      ui.answers.push((_k, o: { value: string }) => {
        assert.match(o.value, /:web$/);
        return 'app:web';
      });
      const build = await onlyTask('berth.imageBuild', { file: f('Dockerfile'), target: 'web' });
      assert.deepEqual(build, {
        prog: 'docker',
        argv: ['build', '--file', f('Dockerfile'), '--tag', 'app:web', '--target', 'web', proj],
        cwd: proj,
      });
      // Remembered: Run Image of that stage needs no question.
      const runRec = await onlyTask('berth.imageRun', { file: f('Dockerfile'), target: 'web' });
      assert.deepEqual(runRec.argv, ['run', '--rm', '-it', '-p', '80:80', 'app:web']);
      // From the explorer: asks the stage (the last one: no --target), then the tag; Run Image publishes
      // the ports of both stages.
      ui.answers.push((_k, items: { label: string; target?: string }[]) => {
        assert.deepEqual(
          items.map((i) => [i.label, i.target]),
          [
            ['Last stage', undefined],
            ['web', 'web'],
          ],
        );
        return items[0];
      });
      ui.answers.push(() => 'app:final');
      const built = await onlyTask('berth.imageBuild', Uri.file(f('Dockerfile')));
      assert.deepEqual(built.argv, ['build', '--file', f('Dockerfile'), '--tag', 'app:final', proj]);
      const ran = await onlyTask('berth.imageRun', Uri.file(f('Dockerfile')));
      assert.deepEqual(ran.argv, ['run', '--rm', '-it', '-p', '80:80', '-p', '443:443', 'app:final']);
    });

    it('the project compose would load: COMPOSE_FILE and COMPOSE_PROFILES from .env, included files', async () => {
      // COMPOSE_FILE in .env: compose ignores it when given -f, so Berth passes its list.
      const p2 = path.join(ui.folder, 'env project');
      fs.mkdirSync(p2, { recursive: true });
      fs.writeFileSync(path.join(p2, 'compose.yaml'), 'services:\n  a:\n    image: x\n');
      fs.writeFileSync(
        path.join(p2, 'compose.dev.yaml'),
        'services:\n  b:\n    image: y\n    profiles: [dev]\n',
      );
      fs.writeFileSync(
        path.join(p2, '.env'),
        'COMPOSE_FILE=compose.yaml:compose.dev.yaml\nCOMPOSE_PROFILES=dev\n',
      );
      const files2 = ['-f', path.join(p2, 'compose.yaml'), '-f', path.join(p2, 'compose.dev.yaml')];
      const envFile = ['--env-file', path.join(p2, '.env')];
      for (const clicked of ['compose.yaml', 'compose.dev.yaml']) {
        const up = await onlyTask('berth.composeUp', Uri.file(path.join(p2, clicked)));
        assert.deepEqual(up, {
          prog: 'docker',
          argv: ['compose', ...files2, ...envFile, 'up', '--detach', '--build'],
          cwd: p2,
        });
      }
      // The picker lists the services of both files; COMPOSE_PROFILES is preselected until a choice is made.
      ui.answers.push(
        (_k, items: { picked?: boolean; service?: string; profile?: string; label: string }[]) => {
          assert.deepEqual(
            items.map((i) => [i.service ?? i.profile ?? i.label, !!i.picked]),
            [
              ['Services', false],
              ['a', false],
              ['b', false],
              ['Profiles', false],
              ['dev', true],
            ],
          );
          return items.filter((i) => i.picked);
        },
      );
      assert.deepEqual(
        (await onlyTask('berth.composeUpSelectServices', Uri.file(path.join(p2, 'compose.yaml')))).argv,
        ['compose', ...files2, ...envFile, '--profile', 'dev', 'up', '--detach', '--build'],
      );

      // include: the included file's services and profiles are in the picker.
      const p1 = path.join(ui.folder, 'inc');
      fs.mkdirSync(path.join(p1, 'db'), { recursive: true });
      fs.writeFileSync(
        path.join(p1, 'compose.yaml'),
        'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n',
      );
      fs.writeFileSync(
        path.join(p1, 'db', 'compose.yaml'),
        'services:\n  db:\n    image: postgres\n    profiles: [data]\n',
      );
      ui.answers.push((_k, items: { service?: string; profile?: string; label: string }[]) => {
        assert.deepEqual(
          items.map((i) => i.service ?? i.profile ?? `--${i.label}--`),
          ['--Services--', 'web', 'db', '--Profiles--', 'data'],
        );
        return items.filter((i) => i.service === 'db');
      });
      assert.deepEqual(
        (await onlyTask('berth.composeUpSelectServices', Uri.file(path.join(p1, 'compose.yaml')))).argv,
        ['compose', '-f', path.join(p1, 'compose.yaml'), 'up', '--detach', '--build', 'db'],
      );
      // A complete non-default file still runs alone.
      assert.deepEqual((await onlyTask('berth.composePs', Uri.file(f('compose.ci.yaml')))).argv, [
        'compose',
        '-f',
        f('compose.ci.yaml'),
        'ps',
      ]);
    });

    it('Build Image asks for the stage from the palette and the editor title; one stage: no question', async () => {
      const multi = path.join(ui.folder, 'multi');
      fs.mkdirSync(multi, { recursive: true });
      const df = path.join(multi, 'Dockerfile');
      fs.writeFileSync(df, 'FROM node:20 AS deps\nFROM deps AS build\nFROM build\nFROM nginx AS final\n');
      ui.activeFile = df;
      ui.answers.push(
        (
          _k,
          items: { label: string; description?: string; target?: string }[],
          o: { placeHolder: string },
        ) => {
          assert.match(o.placeHolder, /--target/);
          assert.deepEqual(
            items.map((i) => [i.label, i.target, i.description]),
            [
              ['Last stage', undefined, 'final: FROM nginx'],
              ['deps', 'deps', 'FROM node:20'],
              ['build', 'build', 'FROM deps'],
            ],
          );
          return items[2];
        },
        (_k, o: { title: string; value: string }) => {
          assert.equal(o.title, 'Build stage "build"');
          assert.equal(o.value, 'multi:build');
          return 'm:build';
        },
      );
      assert.deepEqual((await onlyTask('berth.imageBuild')).argv, [
        'build',
        '--file',
        df,
        '--tag',
        'm:build',
        '--target',
        'build',
        multi,
      ]);
      // Editor title: (uri). Dismissing the stage picker runs nothing.
      ui.answers.push(() => undefined);
      ui.tasks = [];
      await run('berth.imageBuild', Uri.file(df));
      assert.equal(ui.tasks.length + ui.messages.length, 0);
      // A lens names the stage ("Build stage deps"), or means the last one ("Build image"): no question.
      ui.answers.push(() => 'm:deps');
      assert.deepEqual((await onlyTask('berth.imageBuild', { file: df, target: 'deps' })).argv.slice(-3), [
        '--target',
        'deps',
        multi,
      ]);
      ui.answers.push(() => 'm:last');
      assert.deepEqual((await onlyTask('berth.imageBuild', { file: df })).argv.slice(-3), [
        '--tag',
        'm:last',
        multi,
      ]);
      // Only the last stage is named, or a single stage: nothing to choose.
      const single = path.join(ui.folder, 'single');
      fs.mkdirSync(single, { recursive: true });
      fs.writeFileSync(path.join(single, 'Dockerfile'), 'FROM alpine AS base\n');
      fs.writeFileSync(path.join(single, 'Containerfile'), 'FROM alpine\nFROM busybox AS out\n');
      for (const name of ['Dockerfile', 'Containerfile']) {
        ui.answers.push(() => 'single:x');
        assert.deepEqual((await onlyTask('berth.imageBuild', Uri.file(path.join(single, name)))).argv, [
          'build',
          '--file',
          path.join(single, name),
          '--tag',
          'single:x',
          single,
        ]);
      }
    });

    it('berth.docker.buildContext: docker/Dockerfile with the repository root as context', async () => {
      const repo = path.join(ui.folder, 'repo root');
      const df = path.join(repo, 'docker', 'Dockerfile');
      fs.mkdirSync(path.dirname(df), { recursive: true });
      fs.writeFileSync(df, 'FROM alpine\n');
      // Default: the Dockerfile's folder.
      ui.answers.push(() => 'r:1');
      assert.deepEqual(await onlyTask('berth.imageBuild', Uri.file(df)), {
        prog: 'docker',
        argv: ['build', '--file', df, '--tag', 'r:1', path.dirname(df)],
        cwd: path.dirname(df),
      });
      const cases: [string, string][] = [
        ['${workspaceFolder}', ui.folder],
        ['.', ui.folder],
        ['repo root', repo],
        ['${fileDirname}/..', repo],
        [repo, repo],
      ];
      for (const [setting, context] of cases) {
        ui.settings['berth.docker.buildContext'] = setting;
        ui.answers.push(() => 'r:1');
        assert.deepEqual(
          await onlyTask('berth.imageBuild', Uri.file(df)),
          {
            prog: 'docker',
            argv: ['build', '--file', df, '--tag', 'r:1', context],
            cwd: context,
          },
          setting,
        );
      }
      // A folder that does not exist, an unknown variable: a message with the setting, nothing runs.
      for (const [setting, message] of [
        ['nope', /build context ".*nope" \(from "berth\.docker\.buildContext"\) is not a folder/],
        ['${env:HOME}', /unknown variable \$\{env:HOME\}/],
      ] as const) {
        ui.settings['berth.docker.buildContext'] = setting;
        ui.messages = [];
        ui.tasks = [];
        await run('berth.imageBuild', Uri.file(df));
        assert.equal(ui.tasks.length, 0);
        assert.equal(ui.messages.length, 1);
        assert.match(ui.messages[0].text, message);
        assert.deepEqual(ui.messages[0].items, ['Open Settings']);
      }
    });

    it('compose and docker are detected once per session; failures are not cached', async () => {
      // A docker command of its own, so that no earlier test has detected it yet.
      const own = path.join(root, 'own docker', 'docker');
      fs.mkdirSync(path.dirname(own), { recursive: true });
      fs.copyFileSync(path.join(root, 'bin', 'docker'), own);
      fs.chmodSync(own, 0o755);
      ui.settings['berth.docker.command'] = `"${own}"`;
      const probes = (): string[] =>
        (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trim().split('\n') : [])
          .filter((l) => l !== '')
          .map((l) => (JSON.parse(l) as Rec).argv.join(' '))
          .filter((a) => a === 'compose version' || a === '--version');
      fs.rmSync(logFile, { force: true });
      await run('berth.composePs', Uri.file(f('compose.yaml')));
      await run('berth.composeDown', Uri.file(f('compose.yaml')));
      await run('berth.composeLogs', Uri.file(f('compose.yaml')));
      ui.answers.push(
        (_k, items: unknown[]) => items[0],
        () => 'a:1',
        (_k, items: unknown[]) => items[0],
        () => 'a:1',
      );
      await run('berth.imageBuild', Uri.file(f('Dockerfile')));
      await run('berth.imageBuild', Uri.file(f('Dockerfile')));
      assert.equal(ui.tasks.length, 5);
      assert.deepEqual(probes(), ['compose version', '--version']);

      // berth.compose.command must work (exit 0), and a failing one is probed again next time.
      ui.settings['berth.compose.command'] = `"${own}" compse`;
      ui.tasks = [];
      fs.rmSync(logFile, { force: true });
      await run('berth.composeUp', Uri.file(f('compose.yaml')));
      await run('berth.composeUp', Uri.file(f('compose.yaml')));
      assert.equal(ui.tasks.length, 0);
      const errors = ui.messages.filter((m) => m.kind === 'error');
      assert.equal(errors.length, 2);
      assert.match(
        errors[0].text,
        /^"berth\.compose\.command": ".*own docker\/docker compse version" failed \(docker: 'compse' is not a docker command\.\)/,
      );
      assert.deepEqual(errors[0].items, ['Open Settings']);
      assert.equal(
        fs
          .readFileSync(logFile, 'utf8')
          .trim()
          .split('\n')
          .filter((l) => (JSON.parse(l) as Rec).argv.join(' ') === 'compse version').length,
        2,
      );
    });

    it('container commands pick from docker ps; shell runs in a terminal without a shell in between', async () => {
      ui.answers.push((_k, items: { container: { id: string } }[]) => items[0]);
      await run('berth.containerShell');
      assert.equal(ui.terminals.length, 1);
      assert.equal(ui.terminals[0].shellPath, 'docker');
      assert.deepEqual(ui.terminals[0].shellArgs.slice(0, 4), ['exec', '-it', 'c0ffee', 'sh']);
      ui.answers.push((_k, items: { container: { id: string } }[]) => items[0]);
      assert.deepEqual((await onlyTask('berth.containerLogs')).argv, [
        'logs',
        '--follow',
        '--tail',
        '100',
        'c0ffee',
      ]);
      ui.answers.push((_k, items: { container: { id: string } }[]) => items[0]);
      assert.deepEqual((await onlyTask('berth.containerStop')).argv, ['stop', 'c0ffee']);
      // Removing a running container asks, then forces.
      ui.answers.push(
        (_k, items: { container: { id: string } }[]) => items[0],
        () => 'Stop and Remove',
      );
      assert.deepEqual((await onlyTask('berth.containerRemove')).argv, ['rm', '--force', 'c0ffee']);
    });

    it('System Prune asks first', async () => {
      ui.answers.push(() => undefined);
      await run('berth.systemPrune');
      assert.equal(ui.tasks.length, 0);
      ui.answers.push(() => 'Prune');
      assert.deepEqual((await onlyTask('berth.systemPrune')).argv, ['system', 'prune', '--force']);
    });

    it('a missing docker gives a clear message with what to install, no stack trace', async () => {
      ui.settings['berth.docker.command'] = 'docker-not-installed-here';
      // Only the fake's directory on PATH: it has no docker-compose (this machine may have a real one).
      const saved = process.env.PATH;
      process.env.PATH = path.join(root, 'bin');
      try {
        await run('berth.composeUp', Uri.file(f('compose.yaml')));
        await run('berth.imageBuild', Uri.file(f('Dockerfile')));
      } finally {
        process.env.PATH = saved;
      }
      assert.equal(ui.tasks.length, 0);
      const errors = ui.messages.filter((m) => m.kind === 'error');
      assert.equal(errors.length, 2);
      for (const e of errors) {
        assert.match(
          e.text,
          /^Docker was not found: "docker-not-installed-here" could not be started\. Install Docker Desktop/,
        );
        assert.doesNotMatch(e.text, /\n\s+at /);
        assert.deepEqual(e.items, ['Install Docker', 'Open Settings']);
      }
    });
  },
);
