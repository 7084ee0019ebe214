/**
 * Berth's language server: LSP wiring only. Each request maps to a core function or to the
 * Dockerfile / compose services Berth builds on. Runs in VS Code (IPC) or standalone (`--stdio`).
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type CompletionList,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { fixAllText, diffEdit, ignoreFileEdit, ignoreLineEdit } from './core/actions';
import { ConfigError, findConfigFile, mergeConfigs, parseConfig, type BerthConfig } from './core/config';
import { fileUri, ruleDocPath } from './core/docs';
import {
  findRule,
  kindOfPath,
  lintModel,
  parseModel,
  type AnyModel,
  type LintOptions,
  type Model,
} from './core/engine';
import type { Finding, Fix, Severity } from './core/types';
import { computeRefactors } from './core/refactors/index';
import { PICK_IMAGE_TAG } from './core/image-tag-pick';
import type { ComposeModel } from './core/compose/model';
import {
  DEFAULT_COMPOSE_FILES,
  invalidateComposeFile,
  loadComposeFile,
  projectOf,
  type ComposeProject,
} from './core/compose/project';
import { CachedFileSystem } from './features/cached-fs';
import { Lru } from './features/lru';
import { composeCompletion, composeFolding, composeHover } from './features/compose-schema';
import {
  nameCompletions,
  stageDefinition,
  symbolHover,
  valueCompletions,
  varHover,
} from './features/compose-assist';
import {
  checkNewName,
  composeDefinitions,
  composeReferences,
  composeRename,
  composeSymbolAt,
  type NavFile,
  type NavLocation,
} from './features/compose-nav';
import { composeLinks } from './features/compose-links';
import { composeOutline } from './features/compose-outline';
import { IdleGc, reclaimingGc } from './features/idle-gc';
import { composeCodeLenses, dockerfileCodeLenses } from './features/codelens';
import {
  cachedListing,
  clearListingCache,
  dockerignoreHoverText,
  namedSkippedDirs,
  patternAtLine,
} from './features/dockerignore-hover';
import {
  dockerfileSemanticTokens,
  dockerfileService,
  dockerfileSyntaxDiagnostics,
} from './features/dockerfile-service';

type Kind = 'dockerfile' | 'compose' | 'dockerignore';

const connection: Connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
  : createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

/** The folder that holds `docs/rules`: the extension root (server/out/../..) or the repo in development. */
const docsRoot = path.resolve(__dirname, '..', '..');

// --------------------------------------------------------------------------------------------
// Settings
// --------------------------------------------------------------------------------------------

interface ClientSettings {
  rules?: Record<string, string>;
  allRules?: boolean;
  configFile?: string;
  debounceMs?: number;
  codeLens?: { enabled?: boolean };
}

let hasConfigurationCapability = false;
let hasCodeLensRefresh = false;
let settingsCache: ClientSettings | undefined;

async function clientSettings(): Promise<ClientSettings> {
  if (settingsCache) return settingsCache;
  if (!hasConfigurationCapability) return (settingsCache = {});
  try {
    const s = (await connection.workspace.getConfiguration('berth')) as ClientSettings | null;
    settingsCache = s ?? {};
  } catch {
    settingsCache = {};
  }
  return settingsCache;
}

/** Open buffers first, then the disk through a cache (re-read when a watched file changes, or after a stat). */
const fsys = new CachedFileSystem({
  overlay: (p) => documents.get(fileUri(p))?.getText(),
});

/** Configuration for a file: nearest `.berthrc.*` / `.hadolint.yaml`, then the editor settings. */
async function configFor(filePath: string | undefined): Promise<{ config: BerthConfig; error?: string }> {
  const s = await clientSettings();
  let fileConfig: BerthConfig | undefined;
  let error: string | undefined;
  const cfgPath =
    s.configFile && s.configFile.trim()
      ? s.configFile
      : filePath
        ? findConfigFile(fsys, path.dirname(filePath), path)
        : undefined;
  if (cfgPath) {
    const text = fsys.readFile(cfgPath);
    if (text === undefined) error = `Berth: cannot read configuration file ${cfgPath}`;
    else {
      try {
        fileConfig = parseConfig(text, cfgPath);
      } catch (e) {
        error = e instanceof ConfigError ? e.message : String(e);
      }
    }
  }
  const editorRules: BerthConfig['rules'] = {};
  for (const [k, v] of Object.entries(s.rules ?? {}))
    if (['error', 'warning', 'info', 'hint', 'off'].includes(v)) editorRules[k] = v as never;
  return {
    config: mergeConfigs(fileConfig, { rules: editorRules, allRules: s.allRules || undefined }),
    error,
  };
}

