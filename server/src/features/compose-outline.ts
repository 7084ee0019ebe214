/**
 * The outline of a compose file: services, networks, volumes, configs, secrets and models, each with
 * its entries (a service shows its image or build context, and its keys), and the other top-level keys.
 */
import { isMap, isScalar } from 'yaml';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import {
  entries,
  getValue,
  nodeSpan,
  scalarText,
  type ComposeModel,
  type YPair,
} from '../core/compose/model';

const SECTION_KIND: Record<string, SymbolKind> = {
  services: SymbolKind.Class,
  networks: SymbolKind.Interface,
  volumes: SymbolKind.Struct,
  configs: SymbolKind.File,
  secrets: SymbolKind.Key,
  models: SymbolKind.Object,
};

function pairRange(
  model: ComposeModel,
  pair: YPair,
): { range: DocumentSymbol['range']; sel: DocumentSymbol['range'] } | undefined {
  const k = nodeSpan(pair.key);
  if (!k) return undefined;
  const v = nodeSpan(pair.value);
  const end = Math.max(k[1], v?.[1] ?? k[1]);
  return { range: model.lines.range(k[0], end), sel: model.lines.range(k[0], k[1]) };
}

function short(v: unknown): string | undefined {
  const t = scalarText(v);
  if (t === undefined) return undefined;
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
}

export function composeOutline(model: ComposeModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const top = model.doc.contents;
  if (!isMap(top)) return out;
  for (const e of entries(model, top, true)) {
    if (!e.own) continue;
    const r = pairRange(model, e.pair);
    if (!r) continue;
    const childKind = SECTION_KIND[e.key];
    if (childKind === undefined) {
      out.push({
        name: e.key || '""',
        kind: e.key === 'include' ? SymbolKind.Package : SymbolKind.Property,
        detail: short(e.pair.value),
        range: r.range,
        selectionRange: r.sel,
      });
      continue;
    }
    const children: DocumentSymbol[] = [];
    for (const c of entries(model, e.pair.value, true)) {
      if (!c.own) continue;
      const cr = pairRange(model, c.pair);
      if (!cr) continue;
      let detail: string | undefined;
      const grand: DocumentSymbol[] = [];
      if (e.key === 'services') {
        const build = getValue(model, c.pair.value, 'build');
        const image = short(getValue(model, c.pair.value, 'image'));
        const ctx = isScalar(build)
          ? short(build)
          : isMap(build)
            ? (short(getValue(model, build, 'context')) ?? '.')
            : undefined;
        detail = image ?? (ctx !== undefined ? `build: ${ctx}` : undefined);
        for (const k of entries(model, c.pair.value, true)) {
          const kr = k.own ? pairRange(model, k.pair) : undefined;
          if (kr)
            grand.push({
              name: k.key || '""',
              kind: SymbolKind.Field,
              detail: short(k.pair.value),
              range: kr.range,
              selectionRange: kr.sel,
            });
        }
      }
      children.push({
        name: c.key || '""',
        kind: childKind,
        detail,
        range: cr.range,
        selectionRange: cr.sel,
        children: grand,
      });
    }
    out.push({
      name: e.key,
      kind: SymbolKind.Namespace,
      detail: `${children.length}`,
      range: r.range,
      selectionRange: r.sel,
      children,
    });
  }
  return out;
}
