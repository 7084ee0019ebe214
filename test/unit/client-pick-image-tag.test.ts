/**
 * The client side of "Pick a tag for `<image>`…" (client/src/commands/refactors.ts), driven with a
 * minimal stand-in for the `vscode` module: the arguments the server sends (as JSON), the quick pick
 * it shows, the input box and its validation, and the one edit it applies to the document.
 */
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/fix';
import { lintText } from '../../server/src/core/engine';
import { PICK_IMAGE_TAG, type PickImageTagArgs } from '../../server/src/core/image-tag-pick';
import { KNOWN_TAGS } from '../../server/src/core/refactors/known-tags';
import { installVscodeStub } from '../helpers/vscode-stub';

interface Pos {
  line: number;
  character: number;
}
class Range {
  readonly start: Pos;
  readonly end: Pos;
  constructor(sl: number, sc: number, el: number, ec: number) {
    this.start = { line: sl, character: sc };
    this.end = { line: el, character: ec };
  }
}
class WorkspaceEdit {
  readonly edits: { uri: string; range: Range; newText: string }[] = [];
  replace(uri: { toString(): string }, range: Range, newText: string): void {
    this.edits.push({ uri: uri.toString(), range, newText });
  }
}

const state = {
  /** Document text by URI. */
  docs: new Map<string, string>(),
  picks: [] as { items: { label: string; description?: string }[]; options: unknown }[],
  inputs: [] as { validateInput(s: string): string | undefined; placeHolder?: string }[],
  warnings: [] as string[],
  applied: [] as WorkspaceEdit[],
  /** What the user answers: a label for the quick pick, a string for the input box, undefined to cancel. */
  answers: [] as (string | undefined)[],
};

const commands = new Map<string, (...args: unknown[]) => Promise<void>>();
const vscodeStub = {
  Range,
  WorkspaceEdit,
  Uri: {
    parse: (s: string) => ({ toString: () => s }),
    file: (p: string) => ({ toString: () => 'file://' + p }),
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => Promise<void>) => {
      commands.set(id, fn);
      return { dispose() {} };
    },
  },
  window: {
    showQuickPick: async (items: { label: string; description?: string }[], options: unknown) => {
      state.picks.push({ items, options });
      const a = state.answers.shift();
      return items.find((i) => i.label === a);
    },
    showInputBox: async (o: { validateInput(s: string): string | undefined; placeHolder?: string }) => {
      state.inputs.push(o);
      return state.answers.shift();
    },
    showWarningMessage: async (text: string) => void state.warnings.push(text),
  },
  workspace: {
    openTextDocument: async (u: { toString(): string }) => {
      const lines = state.docs.get(u.toString())!.split(/\r\n|\r|\n/);
      return { lineCount: lines.length, lineAt: (n: number) => ({ text: lines[n] }) };
    },
    applyEdit: async (e: WorkspaceEdit) => {
      state.applied.push(e);
      return true;
    },
  },
};

const MODULE = require.resolve('../../client/src/commands/refactors');

describe('client: the berth.pickImageTag command', () => {
  let uninstall: () => void;
  const URI = 'file:///p/compose.yaml';

  before(() => {
    uninstall = installVscodeStub(vscodeStub, 'berth-vscode-stub-pick-image-tag');
    // Loaded fresh against this stub (another test may have loaded it against its own).
    delete require.cache[MODULE];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { registerRefactorCommands } = require(
      MODULE,
    ) as typeof import('../../client/src/commands/refactors');
    registerRefactorCommands({ subscriptions: [] } as unknown as import('vscode').ExtensionContext);
  });

  after(() => {
    uninstall();
    delete require.cache[MODULE];
  });

  beforeEach(() => {
    state.docs = new Map();
    state.picks = [];
    state.inputs = [];
    state.warnings = [];
    state.applied = [];
    state.answers = [];
  });

  /** The compose rule's pick arguments for `text`, as the server sends them (with the URI, through JSON). */
  function argsFor(text: string): PickImageTagArgs {
    state.docs.set(URI, text);
    const cmd = lintText(text, 'compose', { only: ['compose-image-tag'] })[0].suggestions!.at(-1)!.command!;
    assert.equal(cmd.command, PICK_IMAGE_TAG);
    return JSON.parse(JSON.stringify({ ...(cmd.arguments![0] as object), uri: URI }));
  }

  /** Run the command; the text after the edit it applied (or the text unchanged). */
  async function run(args: unknown, ...answers: (string | undefined)[]): Promise<string> {
    state.answers = answers;
    await commands.get(PICK_IMAGE_TAG)!(args);
    assert.deepEqual(state.answers, [], 'every answer was asked for');
    const text = state.docs.get(URI)!;
    const edits = state.applied.flatMap((e) => e.edits);
    assert.ok(edits.every((e) => e.uri === URI));
    return applyEdits(text, edits);
  }

  it('quick pick of the known tags, the first recommended, then "Type a tag…"; the pick inserts `:<tag>`', async () => {
    const src = 'services:\n  db:\n    image: "postgres" # main\n';
    const after = await run(argsFor(src), KNOWN_TAGS.postgres[1]);
    assert.deepEqual(
      state.picks[0].items.map((i) => i.label),
      [...KNOWN_TAGS.postgres, 'Type a tag…'],
    );
    assert.match(state.picks[0].items[0].description!, /^recommended/);
    assert.equal(after, `services:\n  db:\n    image: "postgres:${KNOWN_TAGS.postgres[1]}" # main\n`);
    assert.equal(state.applied.length, 1);
  });

  it('"Type a tag…": the input box validates, the typed tag replaces `latest`', async () => {
    const src = "services:\n  app:\n    image: 'registry:5000/team/app:latest'\n";
    const after = await run(argsFor(src), 'Type a tag…', 'v2.1.0');
    assert.deepEqual(
      state.picks[0].items.map((i) => i.label),
      ['Type a tag…'],
    );
    const validate = state.inputs[0].validateInput;
    assert.equal(validate('v2.1.0'), undefined);
    assert.equal(validate('@sha256:' + 'a'.repeat(64)), undefined);
    assert.equal(typeof validate('-bad'), 'string');
    assert.equal(typeof validate('has space'), 'string');
    assert.equal(after, "services:\n  app:\n    image: 'registry:5000/team/app:v2.1.0'\n");
  });

  it('cancelled: nothing is edited; a line changed meanwhile: a warning and nothing edited', async () => {
    const src = 'services:\n  db:\n    image: postgres\n';
    const args = argsFor(src);
    assert.equal(await run(args, undefined), src);
    assert.equal(await run(args, 'Type a tag…', undefined), src);
    assert.equal(state.applied.length, 0);
    state.docs.set(URI, 'services:\n  db:\n    image: postgres:16\n');
    await run(args, KNOWN_TAGS.postgres[0]);
    assert.equal(state.applied.length, 0);
    assert.match(state.warnings[0], /changed since the action was offered/);
  });

  it('malformed arguments: nothing is shown', async () => {
    state.docs.set(URI, 'services:\n  db:\n    image: postgres\n');
    await run(undefined);
    await run({ image: 'postgres', tags: [] });
    assert.equal(state.picks.length, 0);
  });
});
