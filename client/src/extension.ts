/**
 * Berth's VS Code extension: starts the language server and registers the commands.
 * Nothing slow happens here: the server loads its heavy parts lazily.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, MessageTransports } from 'vscode-languageclient/node';
import { registerCommands } from './commands/index';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';

let client: LanguageClient | undefined;
/** The server process of the running client (the language client does not track one it did not fork). */
let serverProcess: ChildProcess | undefined;

/** Debugging the extension host: debug the server too (port 6019), as the language client's `debug` options do. */
function debugging(): boolean {
  return process.execArgv.some((a) => /^--(inspect|debug)(-brk)?(=|$)/.test(a));
}

/**
 * Forks the language server over IPC, exactly as the language client's `TransportKind.ipc` does
 * (`--node-ipc`, `--clientProcessId`, piped stdout/stderr, Electron's binary run as Node), with the
 * Node options of launch.ts.
 */
function forkServer(serverModule: string): ChildProcess {
  const sp = fork(serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv: [...SERVER_EXEC_ARGV, ...(debugging() ? ['--nolazy', '--inspect=6019'] : [])],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', ...SERVER_ENV },
    silent: true,
  });
  sp.on('error', (e) =>
    client?.outputChannel.appendLine(`Berth: the language server process failed: ${e.message}`),
  );
  return sp;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  // The server is forked before the language client library is even loaded: it boots (~200 ms) on
  // another core while the ~30 ms of vscode-languageclient's module load run here.
  let early: ChildProcess | undefined = forkServer(serverModule);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the fork, on purpose (see above)
  const lc = require('vscode-languageclient/node') as typeof import('vscode-languageclient/node');
  const serverOptions = async (): Promise<MessageTransports> => {
    // The early process for the first start; a fresh one for each restart.
    const sp = early ?? forkServer(serverModule);
    early = undefined;
    serverProcess = sp;
    const out = (d: Buffer | string) => client?.outputChannel.append(d.toString());
    sp.stderr?.on('data', out);
    sp.stdout?.on('data', out);
    sp.on('exit', (code, signal) => {
      if (serverProcess === sp) serverProcess = undefined;
      if (code !== null && code !== 0)
        client?.outputChannel.appendLine(`Server process exited with code ${code}.`);
      if (signal !== null) client?.outputChannel.appendLine(`Server process exited with signal ${signal}.`);
    });
    return { reader: new lc.IPCMessageReader(sp), writer: new lc.IPCMessageWriter(sp) };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'untitled', language: 'dockercompose' },
      { scheme: 'file', language: 'dockerignore' },
    ],
    synchronize: {
      configurationSection: 'berth',
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{.berthrc.yaml,.berthrc.yml,.berthrc.json,.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore,.containerignore,.env*,*compose*.yaml,*compose*.yml,*Dockerfile*,*Containerfile*,*.dockerfile,*.containerfile}',
      ),
    },
  };
  client = new lc.LanguageClient('berth', 'Berth', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('berth.showRuleDocs', async (ruleId: string, docPath?: string) => {
      const file = docPath ?? context.asAbsolutePath(path.join('docs', 'rules', `${ruleId}.md`));
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
    }),
    vscode.commands.registerCommand('berth.restartServer', async () => {
      const old = serverProcess;
      await client?.restart();
      endProcess(old);
    }),
  );
  registerCommands(context);
  await client.start();
}

/**
 * After `stop()` (shutdown and exit sent), a server process still alive 2 s later is killed, as the
 * language client does for the processes it forks itself.
 */
function endProcess(sp: ChildProcess | undefined): void {
  if (!sp || sp.exitCode !== null || sp.signalCode !== null) return;
  const t = setTimeout(() => {
    if (sp.exitCode === null && sp.signalCode === null) sp.kill();
  }, 2000);
  sp.once('exit', () => clearTimeout(t));
  t.unref?.();
}

export async function deactivate(): Promise<void> {
  const sp = serverProcess;
  try {
    await client?.stop();
  } finally {
    client = undefined;
    endProcess(sp);
  }
}