// --------------------------------------------------------------------------------------------
// Documents, models, findings: one parse per document version.
// --------------------------------------------------------------------------------------------

function kindOf(doc: TextDocument): Kind | undefined {
  if (doc.languageId === 'dockerfile') return 'dockerfile';
  if (doc.languageId === 'dockercompose') return 'compose';
  if (doc.languageId === 'dockerignore') return 'dockerignore';
  return kindOfPath(URI.parse(doc.uri).path);
}

function filePathOf(doc: TextDocument): string | undefined {
  const u = URI.parse(doc.uri);
  return u.scheme === 'file' ? u.fsPath : undefined;
}

/**
 * Parsed models are kept for the most recently used documents only (`lru.ts` says why); the findings of
 * every open document are kept.
 */
const MODELS_KEPT = 24;
const models = new Lru<Analysis, AnyModel>(MODELS_KEPT);

/** A full collection once the server is idle after a burst of analyses (idle-gc.ts says why). */
const idleGc = new IdleGc({
  gc: reclaimingGc(),
  heapUsed: () => process.memoryUsage().heapUsed,
  onCollect: (ms, before, after) =>
    connection.console.log(
      `Berth: idle gc, heap ${(before / 2 ** 20).toFixed(0)} -> ${(after / 2 ** 20).toFixed(0)} MB in ${ms.toFixed(0)} ms`,
    ),
});

/** One analysed version of a document. */
class Analysis {
  /** dockerfile-utils' syntax diagnostics, computed in the deferred pass too (they cost more than all of Berth's rules). */
  syntax: Diagnostic[] = [];
  deferredDone = false;

  constructor(
    readonly version: number,
    private readonly text: string,
    private readonly kind: Kind,
    model: AnyModel,
    readonly lintOptions: LintOptions,
    /** Findings so far: the fast rules, plus the deferred ones once `deferredDone`. */
    public findings: Finding[],
  ) {
    models.set(this, model);
  }

  /** The model of this version (parsed again if it was let go). */
  get model(): AnyModel {
    let m = models.get(this);
    if (!m) models.set(this, (m = parseModel(this.text, this.kind)));
    return m;
  }

  /** The model if it is still in memory: the parser's starting point for the next version. */
  keptModel(): AnyModel | undefined {
    return models.peek(this);
  }

  forget(): void {
    models.delete(this);
  }
}

/** Rules that spawn a process (ShellCheck): run once the user pauses, not on every keystroke. */
const DEFERRED_RULES = ['shellcheck'];
const DEFERRED_DELAY_MS = 400;
const deferredTimers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Documents whose deferred pass is due, oldest first. The passes run one per turn of the event loop,
 * newest first, so that requests are answered between them (ShellCheck takes ~30 ms per file: opening
 * a workspace with 400 Dockerfiles used to run all their passes in one go and leave the server deaf
 * for 13 s), and the document the user just stopped typing in is not kept waiting behind the others.
 * They wait while any document's first diagnostics are still to come (`validate` restarts the pump).
 */
const deferredDue = new Map<string, Analysis>();
let deferredPumping = false;

/** Run the deferred rules for the analysed version once typing pauses, then publish again. */
function scheduleDeferred(uri: string, a: Analysis): void {
  if (a.deferredDone || a.model.kind !== 'dockerfile') return;
  const prev = deferredTimers.get(uri);
  if (prev) clearTimeout(prev);
  deferredTimers.set(
    uri,
    setTimeout(() => {
      deferredTimers.delete(uri);
      deferredDue.delete(uri);
      deferredDue.set(uri, a);
      pumpDeferred();
    }, DEFERRED_DELAY_MS),
  );
}

function pumpDeferred(): void {
  if (deferredPumping || !deferredDue.size) return;
  deferredPumping = true;
  setImmediate(() => {
    deferredPumping = false;
    // First diagnostics come first: the pump resumes when the pending validations are done.
    if (timers.size || validating) return;
    const [uri, a] = [...deferredDue].pop()!;
    deferredDue.delete(uri);
    try {
      runDeferred(uri, a);
    } finally {
      pumpDeferred();
    }
  });
}

