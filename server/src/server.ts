/**
 * Berth's language server: LSP wiring only. Each request maps to a core function or to the
 * Dockerfile / compose services Berth builds on. Runs in VS Code (IPC) or standalone (`--stdio`).
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { fixAllText, diffEdit, ignoreFileEdit, ignoreLineEdit } from './core/actions';
import { ConfigError, findConfigFile, mergeConfigs, parseConfig, type BerthConfig } from './core/config';
import { fileUri, ruleDocPath } from './core/docs';
import { findRule, kindOfPath, lintModel, parseModel, type Model } from './core/engine';
import type { Finding, Fix, Severity } from './core/types';
import { NodeFileSystem } from './node-fs';
import {
  composeCompletion,
  composeFolding,
  composeHover,
  composeSchemaDiagnostics,
  composeSymbols,
} from './features/compose-schema';
import { dockerfileService, dockerfileSyntaxDiagnostics } from './features/dockerfile-service';

type Kind = 'dockerfile' | 'compose';

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
}

let hasConfigurationCapability = false;
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

const fsys = new NodeFileSystem((p) => {
  const doc = documents.get(fileUri(p));
  return doc?.getText();
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
  const k = kindOfPath(URI.parse(doc.uri).path);
  return k === 'dockerfile' || k === 'compose' ? k : undefined;
}

function filePathOf(doc: TextDocument): string | undefined {
  const u = URI.parse(doc.uri);
  return u.scheme === 'file' ? u.fsPath : undefined;
}

interface Analysis {
  version: number;
  model: Model;
  findings: Finding[];
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
  const model = parseModel(doc.getText(), kind);
  const findings = lintModel(model, {
    path: filePath,
    fs: fsys,
    config,
    onRuleError: (id, e) => connection.console.error(`Berth rule ${id} failed: ${(e as Error)?.stack ?? e}`),
  });
  const a: Analysis = { version: doc.version, model, findings };
  // A newer version may have been analysed while we awaited the settings: keep the newest.
  const now = analyses.get(doc.uri);
  if (!now || now.version <= a.version) analyses.set(doc.uri, a);
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

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  try {
    const a = await analyse(doc);
    if (!a) return;
    const diagnostics = a.findings.map(toDiagnostic);
    const text = doc.getText();
    if (a.model.kind === 'dockerfile') {
      diagnostics.push(...dockerfileSyntaxDiagnostics(text, a.model.lines.lineCount));
      for (const p of a.model.problems)
        diagnostics.push({
          range: a.model.lines.range(p.start, p.end),
          severity: DiagnosticSeverity.Error,
          source: 'berth',
          code: 'syntax',
          message: p.message,
        });
    } else {
      // Schema validation (yaml-language-server) covers YAML syntax errors too.
      diagnostics.push(...(await composeSchemaDiagnostics(doc)));
    }
    // Publish only if this is still the newest version and nothing newer was published.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    if ((publishedVersion.get(uri) ?? -1) > version) return;
    publishedVersion.set(uri, version);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (e) {
    connection.console.error(`Berth: validation failed for ${uri}: ${(e as Error)?.stack ?? e}`);
  }
}

// --------------------------------------------------------------------------------------------
// LSP wiring
// --------------------------------------------------------------------------------------------

connection.onInitialize((params): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', '-', '=', '$', '{', ':', '"'], resolveProvider: false },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: ['-', '[', ',', ' ', '='] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      renameProvider: { prepareProvider: true },
      definitionProvider: true,
      documentHighlightProvider: true,
      documentLinkProvider: { resolveProvider: false },
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
          ],
          tokenModifiers: ['declaration', 'definition', 'deprecated'],
        },
        full: true,
      },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, 'source.fixAll.berth'],
      },
    },
    serverInfo: { name: 'berth', version: '0.1.0' },
  };
});

connection.onDidChangeConfiguration(() => {
  settingsCache = undefined;
  analyses.clear();
  for (const d of documents.all()) scheduleValidation(d, 0);
});

documents.onDidOpen((e) => scheduleValidation(e.document, 0));
documents.onDidChangeContent((e) => scheduleValidation(e.document));
documents.onDidClose((e) => {
  const t = timers.get(e.document.uri);
  if (t) clearTimeout(t);
  timers.delete(e.document.uri);
  analyses.delete(e.document.uri);
  publishedVersion.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(() => {
  // A configuration file or a referenced file changed: re-check everything that is open.
  analyses.clear();
  for (const d of documents.all()) scheduleValidation(d);
});

function docFor(uri: string): { doc: TextDocument; kind: Kind } | undefined {
  const doc = documents.get(uri);
  const kind = doc && kindOf(doc);
  return doc && kind ? { doc, kind } : undefined;
}

connection.onCompletion(async (p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dockerfileService().computeCompletionItems(d.doc.getText(), p.position);
  return composeCompletion(d.doc, p.position);
});

function ruleHoverText(f: Finding): string {
  const rule = findRule(f.ruleId);
  const aliases = f.aliases.length ? ` · ${f.aliases.map((a) => '`' + a + '`').join(' ')}` : '';
  const link = `[documentation](${fileUri(ruleDocPath(docsRoot, f.ruleId))})`;
  const fix = f.fix ? `\n\nQuick fix: ${f.fix.title}` : '';
  return `**Berth: ${f.ruleId}**${aliases}\n\n${rule?.meta.description ?? f.message}${fix} (${link})`;
}

connection.onHover(async (p): Promise<Hover | null> => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  const base =
    d.kind === 'dockerfile'
      ? dockerfileService().computeHover(d.doc.getText(), p.position)
      : await composeHover(d.doc, p.position);
  const a = await analyse(d.doc);
  const here = (a?.findings ?? []).filter((f) => {
    const s = f.range.start;
    const e = f.range.end;
    const pos = p.position;
    const afterStart = pos.line > s.line || (pos.line === s.line && pos.character >= s.character);
    const beforeEnd = pos.line < e.line || (pos.line === e.line && pos.character <= e.character);
    return afterStart && beforeEnd;
  });
  if (!here.length) return base;
  const parts: string[] = here.map(ruleHoverText);
  if (base) {
    const c = base.contents as unknown;
    if (typeof c === 'string') parts.push(c);
    else if (c && typeof c === 'object' && 'value' in (c as object))
      parts.push((c as { value: string }).value);
  }
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
});

connection.onSignatureHelp((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().computeSignatureHelp(d.doc.getText(), p.position);
});

connection.onDocumentSymbol((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dockerfileService().computeSymbols(p.textDocument, d.doc.getText());
  return composeSymbols(d.doc);
});

connection.onFoldingRanges((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d) return null;
  if (d.kind === 'dockerfile') return dockerfileService().computeFoldingRanges(d.doc.getText());
  return composeFolding(d.doc);
});

connection.onDocumentFormatting((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().format(d.doc.getText(), p.options);
});

connection.onDocumentRangeFormatting((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().formatRange(d.doc.getText(), p.range, p.options);
});

connection.onPrepareRename((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().prepareRename(d.doc.getText(), p.position);
});

connection.onRenameRequest((p): WorkspaceEdit | null => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  const edits = dockerfileService().computeRename(p.textDocument, d.doc.getText(), p.position, p.newName);
  return { changes: { [p.textDocument.uri]: edits } };
});

connection.onDefinition((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().computeDefinition(p.textDocument, d.doc.getText(), p.position);
});

connection.onDocumentHighlight((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  return dockerfileService().computeHighlightRanges(d.doc.getText(), p.position);
});

connection.onDocumentLinks((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return null;
  const svc = dockerfileService();
  return svc.computeLinks(d.doc.getText()).map((l) => svc.resolveLink(l));
});

connection.languages.semanticTokens.on((p) => {
  const d = docFor(p.textDocument.uri);
  if (!d || d.kind !== 'dockerfile') return { data: [] };
  return dockerfileService().computeSemanticTokens(d.doc.getText());
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
  const edit = diffEdit(before, res.text, parseModel(before, kind));
  if (!edit) return undefined;
  const action: CodeAction = { title, kind: actionKind, edit: { changes: { [doc.uri]: [edit] } } };
  return action;
}

connection.onCodeAction(async (p: CodeActionParams): Promise<CodeAction[]> => {
  const d = docFor(p.textDocument.uri);
  if (!d) return [];
  const only = p.context.only;
  const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k.startsWith('source.fixAll'));
  if (wantsFixAll) {
    const a = await fixAllAction(d.doc, d.kind, 'Fix all auto-fixable problems', 'source.fixAll.berth');
    return a ? [a] : [];
  }
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k.startsWith('quickfix'))) return [];
  const a = await analyse(d.doc);
  if (!a) return [];
  const actions: CodeAction[] = [];
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
        edit: fixEdit(p.textDocument.uri, data.fix),
      });
    }
    for (const s of data.suggestions ?? []) {
      actions.push({
        title: s.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        edit: fixEdit(p.textDocument.uri, s),
      });
    }
    if (seenRules.has(data.ruleId)) continue;
    seenRules.add(data.ruleId);
    const sameRule = a.findings.filter((f) => f.ruleId === data.ruleId && f.fix);
    if (sameRule.length > 1) {
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
        changes: { [p.textDocument.uri]: [ignoreLineEdit(a.model, data.ruleId, diag.range.start.line)] },
      },
    });
    actions.push({
      title: `Ignore ${data.ruleId} in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: { changes: { [p.textDocument.uri]: [ignoreFileEdit(a.model, data.ruleId)] } },
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
