import * as vscode from 'vscode';
import {
  PICK_IMAGE_TAG,
  asPickImageTagArgs,
  parseTagInput,
  tagChoices,
  tagEdit,
  type TagValue,
} from '../../../server/src/core/image-tag-pick';

/** The command the "Add a HEALTHCHECK" refactoring runs after its edit (server/src/core/refactors/add-healthcheck.ts). */
export const SELECT_PLACEHOLDER = 'berth.refactors.selectPlaceholder';

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Selects a placeholder the refactoring inserted (e.g. the `/health` path of a HEALTHCHECK) in the
 * file's editor, so the user can type over it; and the image tag quick pick. Internal: hidden from the
 * command palette.
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
    vscode.commands.registerCommand(PICK_IMAGE_TAG, pickImageTag),
  );
}

/**
 * "Pick a tag for `<image>`…" (code action of compose-image-tag and of the Dockerfile "Pin the base
 * image tag" refactoring): a quick pick of the known tags, or a typed tag or digest, then an edit of
 * exactly the tag. The logic is in server/src/core/image-tag-pick.ts (tested without VS Code).
 */
async function pickImageTag(raw: unknown): Promise<void> {
  const args = asPickImageTagArgs(raw);
  if (!args?.uri) return;
  const choices = tagChoices(args);
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, description: c.description, choice: c })),
    {
      title: `Tag for ${args.image}`,
      placeHolder: args.current
        ? `Replace \`${args.current}\` with`
        : `Pin ${args.image} to a tag (it means \`latest\` without one)`,
    },
  );
  if (!picked) return;
  let value: TagValue;
  if (picked.choice.tag !== undefined) value = { tag: picked.choice.tag };
  else {
    const typed = await vscode.window.showInputBox({
      title: `Tag for ${args.image}`,
      prompt: 'A tag (letters, digits, `_`, `.`, `-`) or a digest (@sha256:<64 hex digits>)',
      placeHolder: args.tags[0] ?? '1.0.0',
      validateInput: (s) => {
        const v = parseTagInput(s);
        return typeof v === 'string' ? v : undefined;
      },
    });
    if (typed === undefined) return;
    const v = parseTagInput(typed);
    if (typeof v === 'string') return;
    value = v;
  }
  const uri = vscode.Uri.parse(args.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = args.range.start.line;
  const edit = tagEdit(line < doc.lineCount ? doc.lineAt(line).text : '', args, value);
  if (typeof edit === 'string') {
    void vscode.window.showWarningMessage(edit);
    return;
  }
  const r = edit.range;
  const we = new vscode.WorkspaceEdit();
  we.replace(
    uri,
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    edit.newText,
  );
  await vscode.workspace.applyEdit(we);
}
