/**
 * Compose schema features (completion, hover, symbols, folding) from yaml-language-server used as
 * a library against the compose-spec JSON schema shipped with Berth: fully offline. Validation is Berth's own
 * compose-schema rule (ajv, messages at the offending key).
 * Loaded lazily, on the first compose file (the module costs ~0.8 s to load).
 */
import { composeSpecSchema } from '../core/compose/schema-source';
import { keyName, nodeSpan, parseCompose } from '../core/compose/model';
import { isMap, isScalar, isSeq } from '../core/compose/yaml-nodes';
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
    // The schema is Berth's own copy under a made-up URI: a "Source: [](berth-schema://...)" link leads nowhere.
    hoverSchemaSource: false,
  } as never);
  service = s;
  return s;
}

export async function composeCompletion(doc: TextDocument, pos: Position): Promise<CompletionList> {
  return getService().doComplete(doc, pos, false);
}

export async function composeHover(doc: TextDocument, pos: Position): Promise<Hover | null> {
  const h = await getService().doHover(doc, pos);
  const c = h?.contents;
  if (!h || !c || typeof c !== 'object' || !('kind' in c) || typeof c.value !== 'string') return h;
  const text = doc.getText();
  const path = keyPathAt(text, doc.offsetAt(pos));
  const value = path && preferOwnDescription(c.value, path);
  return value === undefined || value === c.value ? h : { ...h, contents: { kind: c.kind, value } };
}

// ---------------------------------------------------------------------------------------------
// The key's own description
//
// For a key whose schema has alternatives (`depends_on: oneOf [list_of_strings, {...}]`, `environment:
// $ref list_or_dict`), yaml-language-server shows the first description it meets, i.e. the matching
// alternative's generic one ("A list of unique string values."), not the key's own. Berth puts the key's back.
// ---------------------------------------------------------------------------------------------

type SchemaNode = Record<string, unknown>;

/** The keys (and sequence indices) from the root to the key or scalar value at `offset`, or undefined. */
export function keyPathAt(text: string, offset: number): string[] | undefined {
  const model = parseCompose(text);
  const path: string[] = [];
  let node: unknown = model.doc.contents;
  for (let depth = 0; depth < 64; depth++) {
    let next: unknown;
    if (isMap(node)) {
      for (const p of node.items) {
        const k = keyName(p);
        const ks = nodeSpan(p.key);
        if (k === undefined || !ks) continue;
        if (offset >= ks[0] && offset <= ks[1]) return [...path, k];
        const vs = nodeSpan(p.value);
        if (vs && offset >= vs[0] && offset < vs[1]) {
          path.push(k);
          if (isScalar(p.value)) return path;
          next = p.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((it, i) => {
        const vs = nodeSpan(it);
        if (next === undefined && vs && offset >= vs[0] && offset < vs[1]) {
          path.push(String(i));
          next = it;
        }
      });
      if (isScalar(next)) return path;
    }
    if (next === undefined) return undefined;
    node = next;
  }
  return undefined;
}

function resolveRef(s: SchemaNode): SchemaNode {
  let cur = s;
  for (let i = 0; i < 16 && typeof cur.$ref === 'string'; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(cur.$ref as string);
    const defs = composeSpecSchema.definitions as Record<string, SchemaNode> | undefined;
    const t = m && defs?.[m[1]];
    if (!t) break;
    cur = t;
  }
  return cur;
}

/** The schema itself (refs followed) and its alternatives (`oneOf`/`anyOf`/`allOf`, nested), refs followed. */
function forms(s: SchemaNode, out: SchemaNode[] = [], depth = 0): SchemaNode[] {
  const r = resolveRef(s);
  if (out.includes(r) || depth > 8) return out;
  out.push(r);
  for (const k of ['oneOf', 'anyOf', 'allOf'])
    for (const alt of (r[k] as SchemaNode[] | undefined) ?? []) forms(alt, out, depth + 1);
  return out;
}

/** The schema of `seg` inside `s` (a property, a pattern property, additional properties, or items). */
function child(s: SchemaNode, seg: string): SchemaNode | undefined {
  for (const f of forms(s)) {
    const props = f.properties as Record<string, SchemaNode> | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, seg)) return props[seg];
    const pats = f.patternProperties as Record<string, SchemaNode> | undefined;
    for (const [re, ps] of Object.entries(pats ?? {})) if (new RegExp(re, 'u').test(seg)) return ps;
    if (/^\d+$/.test(seg) && f.items && typeof f.items === 'object') return f.items as SchemaNode;
    if (f.additionalProperties && typeof f.additionalProperties === 'object')
      return f.additionalProperties as SchemaNode;
  }
  return undefined;
}

/**
 * The hover text with the key's own schema description in place of the generic one of a form it takes;
 * unchanged when the key has no description of its own or the text already has it.
 */
export function preferOwnDescription(value: string, path: string[]): string {
  let s: SchemaNode | undefined = composeSpecSchema;
  for (const seg of path) {
    s = child(s, seg);
    if (!s) return value;
  }
  const own = typeof s.description === 'string' ? s.description : undefined;
  if (!own || value.includes(own)) return value;
  for (const f of forms(s)) {
    const d = f.description;
    if (f !== s && typeof d === 'string' && d && value.includes(d)) return value.replace(d, () => own);
  }
  return value;
}

export function composeSymbols(doc: TextDocument): DocumentSymbol[] {
  return getService().findDocumentSymbols2(doc, { resultLimit: 5000 });
}

export function composeFolding(doc: TextDocument) {
  return getService().getFoldingRanges(doc, { rangeLimit: 5000 }) ?? [];
}
