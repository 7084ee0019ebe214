/**
 * Compose navigation: what symbol is at a position (a service, network, volume, config, secret or model
 * name, where it is defined or referred to, or a YAML anchor / alias), its definitions, its references and
 * the edits that rename it, across the files of the project (override, `include`, `extends.file`).
 *
 * Pure functions over the core's compose models: the server gives the file set.
 */
import * as nodePath from 'node:path';
import { isMap, Parser } from 'yaml';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { getValue, nodeSpan, scalarText, services, type ComposeModel } from '../core/compose/model';
import { composeIndex, SYMBOL_SECTIONS, type SymbolKind } from '../core/compose/symbols';

export interface NavFile {
  /** Absolute path ('' for an unsaved document). */
  path: string;
  uri: string;
  model: ComposeModel;
  /**
   * Why the file is in the set (the core's `ProjectFile.role`). An `extends` file is only looked into
   * through `extends: { file, service }`: its other services are not part of the project.
   */
  role?: 'main' | 'override' | 'include' | 'extends' | 'self';
}

/** The files whose definitions are the project's (an `extends.file` target's are not). */
export function projectScope(files: NavFile[]): NavFile[] {
  return files.filter((f, i) => i === 0 || f.role !== 'extends');
}

export interface NavLocation {
  uri: string;
  path: string;
  range: Range;
  /** Offsets in that file. */
  start: number;
  end: number;
}

export type ComposeSymbolAt =
  | {
      type: 'symbol';
      kind: SymbolKind;
      name: string;
      /** Offsets of the name under the cursor. */
      start: number;
      end: number;
      /** True when the cursor is on a definition key. */
      isDefinition: boolean;
      /** `extends: { file, service }`: the file (absolute) the service is looked up in. */
      targetFile?: string;
    }
  | { type: 'anchor'; name: string; start: number; end: number; isDefinition: boolean; anchorStart: number };

/** Offsets of a key or scalar without its quotes. */
export function unquoted(text: string, start: number, end: number): [number, number] {
  const c = text[start];
  if ((c === '"' || c === "'") && end - start >= 2 && text[end - 1] === c) return [start + 1, end - 1];
  return [start, end];
}

// ---------------------------------------------------------------------------------------------
// Anchors and aliases (from the CST: the AST does not keep the anchor's position)
// ---------------------------------------------------------------------------------------------

export interface AnchorToken {
  name: string;
  /** Offsets of `&name` / `*name`. */
  start: number;
  end: number;
}

export interface AnchorIndex {
  anchors: AnchorToken[];
  /** Each alias with the index (in `anchors`) of the anchor it refers to, -1 when none. */
  aliases: (AnchorToken & { anchor: number })[];
}

const anchorCache = new WeakMap<ComposeModel, AnchorIndex>();

export function anchorIndex(model: ComposeModel): AnchorIndex {
  let idx = anchorCache.get(model);
  if (idx) return idx;
  const anchors: AnchorToken[] = [];
  const aliasTokens: AnchorToken[] = [];
  if (model.text.includes('&') || model.text.includes('*')) {
    const walk = (v: unknown, depth: number): void => {
      if (!v || typeof v !== 'object' || depth > 400) return;
      if (Array.isArray(v)) {
        for (const x of v) walk(x, depth + 1);
        return;
      }
      const t = v as { type?: string; offset?: number; source?: string };
      if ((t.type === 'anchor' || t.type === 'alias') && typeof t.offset === 'number' && t.source) {
        const tok = { name: t.source.slice(1), start: t.offset, end: t.offset + t.source.length };
        (t.type === 'anchor' ? anchors : aliasTokens).push(tok);
      }
      for (const k of Object.keys(v)) if (k !== 'type' && k !== 'source') walk((v as never)[k], depth + 1);
    };
    try {
      for (const tok of new Parser().parse(model.text)) walk(tok, 0);
    } catch {
      /* a CST we cannot read: no anchors */
    }
  }
  anchors.sort((a, b) => a.start - b.start);
  aliasTokens.sort((a, b) => a.start - b.start);
  // An alias refers to the last anchor of that name before it.
  const aliases = aliasTokens.map((a) => {
    let anchor = -1;
    for (let i = 0; i < anchors.length && anchors[i].start < a.start; i++)
      if (anchors[i].name === a.name) anchor = i;
    return { ...a, anchor };
  });
  idx = { anchors, aliases };
  anchorCache.set(model, idx);
  return idx;
}

