import * as vscode from 'vscode';

/** The command the "Add a HEALTHCHECK" refactoring runs after its edit (server/src/core/refactors/add-healthcheck.ts). */
export const SELECT_PLACEHOLDER = 'berth.refactors.selectPlaceholder';

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Selects a placeholder the refactoring inserted (e.g. the `/health` path of a HEALTHCHECK) in the
 * file's editor, so the user can type over it. Internal: not contributed to the command palette.
 */
export function registerRefactorCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SELECT_PLACEHOLDER, async (path: unknown, range: unknown) => {
      if (typeof path !== 'string' || !range || typeof range !== 'object') return;
      const r = range as PlainRange;
      const uri = vscode.Uri.file(path);
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ??
        (await vscode.window.showTextDocument(uri));
      const sel = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
      editor.selection = sel;
      editor.revealRange(sel, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
}
