/**
 * Berth's VS Code extension: starts the language server and registers the commands.
 * Nothing slow happens here: the server loads its heavy parts lazily.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerCommands } from './commands/index';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV], env: { ...process.env, ...SERVER_ENV } },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: {
        execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'],
        env: { ...process.env, ...SERVER_ENV },
      },
    },
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
  client = new LanguageClient('berth', 'Berth', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('berth.showRuleDocs', async (ruleId: string, docPath?: string) => {
      const file = docPath ?? context.asAbsolutePath(path.join('docs', 'rules', `${ruleId}.md`));
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
    }),
    vscode.commands.registerCommand('berth.restartServer', async () => {
      await client?.restart();
    }),
  );
  registerCommands(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