function runDeferred(uri: string, a: Analysis): void {
  const doc = documents.get(uri);
  if (!doc || doc.version !== a.version || analyses.get(uri) !== a || a.deferredDone) return;
  const d = docFor(uri);
  if (d && !d.big)
    a.syntax = dockerfileSyntaxDiagnostics(
      doc.getText(),
      doc.lineCount,
      a.model.kind === 'dockerfile' ? a.model : undefined,
    );
  const slow = lintModel(a.model, { ...a.lintOptions, only: DEFERRED_RULES });
  a.deferredDone = true;
  idleGc.noteActivity();
  if (!slow.length && !a.syntax.length) return;
  a.findings = [...a.findings, ...slow].sort(
    (x, y) =>
      x.range.start.line - y.range.start.line ||
      x.range.start.character - y.range.start.character ||
      x.ruleId.localeCompare(y.ruleId),
  );
  void validate(uri);
}
const analyses = new Map<string, Analysis>();

async function analyse(doc: TextDocument): Promise<Analysis | undefined> {
  const kind = kindOf(doc);
  if (!kind) return undefined;
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version) return cached;
  const filePath = filePathOf(doc);
  const { config, error } = await configFor(filePath);
  if (error) connection.console.warn(error);
  // The previous version's model: the parser takes over what the edit did not touch.
  const text = doc.getText();
  const model = parseModel(text, kind, cached?.keptModel());
  const lintOptions: LintOptions = {
    path: filePath,
    fs: fsys,
    config,
    onRuleError: (id, e) => connection.console.error(`Berth rule ${id} failed: ${(e as Error)?.stack ?? e}`),
  };
  // Rules that run an external program stay off the keystroke path: they run in a deferred pass.
  const findings = lintModel(model, { ...lintOptions, exclude: DEFERRED_RULES });
  const a = new Analysis(doc.version, text, kind, model, lintOptions, findings);
  // A newer version may have been analysed while we awaited the settings: keep the newest.
  const now = analyses.get(doc.uri);
  if (!now || now.version <= a.version) {
    now?.forget();
    analyses.set(doc.uri, a);
  }
  return a;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface DiagnosticData {
  ruleId: string;
  fix?: Fix;
  suggestions?: Fix[];
}

function toDiagnostic(f: Finding): Diagnostic {
  const rule = findRule(f.ruleId);
  const data: DiagnosticData = { ruleId: f.ruleId, fix: f.fix, suggestions: f.suggestions };
  const aliases = f.aliases.length ? ` (${f.aliases.join(', ')})` : '';
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'berth',
    code: f.ruleId,
    codeDescription: rule ? { href: fileUri(ruleDocPath(docsRoot, f.ruleId)) } : undefined,
    message: f.message + aliases,
    data,
  };
}

// Debounced validation: a burst of edits costs one analysis; a stale result is never published.
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const publishedVersion = new Map<string, number>();

function scheduleValidation(doc: TextDocument, delay?: number): void {
  const prev = timers.get(doc.uri);
  if (prev) clearTimeout(prev);
  const ms = delay ?? settingsCache?.debounceMs ?? 60;
  timers.set(
    doc.uri,
    setTimeout(() => {
      timers.delete(doc.uri);
      void validate(doc.uri);
    }, ms),
  );
}

/** Validations under way (the deferred passes wait for them). */
let validating = 0;

async function validate(uri: string): Promise<void> {
  validating++;
  try {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const a = await analyse(doc);
    if (!a) return;
    const diagnostics = a.findings.map(toDiagnostic);
    if (a.model.kind === 'dockerfile') {
      diagnostics.push(...a.syntax);
      for (const p of a.model.problems)
        diagnostics.push({
          range: a.model.lines.range(p.start, p.end),
          severity: DiagnosticSeverity.Error,
          source: 'berth',
          code: 'syntax',
          message: p.message,
        });
    }
    // Compose: schema and YAML syntax errors come from the core rules (compose-schema, yaml-syntax);
    // yaml-language-server only serves completion, hover and folding.
    // Publish only if this is still the newest version and nothing newer was published.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    if ((publishedVersion.get(uri) ?? -1) > version) return;
    publishedVersion.set(uri, version);
    await connection.sendDiagnostics({ uri, version, diagnostics });
    scheduleDeferred(uri, a);
    idleGc.noteActivity();
  } catch (e) {
    connection.console.error(`Berth: validation failed for ${uri}: ${(e as Error)?.stack ?? e}`);
  } finally {
    validating--;
    pumpDeferred();
  }
}

