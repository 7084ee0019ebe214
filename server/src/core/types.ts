/**
 * Shared types of Berth's editor-free core. Nothing here imports `vscode` or
 * `vscode-languageserver`; positions are LSP positions (0-based line, UTF-16 character).
 */
import type { Command, Range, TextEdit } from 'vscode-languageserver-types';

export type { Command, Range, TextEdit, Position } from 'vscode-languageserver-types';

/** The kinds of file Berth understands. */
export type FileKind = 'dockerfile' | 'compose' | 'dockerignore';

/** Severity as users write it in settings and config files. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export type RuleType = 'problem' | 'suggestion' | 'security' | 'style';

export interface RuleMeta {
  /** Self-explaining kebab-case id, equal to the rule's file name. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  type: RuleType;
  /** Which file kind the rule runs on. */
  kind: FileKind;
  defaultSeverity: Severity;
  /** Off unless configured or `--all-rules` (hadolint's DL1001/DL3057, the label-schema family, style ordering). */
  defaultOff?: boolean;
  /**
   * A rule that is off by default and turns itself on (unless configured) when the user asks for it
   * another way: `label-schema` when `.hadolint.yaml` configures a label schema (as hadolint runs
   * DL3049-DL3058 then); `buildkit-experimental` when the Dockerfile's `# check=experimental=<Name>`
   * (or `experimental=all`) names it, as BuildKit does.
   */
  enabledBy?: 'label-schema' | 'buildkit-experimental';
  /** True when the rule may attach a fix to its findings. */
  fixable: boolean;
  /** Codes other tools use for the same check: hadolint `DL3015`, BuildKit `MaintainerDeprecated`, dclint `no-version-field`. */
  aliases: string[];
}

/** A file edit that is not in the linted document itself (e.g. create `.dockerignore`, append to `.env`). */
export interface FileEdit {
  /** Absolute path of the file. */
  path: string;
  /** Create the file when it does not exist (with `text` as its content when `edits` is empty). */
  create?: boolean;
  /** Text edits on the existing file (positions in that file). */
  edits: TextEdit[];
}

export interface Fix {
  /** What the quick-fix says, e.g. "Add --no-install-recommends". */
  title: string;
  /** Edits in the linted document. Must not overlap. */
  edits: TextEdit[];
  /** Edits in other files, if any. */
  otherFiles?: FileEdit[];
  /** True when the fix needs a user choice or is not safe to apply in "fix all" (default false). */
  notForFixAll?: boolean;
  /**
   * A client command the code action runs after its edits (an LSP `CodeAction.command`), e.g. the
   * `berth.pickImageTag` quick pick. A fix with a command and no edits is only a code action: "fix all"
   * and the CLI's `--fix` apply edits, never commands, and such a fix is only ever a suggestion.
   */
  command?: Command;
}

/** What a rule reports. */
export interface Report {
  range: Range;
  message: string;
  fix?: Fix;
  /** More fixes, offered as extra quick-fixes but never applied by "fix all". */
  suggestions?: Fix[];
}

/** A finding after the engine applied configuration and suppressions. */
export interface Finding {
  ruleId: string;
  aliases: string[];
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  suggestions?: Fix[];
}

/** Read-only view of the file system, so that the core never touches `fs` directly (the LSP server passes open buffers first). */
export interface FileSystem {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Names (not paths) in a directory, or [] when it cannot be read. */
  readDir(path: string): string[];
}
