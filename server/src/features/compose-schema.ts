/**
 * Compose schema features (completion, hover, symbols, folding) from yaml-language-server used as
 * a library against the compose-spec JSON schema shipped with Berth: fully offline. Validation is Berth's own
 * compose-schema rule (ajv, messages at the offending key).
 * Loaded lazily, on the first compose file (the module costs ~0.8 s to load).
 */
import { composeSpecSchema } from '../core/compose/schema-source';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, DocumentSymbol, Hover, Position } from 'vscode-languageserver-types';

export const COMPOSE_SCHEMA_URI = 'berth-schema://compose-spec.json';

type YamlService = import('yaml-language-server').LanguageService;

let service: YamlService | undefined;
let schemaText: string | undefined;

export function composeSchemaText(): string {
  if (schemaText === undefined) schemaText = JSON.stringify(composeSpecSchema);
  return schemaText;
}

function getService(): YamlService {
  if (service) return service;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yls = require('yaml-language-server') as typeof import('yaml-language-server');
  const s = yls.getLanguageService({
    schemaRequestService: (uri: string) =>
      uri === COMPOSE_SCHEMA_URI
        ? Promise.resolve(composeSchemaText())
        : Promise.reject(new Error(`Berth works offline: schema ${uri} is not available`)),
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).toString() },
  });
  s.configure({
    validate: true,
    hover: true,
    completion: true,
    format: false,
    isKubernetes: false,
    schemas: [{ uri: COMPOSE_SCHEMA_URI, fileMatch: ['*', '**', '/**/*'], priority: 10 }],
    customTags: [
      '!reset scalar',
      '!reset mapping',
      '!reset sequence',
      '!override scalar',
      '!override mapping',
      '!override sequence',
    ],
    yamlVersion: '1.2',
  } as never);
  service = s;
  return s;
}

export async function composeCompletion(doc: TextDocument, pos: Position): Promise<CompletionList> {
  return getService().doComplete(doc, pos, false);
}

export async function composeHover(doc: TextDocument, pos: Position): Promise<Hover | null> {
  return getService().doHover(doc, pos);
}

export function composeSymbols(doc: TextDocument): DocumentSymbol[] {
  return getService().findDocumentSymbols2(doc, { resultLimit: 5000 });
}

export function composeFolding(doc: TextDocument) {
  return getService().getFoldingRanges(doc, { rangeLimit: 5000 }) ?? [];
}