// --------------------------------------------------------------------------------------------
// LSP wiring
// --------------------------------------------------------------------------------------------

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  hasCodeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: {
        triggerCharacters: [' ', '-', '=', '$', '{', ':', '"', '['],
        resolveProvider: false,
      },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      renameProvider: { prepareProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: {
        legend: {
          tokenTypes: [
            'keyword',
            'comment',
            'parameter',
            'property',
            'namespace',
            'class',
            'macro',
            'string',
            'variable',
            'operator',
            'modifier',
          ],
          tokenModifiers: ['declaration', 'definition', 'deprecated'],
        },
        full: true,
      },
      codeActionProvider: {
        codeActionKinds: [
          CodeActionKind.QuickFix,
          CodeActionKind.Refactor,
          CodeActionKind.RefactorRewrite,
          CodeActionKind.SourceFixAll,
          'source.fixAll.berth',
        ],
      },
    },
    serverInfo: { name: 'berth', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration(() => {
  settingsCache = undefined;
  models.clear();
  analyses.clear();
  for (const d of documents.all()) scheduleValidation(d, 0);
  if (hasCodeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
});

documents.onDidOpen((e) => scheduleValidation(e.document, 0));
documents.onDidChangeContent((e) => {
  scheduleValidation(e.document);
  recheckDependents(e.document);
});
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  const d = deferredTimers.get(e.document.uri);
  if (d) clearTimeout(d);
  deferredTimers.delete(e.document.uri);
  deferredDue.delete(e.document.uri);
  analyses.get(e.document.uri)?.forget();
  analyses.delete(e.document.uri);
  publishedVersion.delete(e.document.uri);
  idleGc.noteActivity();
  // The file on disk is what other documents see now.
  const p = filePathOf(e.document);
  if (p) invalidateComposeFile(fsys, p);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles((p) => {
  // A configuration file or a referenced file changed on disk: forget it, re-check what is open.
  for (const c of p.changes) {
    const u = URI.parse(c.uri);
    if (u.scheme !== 'file') continue;
    fsys.invalidate(u.fsPath);
    invalidateComposeFile(fsys, u.fsPath);
    if (c.type !== FileChangeType.Changed) fsys.invalidate(path.dirname(u.fsPath));
  }
  if (!p.changes.length) fsys.invalidate();
  clearListingCache();
  models.clear();
  analyses.clear();
  for (const d of documents.all()) scheduleValidation(d);
});

/**
 * Another open compose document whose project holds the edited one (its override, an included or
 * extended file) is re-checked too: its findings (undefined references...) depend on this text.
 */
function recheckDependents(doc: TextDocument): void {
  const kind = kindOf(doc);
  if (kind === 'dockerfile' || kind === 'dockerignore') return recheckNeighbours(doc, kind);
  if (kind !== 'compose') return;
  const p = filePathOf(doc);
  if (!p) return;
  for (const other of documents.all()) {
    if (other.uri === doc.uri) continue;
    const a = analyses.get(other.uri);
    if (!a || a.model.kind !== 'compose') continue;
    const project = projectOf({ model: a.model, path: filePathOf(other), fs: fsys });
    if (!project.files.some((f) => f.role !== 'self' && f.path === p)) continue;
    a.forget();
    analyses.delete(other.uri);
    scheduleValidation(other, (settingsCache?.debounceMs ?? 60) * 3);
  }
}

/**
 * A Dockerfile and the `.dockerignore` files next to it read each other (copy-ignored-file,
 * dockerignore-excludes-copied-file...): an edit in one re-checks the open documents of the other
 * kind in the same directory, which read the edited buffer through `fsys`.
 */
function recheckNeighbours(doc: TextDocument, kind: 'dockerfile' | 'dockerignore'): void {
  const p = filePathOf(doc);
  if (!p) return;
  const dir = path.dirname(p);
  const other = kind === 'dockerfile' ? 'dockerignore' : 'dockerfile';
  for (const d of documents.all()) {
    if (d.uri === doc.uri || kindOf(d) !== other) continue;
    const dp = filePathOf(d);
    if (!dp || path.dirname(dp) !== dir) continue;
    const a = analyses.get(d.uri);
    if (!a) continue;
    a.forget();
    analyses.delete(d.uri);
    scheduleValidation(d, (settingsCache?.debounceMs ?? 60) * 3);
  }
}

/**
 * Documents this large (in characters or lines) are not handed to dockerfile-language-service or
 * yaml-language-server: both grow faster than linearly with the document (PERFORMANCE.md) and would
 * stall the server. Berth's own (linear) checks and features still run on them.
 */
const SERVICE_MAX_CHARS = 512 * 1024;
const SERVICE_MAX_LINES = 5000;

/** A superseded request answers RequestCancelled, as the LSP asks, instead of finishing its work. */
function throwIfCancelled(token: { isCancellationRequested: boolean }): void {
  if (token.isCancellationRequested)
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function docFor(uri: string): { doc: TextDocument; kind: Kind; big: boolean } | undefined {
  const doc = documents.get(uri);
  const kind = doc && kindOf(doc);
  if (!doc || !kind) return undefined;
  const big = doc.getText().length > SERVICE_MAX_CHARS || doc.lineCount > SERVICE_MAX_LINES;
  return { doc, kind, big };
}

/** What dockerfile-language-service answers for a document too large to hand to it: nothing. */
const QUIET_DOCKERFILE_SERVICE = {
  computeCompletionItems: () => [],
  computeHover: () => null,
  computeSignatureHelp: () => ({ signatures: [], activeSignature: null, activeParameter: null }),
  computeSymbols: () => [],
  computeFoldingRanges: () => [],
  format: () => [],
  formatRange: () => [],
  prepareRename: () => null,
  computeRename: () => [],
  computeDefinition: () => null,
  computeHighlightRanges: () => [],
  computeLinks: () => [],
  resolveLink: (l: unknown) => l,
} as unknown as ReturnType<typeof dockerfileService>;

function dls(d: { big: boolean }): ReturnType<typeof dockerfileService> {
  return d.big ? QUIET_DOCKERFILE_SERVICE : dockerfileService();
}

/** The analysed compose model of a document (parsed once per version). */
async function composeModelOf(doc: TextDocument): Promise<ComposeModel | undefined> {
  const a = await analyse(doc);
  return a?.model.kind === 'compose' ? a.model : undefined;
}

/**
 * The compose files navigation looks at: the document first, then its project (override, `include`,
 * `extends.file`), then the files whose project holds this one (open compose documents and the default
 * compose files in this folder and the one above), so that an included or extended file finds its users.
 */
function composeFileSet(
  doc: TextDocument,
  model: ComposeModel,
): { files: NavFile[]; project: ComposeProject } {
  const self = filePathOf(doc);
  const project = projectOf({ model, path: self, fs: fsys });
  const files: NavFile[] = [{ path: self ?? '', uri: doc.uri, model, role: 'self' }];
  const seen = new Set<string>(self ? [self] : []);
  const add = (p: string, m: ComposeModel, role: NavFile['role']) => {
    if (seen.has(p)) return;
    seen.add(p);
    files.push({ path: p, uri: fileUri(p), model: m, role });
  };
  for (const f of project.files.slice(1)) add(f.path, f.model, f.role);
  if (self) {
    const candidates = new Set<string>();
    for (const d of documents.all()) {
      const dp = filePathOf(d);
      if (dp && dp !== self && kindOf(d) === 'compose') candidates.add(dp);
    }
    for (const dir of [path.dirname(self), path.dirname(path.dirname(self))])
      for (const name of DEFAULT_COMPOSE_FILES) {
        const c = path.join(dir, name);
        if (c !== self && fsys.exists(c)) candidates.add(c);
      }
    for (const c of candidates) {
      if (seen.has(c)) continue;
      const m = loadComposeFile(fsys, c);
      if (!m) continue;
      const other = projectOf({ model: m, path: c, fs: fsys });
      if (!other.files.some((f) => f.path === self)) continue;
      // This file is an override, an include or an extends target of `c`.
      const mine = other.files.find((f) => f.path === self)!;
      if (mine.role === 'extends') {
        add(c, m, 'extends');
        continue;
      }
      add(c, m, 'main');
      for (const f of other.files)
        if (f.path !== self) add(f.path, f.model, f.role === 'self' ? 'main' : f.role);
    }
  }
  return { files, project };
}

function toLocation(l: NavLocation): Location {
  return { uri: l.uri, range: l.range };
}

function hoverText(h: Hover | null | undefined): string | undefined {
  if (!h) return undefined;
  const c = h.contents as unknown;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n\n');
  if (c && typeof c === 'object' && 'value' in (c as object)) return (c as { value: string }).value;
  return undefined;
}

connection.onCompletion(async (p, token) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).computeCompletionItems(d.doc.getText(), p.position);
  if (d.kind !== 'compose') return null;
  const model = await composeModelOf(d.doc);
  throwIfCancelled(token);
  if (!model) return null;
  const { files, project } = composeFileSet(d.doc, model);
  const names = [
    ...nameCompletions({ files, project, fs: fsys }, p.position),
    ...valueCompletions(model.text, p.position),
  ];
  const schema: CompletionList = d.big
    ? { isIncomplete: false, items: [] }
    : await composeCompletion(d.doc, p.position);
  throwIfCancelled(token);
  if (!names.length) return schema;
  // Where a name (or a value Berth knows) goes, those come first; schema items not among them are kept after them.
  const taken = new Set(names.map((n) => n.label));
  return {
    isIncomplete: schema.isIncomplete,
    items: [...names, ...schema.items.filter((i) => !taken.has(i.label))],
  };
});

function ruleHoverText(f: Finding): string {
  const rule = findRule(f.ruleId);
  const aliases = f.aliases.length ? ` · ${f.aliases.map((a) => '`' + a + '`').join(' ')}` : '';
  const link = `[documentation](${fileUri(ruleDocPath(docsRoot, f.ruleId))})`;
  const fix = f.fix ? `\n\nQuick fix: ${f.fix.title}` : '';
  return `**Berth: ${f.ruleId}**${aliases}\n\n${rule?.meta.description ?? f.message}${fix} (${link})`;
}

/** Berth's own hover for a position: `${VAR}`, a compose name, a `.dockerignore` pattern. */
async function featureHover(
  doc: TextDocument,
  kind: Kind,
  a: Analysis,
  pos: { line: number; character: number },
  token: CancellationToken,
): Promise<string | undefined> {
  if (kind === 'compose' && a.model.kind === 'compose') {
    const offset = a.model.lines.offsetAt(pos);
    const { files, project } = composeFileSet(doc, a.model);
    return varHover(a.model, project, offset)?.markdown ?? symbolHover(files, offset)?.markdown;
  }
  if (kind === 'dockerignore' && a.model.kind === 'dockerignore') {
    const pattern = patternAtLine(a.model, pos.line);
    const file = filePathOf(doc);
    if (!pattern || !file) return undefined;
    const root = path.dirname(file);
    const listing = await cachedListing(root, namedSkippedDirs(a.model.patterns), {
      cancelled: () => token.isCancellationRequested,
    });
    if (!listing) return undefined;
    return dockerignoreHoverText(pattern, a.model, listing, `${path.basename(root)}/`);
  }
  return undefined;
}

connection.onHover(async (p, token): Promise<Hover | null> => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  const a = await analyse(d.doc);
  throwIfCancelled(token);
  if (!a) return null;
  const base =
    d.kind === 'dockerfile'
      ? dls(d).computeHover(d.doc.getText(), p.position)
      : d.kind === 'compose'
        ? d.big
          ? null
          : await composeHover(d.doc, p.position)
        : null;
  throwIfCancelled(token);
  const own = await featureHover(d.doc, d.kind, a, p.position, token);
  throwIfCancelled(token);
  const here = a.findings.filter((f) => {
    const s = f.range.start;
    const e = f.range.end;
    const pos = p.position;
    const afterStart = pos.line > s.line || (pos.line === s.line && pos.character >= s.character);
    const beforeEnd = pos.line < e.line || (pos.line === e.line && pos.character <= e.character);
    return afterStart && beforeEnd;
  });
  const parts: string[] = here.map(ruleHoverText);
  if (own) parts.push(own);
  if (!parts.length) return base;
  const baseText = hoverText(base);
  if (baseText) parts.push(baseText);
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
});

