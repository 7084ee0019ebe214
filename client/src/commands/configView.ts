import * as vscode from 'vscode';

export const CONFIG_SCHEME = 'berth-compose-config';

/** Read-only documents holding `docker compose config` output (a content provider's documents cannot be edited). */
class MergedConfigProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '# Run "Berth: Compose Show Merged Configuration" again.\n';
  }

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let provider: MergedConfigProvider | undefined;

export function registerConfigView(context: vscode.ExtensionContext): void {
  provider = new MergedConfigProvider();
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(CONFIG_SCHEME, provider),
  );
}

export async function showMergedConfig(projectKey: string, projectName: string, text: string): Promise<void> {
  if (!provider) throw new Error('the merged configuration view is not registered');
  const safeName = projectName.replace(/[\\/:*?"<>|]/g, '_') || 'project';
  // The query keeps projects with the same name apart; the .yaml name gives YAML highlighting.
  const uri = vscode.Uri.from({
    scheme: CONFIG_SCHEME,
    path: `/${safeName}.merged.yaml`,
    query: Buffer.from(projectKey, 'utf8').toString('base64url'),
  });
  provider.set(uri, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: true });
}