// ---------------------------------------------------------------------------------------------
// What is at the cursor
// ---------------------------------------------------------------------------------------------

/** The `extends: { file, service }` entries of a file: the service scalar and the file it names. */
export function extendsWithFile(
  model: ComposeModel,
): { service: string; start: number; end: number; file: string; from: string }[] {
  const out: { service: string; start: number; end: number; file: string; from: string }[] = [];
  for (const svc of services(model)) {
    const ext = getValue(model, svc.node, 'extends');
    if (!isMap(ext)) continue;
    const file = scalarText(getValue(model, ext, 'file'));
    const sNode = getValue(model, ext, 'service');
    const name = scalarText(sNode);
    const span = nodeSpan(sNode);
    if (!file || !name || !span || file.includes('$') || name.includes('$')) continue;
    const [s, e] = unquoted(model.text, span[0], span[1]);
    out.push({ service: name, start: s, end: e, file, from: svc.name });
  }
  return out;
}

/** The symbol at `offset` in `file`, if any. */
export function composeSymbolAt(file: NavFile, offset: number): ComposeSymbolAt | undefined {
  const m = file.model;
  const a = anchorIndex(m);
  for (const t of a.anchors)
    if (t.start <= offset && offset <= t.end)
      return {
        type: 'anchor',
        name: t.name,
        start: t.start + 1,
        end: t.end,
        isDefinition: true,
        anchorStart: t.start,
      };
  for (const t of a.aliases)
    if (t.start <= offset && offset <= t.end && t.anchor >= 0)
      return {
        type: 'anchor',
        name: t.name,
        start: t.start + 1,
        end: t.end,
        isDefinition: false,
        anchorStart: a.anchors[t.anchor].start,
      };
  const idx = composeIndex(m);
  for (const d of idx.definitions) {
    const [s, e] = unquoted(m.text, d.start, d.end);
    if (s <= offset && offset <= e)
      return { type: 'symbol', kind: d.kind, name: d.name, start: s, end: e, isDefinition: true };
  }
  for (const r of idx.references)
    if (r.start <= offset && offset <= r.end)
      return { type: 'symbol', kind: r.kind, name: r.name, start: r.start, end: r.end, isDefinition: false };
  for (const x of extendsWithFile(m)) {
    if (x.start <= offset && offset <= x.end) {
      const dir = file.path ? nodePath.dirname(file.path) : undefined;
      return {
        type: 'symbol',
        kind: 'service',
        name: x.service,
        start: x.start,
        end: x.end,
        isDefinition: false,
        targetFile: dir ? nodePath.resolve(dir, x.file) : undefined,
      };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Definitions, references, rename
// ---------------------------------------------------------------------------------------------

function loc(f: NavFile, start: number, end: number): NavLocation {
  return { uri: f.uri, path: f.path, range: f.model.lines.range(start, end), start, end };
}

function sameFile(a: string, b: string): boolean {
  return !!a && !!b && nodePath.resolve(a) === nodePath.resolve(b);
}

/** Where a symbol is defined. `files` is the file set, the file holding the cursor first. */
export function composeDefinitions(files: NavFile[], sym: ComposeSymbolAt): NavLocation[] {
  const self = files[0];
  if (sym.type === 'anchor') {
    const t = anchorIndex(self.model).anchors.find((x) => x.start === sym.anchorStart);
    return t ? [loc(self, t.start + 1, t.end)] : [];
  }
  const out: NavLocation[] = [];
  const search = sym.targetFile
    ? files.filter((f) => sameFile(f.path, sym.targetFile!))
    : projectScope(files);
  for (const f of search) {
    for (const d of composeIndex(f.model).definitions) {
      if (d.kind !== sym.kind || d.name !== sym.name) continue;
      const [s, e] = unquoted(f.model.text, d.start, d.end);
      out.push(loc(f, s, e));
    }
  }
  return out;
}

/** Every occurrence (definitions included when `includeDeclaration`) of a symbol in the file set. */
export function composeReferences(
  files: NavFile[],
  sym: ComposeSymbolAt,
  includeDeclaration: boolean,
): NavLocation[] {
  const self = files[0];
  const out: NavLocation[] = [];
  if (sym.type === 'anchor') {
    const a = anchorIndex(self.model);
    const ai = a.anchors.findIndex((x) => x.start === sym.anchorStart);
    if (ai < 0) return out;
    if (includeDeclaration) out.push(loc(self, a.anchors[ai].start + 1, a.anchors[ai].end));
    for (const al of a.aliases) if (al.anchor === ai) out.push(loc(self, al.start + 1, al.end));
    return out;
  }
  const seen = new Set<string>();
  const push = (f: NavFile, s: number, e: number) => {
    const k = `${f.uri}#${s}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(loc(f, s, e));
  };
  // A service looked up through `extends.file` lives in that file only; other names share the project.
  const defFiles = sym.targetFile
    ? files.filter((f) => sameFile(f.path, sym.targetFile!))
    : projectScope(files).filter((f) => composeIndex(f.model).byKind[sym.kind].has(sym.name));
  const scoped = !!sym.targetFile;
  const inProject = new Set(projectScope(files));
  for (const f of files) {
    const idx = composeIndex(f.model);
    if (scoped ? defFiles.includes(f) : inProject.has(f)) {
      if (includeDeclaration)
        for (const d of idx.definitions)
          if (d.kind === sym.kind && d.name === sym.name) {
            const [s, e] = unquoted(f.model.text, d.start, d.end);
            push(f, s, e);
          }
      for (const r of idx.references) if (r.kind === sym.kind && r.name === sym.name) push(f, r.start, r.end);
    }
    if (sym.kind !== 'service') continue;
    const dir = f.path ? nodePath.dirname(f.path) : '';
    for (const x of extendsWithFile(f.model)) {
      if (x.service !== sym.name || !dir) continue;
      const target = nodePath.resolve(dir, x.file);
      if (defFiles.some((d) => sameFile(d.path, target)) || (scoped && sameFile(target, sym.targetFile!)))
        push(f, x.start, x.end);
    }
  }
  return out;
}

const NAME_RE: Record<SymbolKind, RegExp> = {
  service: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  network: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  volume: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  config: /^[a-zA-Z0-9._-]+$/,
  secret: /^[a-zA-Z0-9._-]+$/,
  model: /^[a-zA-Z0-9._-]+$/,
};

/** Why `newName` cannot be the new name, or undefined when it can. */
export function checkNewName(sym: ComposeSymbolAt, newName: string): string | undefined {
  if (sym.type === 'anchor')
    return /^[^\s,[\]{}]+$/.test(newName) ? undefined : `"${newName}" is not a valid anchor name.`;
  if (!NAME_RE[sym.kind].test(newName))
    return `"${newName}" is not a valid ${sym.kind} name (letters, digits, \`_\`, \`.\`, \`-\`).`;
  return undefined;
}

/** The edits renaming a symbol everywhere in the file set, grouped by URI. */
export function composeRename(
  files: NavFile[],
  sym: ComposeSymbolAt,
  newName: string,
): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const l of composeReferences(files, sym, true)) {
    (changes[l.uri] ??= []).push({ range: l.range, newText: newName });
  }
  return changes;
}

/** The section (`services`, `networks`...) that defines a kind. */
export function sectionOf(kind: SymbolKind): string {
  return SYMBOL_SECTIONS[kind];
}