connection.onSignatureHelp((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dls(d).computeSignatureHelp(d.doc.getText(), p.position);
});

connection.onDocumentSymbol(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).computeSymbols(p.textDocument, d.doc.getText());
  if (d.kind !== 'compose') return null;
  const model = await composeModelOf(d.doc);
  return model ? composeOutline(model) : null;
});

connection.onFoldingRanges((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).computeFoldingRanges(d.doc.getText());
  if (d.kind !== 'compose') return null;
  return d.big ? [] : composeFolding(d.doc);
});

connection.onDocumentFormatting((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dls(d).format(d.doc.getText(), p.options);
});

connection.onDocumentRangeFormatting((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dls(d).formatRange(d.doc.getText(), p.range, p.options);
});

/** The compose symbol at a position with the file set around it. */
async function composeSymbolAtPos(uri: string, pos: { line: number; character: number }) {
  const d = docFor(uri);
  if (!d || d.kind !== 'compose') return undefined;
  const model = await composeModelOf(d.doc);
  if (!model) return undefined;
  const { files } = composeFileSet(d.doc, model);
  const sym = composeSymbolAt(files[0], model.lines.offsetAt(pos));
  return sym ? { sym, files, model } : undefined;
}

connection.onPrepareRename(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).prepareRename(d.doc.getText(), p.position);
  const at = await composeSymbolAtPos(p.textDocument.uri, p.position);
  if (!at) return null;
  return { range: at.model.lines.range(at.sym.start, at.sym.end), placeholder: at.sym.name };
});

