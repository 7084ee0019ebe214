import * as os from 'os';
import * as vscode from 'vscode';
import {
  checkDocker,
  detectCompose,
  INSTALL_COMPOSE_URL,
  INSTALL_DOCKER_URL,
  runProcess,
  type CommandLine,
  type ComposeFlavour,
  type ProcessResult,
} from '../docker';
import type { BerthRunSettings } from './settings';

/** The user dismissed a picker or an input box: stop quietly. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export interface UserErrorAction {
  title: string;
  run(): unknown;
}

/** An error meant for the user: shown as a message with optional buttons, never as a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly actions: UserErrorAction[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

let output: vscode.OutputChannel | undefined;

export function outputChannel(): vscode.OutputChannel {
  output ??= vscode.window.createOutputChannel('Berth: Docker');
  return output;
}

export function disposeOutputChannel(): void {
  output?.dispose();
  output = undefined;
}

function describe(cmd: CommandLine): string {
  return `${cmd.argv.map((a) => JSON.stringify(a)).join(' ')}  (in ${cmd.cwd})`;
}

export function log(line: string): void {
  outputChannel().appendLine(line);
}

const installDockerAction: UserErrorAction = {
  title: 'Install Docker',
  run: () => vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCKER_URL)),
};
const installComposeAction: UserErrorAction = {
  title: 'Install Compose',
  run: () => vscode.env.openExternal(vscode.Uri.parse(INSTALL_COMPOSE_URL)),
};
function openSettingAction(setting: string): UserErrorAction {
  return {
    title: 'Open Settings',
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', setting),
  };
}

// Detection runs once per session (per distinct settings); failures are not cached, so installing docker
// and trying again works without a reload.
const composeCache = new Map<string, Promise<ComposeFlavour>>();
const dockerCache = new Map<string, Promise<void>>();

const probe = (argv: readonly string[]): Promise<ProcessResult> =>
  runProcess(argv, undefined, { timeoutMs: 20000 });

export function getCompose(settings: BerthRunSettings): Promise<ComposeFlavour> {
  const key = JSON.stringify([settings.dockerCommand, settings.composeCommand]);
  let p = composeCache.get(key);
  if (!p) {
    p = detectCompose(probe, settings.dockerCommand, settings.composeCommand).then((d) => {
      if (d.ok) {
        log(`Compose: ${d.command.join(' ')}${d.version ? ` (version ${d.version})` : ''}`);
        return d;
      }
      const actions =
        d.reason === 'docker-missing'
          ? [installDockerAction, openSettingAction('berth.docker.command')]
          : d.reason === 'compose-missing'
            ? [installComposeAction, openSettingAction('berth.compose.command')]
            : [openSettingAction('berth.compose.command')];
      throw new UserError(d.message, actions);
    });
    composeCache.set(key, p);
    p.catch(() => composeCache.delete(key));
  }
  return p;
}

export function ensureDocker(settings: BerthRunSettings): Promise<void> {
  const key = JSON.stringify(settings.dockerCommand);
  let p = dockerCache.get(key);
  if (!p) {
    p = checkDocker(probe, settings.dockerCommand).then((r) => {
      if (!r.ok)
        throw new UserError(r.message, [installDockerAction, openSettingAction('berth.docker.command')]);
    });
    dockerCache.set(key, p);
    p.catch(() => dockerCache.delete(key));
  }
  return p;
}

/** Runs a listing/inspection command (no terminal) and returns its stdout, or throws a UserError. */
export async function capture(cmd: CommandLine, what: string, timeoutMs = 60000): Promise<string> {
  log(`$ ${describe(cmd)}`);
  const r = await runProcess(cmd.argv, cmd.cwd, { timeoutMs });
  if (r.error?.code === 'ENOENT') {
    throw new UserError(`"${cmd.argv[0]}" was not found. Install Docker (${INSTALL_DOCKER_URL}).`, [
      installDockerAction,
      openSettingAction('berth.docker.command'),
    ]);
  }
  if (r.exitCode !== 0) {
    const detail = (r.stderr.trim() || r.error?.message || `exit code ${r.exitCode}`).split(/\r?\n/);
    log(r.stderr);
    const first = detail.slice(0, 3).join(' ');
    throw new UserError(`${what} failed: ${first.length > 400 ? first.slice(0, 400) + '…' : first}`, [
      { title: 'Show Output', run: () => outputChannel().show(true) },
    ]);
  }
  return r.stdout;
}

export interface TaskOptions {
  /** Shown in the terminal tab and the task list. */
  name: string;
  /** Identifies the task: running the same id again offers to restart it. */
  id: string;
  /** A file or folder, to scope the task to its workspace folder. */
  resource?: vscode.Uri;
}

/** Runs a command as a VS Code task (ProcessExecution: argv reaches the program as is, no shell). */
export async function runTask(cmd: CommandLine, o: TaskOptions): Promise<void> {
  log(`> ${describe(cmd)}`);
  const folder = o.resource ? vscode.workspace.getWorkspaceFolder(o.resource) : undefined;
  const scope =
    folder ?? (vscode.workspace.workspaceFolders?.length ? vscode.TaskScope.Workspace : undefined);
  if (!scope) {
    // A window without a folder cannot run tasks: use a plain terminal (still no shell).
    runInTerminal(cmd, o.name);
    return;
  }
  const task = new vscode.Task(
    { type: 'berth', command: o.id },
    scope,
    o.name,
    'Berth',
    new vscode.ProcessExecution(cmd.argv[0], cmd.argv.slice(1), { cwd: cmd.cwd }),
    [],
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Dedicated,
    clear: true,
    focus: false,
    showReuseMessage: true,
  };
  await vscode.tasks.executeTask(task);
}

/** Runs an interactive command in a terminal whose process is the command itself (no shell in between). */
export function runInTerminal(cmd: CommandLine, name: string): vscode.Terminal {
  log(`> ${describe(cmd)}`);
  const terminal = vscode.window.createTerminal({
    name,
    shellPath: cmd.argv[0],
    shellArgs: cmd.argv.slice(1),
    cwd: cmd.cwd,
  });
  terminal.show();
  return terminal;
}

/** A directory to run docker commands that do not belong to a project in. */
export function defaultCwd(): string {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath ?? os.homedir();
}

export const UNTRUSTED_MESSAGE =
  'Berth runs no docker command in an untrusted workspace (Restricted Mode): building and running ' +
  "containers executes the workspace's Dockerfiles, compose files and scripts. Trust this workspace to run it.";

/**
 * Wraps a command handler: refuses to run in an untrusted workspace (and says why), shows UserErrors as
 * messages with their buttons, stays quiet on cancellation, and shows other errors without a stack trace.
 */
export function guarded(title: string, handler: (...args: unknown[]) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const choice = await vscode.window.showWarningMessage(`${title}: ${UNTRUSTED_MESSAGE}`, manage);
      if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    try {
      await handler(...args);
    } catch (e) {
      if (e instanceof Cancelled) return;
      if (e instanceof UserError) {
        const choice = await vscode.window.showErrorMessage(e.message, ...e.actions.map((a) => a.title));
        await e.actions.find((a) => a.title === choice)?.run();
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      log(`${title} failed: ${e instanceof Error && e.stack ? e.stack : message}`);
      await vscode.window.showErrorMessage(`${title}: ${message}`);
    }
  };
}

/** A modal warning; resolves only when the user chose the destructive action. */
export async function confirmDestructive(message: string, detail: string, action: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  if (choice !== action) throw new Cancelled();
}