connection.onRenameRequest(async (p): Promise<WorkspaceEdit | null> => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') {
    const edits = dls(d).computeRename(p.textDocument, d.doc.getText(), p.position, p.newName);
    return { changes: { [p.textDocument.uri]: edits } };
  }
  const at = await composeSymbolAtPos(p.textDocument.uri, p.position);
  if (!at) return null;
  const problem = checkNewName(at.sym, p.newName);
  if (problem) throw new ResponseError(ErrorCodes.InvalidRequest, problem);
  return { changes: composeRename(at.files, at.sym, p.newName) };
});

connection.onDefinition(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).computeDefinition(p.textDocument, d.doc.getText(), p.position);
  const at = await composeSymbolAtPos(p.textDocument.uri, p.position);
  if (at) return composeDefinitions(at.files, at.sym).map(toLocation);
  // `build.target: <stage>`: the stage in the service's Dockerfile.
  const model = d.kind === 'compose' ? await composeModelOf(d.doc) : undefined;
  const file = filePathOf(d.doc);
  if (!model || !file) return null;
  const stage = stageDefinition(model, file, model.lines.offsetAt(p.position), fsys);
  return stage ? [{ uri: fileUri(stage.path), range: stage.range }] : null;
});

connection.onReferences(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (d?.kind === 'dockerfile') {
    // Stage names, ARG and ENV variables: their occurrences in the file.
    const ranges = dls(d).computeHighlightRanges(d.doc.getText(), p.position);
    return ranges.map((h) => ({ uri: p.textDocument.uri, range: h.range }));
  }
  const at = await composeSymbolAtPos(p.textDocument.uri, p.position);
  if (!at) return null;
  return composeReferences(at.files, at.sym, p.context.includeDeclaration).map(toLocation);
});

connection.onDocumentHighlight(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dls(d).computeHighlightRanges(d.doc.getText(), p.position);
  const at = await composeSymbolAtPos(p.textDocument.uri, p.position);
  if (!at) return null;
  return composeReferences(at.files, at.sym, true)
    .filter((l) => l.uri === p.textDocument.uri)
    .map((l) => ({ range: l.range }));
});

connection.onDocumentLinks(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') {
    const svc = dls(d);
    return svc.computeLinks(d.doc.getText()).map((l) => svc.resolveLink(l));
  }
  if (d.kind !== 'compose') return null;
  const model = await composeModelOf(d.doc);
  return model ? composeLinks(model, filePathOf(d.doc), fsys) : null;
});

connection.onCodeLens(async (p) => {
  const d = docFor(p.textDocument.uri);
  const file = d && filePathOf(d.doc);
  if (!d || !file || d.kind === 'dockerignore') return null;
  if ((await clientSettings()).codeLens?.enabled === false) return [];
  const a = await analyse(d.doc);
  if (!a) return null;
  if (a.model.kind === 'compose') return composeCodeLenses(a.model, file);
  if (a.model.kind === 'dockerfile') return dockerfileCodeLenses(a.model, file);
  return null;
});

connection.languages.semanticTokens.on(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return { data: [] };
  const a = await analyse(d.doc);
  if (!a || a.model.kind !== 'dockerfile') return { data: [] };
  if (d.big) return { data: [] };
  return dockerfileSemanticTokens(d.doc.getText(), a.model);
});

// --------------------------------------------------------------------------------------------
// Code actions: one generic lookup of the fix carried in Diagnostic.data.
// --------------------------------------------------------------------------------------------

function fixEdit(uri: string, fix: Fix): WorkspaceEdit {
  if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits } };
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  for (const f of fix.otherFiles) {
    const furi = fileUri(f.path);
    if (f.create) documentChanges.push({ kind: 'create', uri: furi, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: furi, version: null }, edits: f.edits });
  }
  documentChanges.push({ textDocument: { uri, version: null }, edits: fix.edits });
  return { documentChanges };
}

async function fixAllAction(
  doc: TextDocument,
  kind: Kind,
  title: string,
  actionKind: string,
  ruleIds?: string[],
) {
  const filePath = filePathOf(doc);
  const { config } = await configFor(filePath);
  const before = doc.getText();
  const res = fixAllText(before, kind, { path: filePath, fs: fsys, config }, ruleIds);
  if (!res.applied) return undefined;
  const cached = analyses.get(doc.uri);
  const model = cached && cached.version === doc.version ? cached.model : parseModel(before, kind);
  const edit = diffEdit(before, res.text, model as Model);
  if (!edit) return undefined;
  const action: CodeAction = { title, kind: actionKind, edit: { changes: { [doc.uri]: [edit] } } };
  return action;
}

/** Client commands whose first argument gets the document's URI (the core does not know URIs). */
const DOCUMENT_COMMANDS = new Set([PICK_IMAGE_TAG]);

function withDocumentUri(command: Command | undefined, uri: string): Command | undefined {
  if (!command || !DOCUMENT_COMMANDS.has(command.command)) return command;
  const [first, ...rest] = command.arguments ?? [];
  return { ...command, arguments: [{ ...(first as object), uri }, ...rest] };
}

/** The edit and command of a fix or refactoring; a command-only fix (e.g. a quick pick) has no edit. */
function actionOf(uri: string, fix: Fix, command?: Command): Pick<CodeAction, 'edit' | 'command'> {
  const out: Pick<CodeAction, 'edit' | 'command'> = {};
  if (fix.edits.length || fix.otherFiles?.length) out.edit = fixEdit(uri, fix);
  const cmd = withDocumentUri(command ?? fix.command, uri);
  if (cmd) out.command = cmd;
  return out;
}

connection.onCodeAction(async (p: CodeActionParams, token): Promise<CodeAction[]> => {
  const d = docFor(p.textDocument.uri);
  if (!d) return [];
  const only = p.context.only;
  const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k.startsWith('source.fixAll'));
  if (wantsFixAll) {
    const a = await fixAllAction(d.doc, d.kind, 'Fix all auto-fixable problems', 'source.fixAll.berth');
    return a ? [a] : [];
  }
  const a = await analyse(d.doc);
  throwIfCancelled(token);
  if (!a) return [];
  // The ignore-comment edits work on any line-based model (`.dockerignore` comments are `#` lines too).
  const model = a.model as Model;
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  if (a.model.kind === 'dockerfile' && wants(CodeActionKind.RefactorRewrite)) {
    for (const r of computeRefactors(a.model, p.range, { path: filePathOf(d.doc), fs: fsys })) {
      actions.push({ title: r.title, kind: r.kind, ...actionOf(p.textDocument.uri, r.fix, r.command) });
    }
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const seenRules = new Set<string>();
  for (const diag of p.context.diagnostics) {
    if (diag.source !== 'berth' || !diag.data) continue;
    const data = diag.data as DiagnosticData;
    if (data.fix) {
      actions.push({
        title: `Fix: ${data.fix.title}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: true,
        ...actionOf(p.textDocument.uri, data.fix),
      });
    }
    for (const s of data.suggestions ?? []) {
      actions.push({
        title: s.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        ...actionOf(p.textDocument.uri, s),
      });
    }
    if (seenRules.has(data.ruleId)) continue;
    seenRules.add(data.ruleId);
    const sameRule = a.findings.filter((f) => f.ruleId === data.ruleId && f.fix);
    if (sameRule.length > 1 && !token.isCancellationRequested) {
      const all = await fixAllAction(
        d.doc,
        d.kind,
        `Fix all ${data.ruleId} problems in the file`,
        CodeActionKind.QuickFix,
        [data.ruleId],
      );
      if (all) actions.push(all);
    }
    actions.push({
      title: `Ignore ${data.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: {
        changes: { [p.textDocument.uri]: [ignoreLineEdit(model, data.ruleId, diag.range.start.line)] },
      },
    });
    actions.push({
      title: `Ignore ${data.ruleId} in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: { changes: { [p.textDocument.uri]: [ignoreFileEdit(model, data.ruleId)] } },
    });
    actions.push({
      title: `Show documentation for ${data.ruleId}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      command: {
        title: `Show documentation for ${data.ruleId}`,
        command: 'berth.showRuleDocs',
        arguments: [data.ruleId, ruleDocPath(docsRoot, data.ruleId)],
      },
    });
  }
  if (a.findings.some((f) => f.fix)) {
    const all = await fixAllAction(d.doc, d.kind, 'Fix all auto-fixable problems', CodeActionKind.QuickFix);
    if (all) actions.push(all);
  }
  return actions;
});

documents.listen(connection);
connection.listen();
