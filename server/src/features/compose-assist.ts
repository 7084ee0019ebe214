/**
 * Compose hover and completion beyond the schema: `${VAR}` values and where they come from, the
 * definition of a service / network / volume / config / secret under the cursor, and the names that
 * exist where a name is expected (`depends_on`, `links`, `extends.service`, `network_mode: service:`,
 * networks, volumes, secrets, configs, `build.target` stages of the referenced Dockerfile), and the values
 * Berth knows for keys whose schema lists none (`restart`, `pull_policy`, `network_mode`...).
 */
import * as nodePath from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { CompletionItem, Position, Range } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { getValue, nodeSpan, scalarText, services, type ComposeModel } from '../core/compose/model';
import { findVarRefs, interpolate } from '../core/compose/interpolate';
import { loadComposeFile, resolveVar, type ComposeProject } from '../core/compose/project';
import { composeIndex, type SymbolKind } from '../core/compose/symbols';
import { SERVICE_VALUE_CHOICES } from '../core/compose/values';
import { parseDockerfile } from '../core/dockerfile/parser';
import { fileUri } from '../core/docs';
import type { FileSystem } from '../core/types';
import { composeSymbolAt, extendsWithFile, projectScope, type NavFile } from './compose-nav';
import { yamlContextAt } from './yaml-context';

// ---------------------------------------------------------------------------------------------
// Hover
// ---------------------------------------------------------------------------------------------

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.replace(/\n/g, '⏎')}${ticks}`;
}

/** Hover text for a `${VAR}` / `$VAR` at `offset`, with its value and origin; undefined elsewhere. */
export function varHover(
  model: ComposeModel,
  project: ComposeProject,
  offset: number,
): { markdown: string; start: number; end: number } | undefined {
  const pos = model.lines.positionAt(offset);
  const lineStart = model.lines.lineStarts[pos.line];
  const lineText = model.lines.lineText(pos.line);
  const hashAt = /(^|\s)#/.exec(lineText);
  // Innermost reference containing the cursor: the last one starting before it.
  let hit: ReturnType<typeof findVarRefs>[number] | undefined;
  for (const r of findVarRefs(lineText, lineStart)) {
    if (hashAt && r.start - lineStart > hashAt.index) break;
    if (r.start <= offset && offset <= r.end) hit = r;
  }
  if (!hit) return undefined;
  const lookup = (n: string) => resolveVar(project, n).value;
  const res = resolveVar(project, hit.name);
  const refText = model.text.slice(hit.start, hit.end);
  const out = interpolate(refText, lookup);
  const lines: string[] = [`**${code(refText)}** → ${out.errors.length ? '*(error)*' : code(out.value)}`];
  const src = res.source;
  if (src.kind === 'dotenv') {
    const rel = project.dir ? nodePath.relative(project.dir, src.path) || src.path : src.path;
    const line = src.entry.line + 1;
    lines.push(
      `\`${hit.name}\` = ${code(res.value ?? '')} from [${rel}:${line}](${fileUri(src.path)}#L${line})`,
    );
  } else if (src.kind === 'shell') {
    lines.push(
      `\`${hit.name}\` = ${code(res.value ?? '')} from the shell environment (it wins over \`.env\`)`,
    );
  } else {
    const where = project.dotenv
      ? `neither in the shell environment nor in \`.env\``
      : 'in the shell environment';
    lines.push(`\`${hit.name}\` is not set ${where}`);
  }
  const unsetOrEmpty = res.value === undefined || res.value === '';
  if (hit.op === ':-' || hit.op === '-') {
    const used = hit.op === ':-' ? unsetOrEmpty : res.value === undefined;
    if (used) lines.push(`the default ${code(hit.arg ?? '')} is used`);
  } else if (hit.op === ':+' || hit.op === '+') {
    const used = hit.op === ':+' ? !unsetOrEmpty : res.value !== undefined;
    lines.push(used ? `the alternative ${code(hit.arg ?? '')} is used` : 'the result is empty');
  } else if (hit.op === ':?' || hit.op === '?') {
    for (const e of out.errors) lines.push(`Compose stops with: ${code(e.message)}`);
  } else if (res.value === undefined) {
    lines.push('Compose warns and uses an empty string');
  }
  return { markdown: lines.join('  \n'), start: hit.start, end: hit.end };
}

/** Up to `max` lines of a file's text from the line of `start` to the line of `end`. */
function snippet(model: ComposeModel, start: number, end: number, max = 15): string {
  const a = model.lines.positionAt(start).line;
  const b = model.lines.positionAt(Math.max(start, end - 1)).line;
  const out: string[] = [];
  for (let l = a; l <= Math.min(b, a + max - 1); l++) out.push(model.lines.lineText(l));
  if (b > a + max - 1) out.push('  # …');
  // Remove the common indentation.
  const ind = Math.min(...out.filter((x) => x.trim()).map((x) => /^ */.exec(x)![0].length));
  return out.map((x) => x.slice(Number.isFinite(ind) ? ind : 0)).join('\n');
}

function fileLabel(f: NavFile, self: NavFile): string {
  if (f === self) return 'this file';
  return f.path ? nodePath.basename(f.path) : f.uri;
}

/** Hover text for a service / network / volume / config / secret name: its definitions and users. */
export function symbolHover(
  files: NavFile[],
  offset: number,
): { markdown: string; start: number; end: number } | undefined {
  const self = files[0];
  const sym = composeSymbolAt(self, offset);
  if (!sym || sym.type !== 'symbol') return undefined;
  const parts: string[] = [`**${sym.kind} \`${sym.name}\`**`];
  const defs: { file: NavFile; start: number; end: number }[] = [];
  const search = sym.targetFile
    ? files.filter((f) => f.path && nodePath.resolve(f.path) === nodePath.resolve(sym.targetFile!))
    : projectScope(files);
  for (const f of search) {
    for (const d of composeIndex(f.model).definitions) {
      if (d.kind !== sym.kind || d.name !== sym.name) continue;
      const end = nodeSpan(d.pair.value)?.[1] ?? d.end;
      defs.push({ file: f, start: d.start, end });
    }
  }
  const shown = defs.filter((d) => !(d.file === self && d.start <= offset && offset <= d.end));
  for (const d of shown.slice(0, 3)) {
    const line = d.file.model.lines.positionAt(d.start).line + 1;
    parts.push(
      `Defined in ${fileLabel(d.file, self)}, line ${line}:\n\n\`\`\`yaml\n${snippet(d.file.model, d.start, d.end)}\n\`\`\``,
    );
  }
  if (shown.length > 3) parts.push(`…and ${shown.length - 3} more definitions`);
  if (!defs.length)
    parts.push(
      sym.targetFile
        ? `Not found in \`${nodePath.basename(sym.targetFile)}\``
        : `Not defined in this project${sym.kind === 'service' ? '' : ' (Compose will refuse to start)'}`,
    );
  if (sym.isDefinition) {
    const users = new Set<string>();
    for (const f of projectScope(files))
      for (const r of composeIndex(f.model).references)
        if (r.kind === sym.kind && r.name === sym.name)
          users.add(r.service ? `${r.service} (${r.via})` : r.via);
    if (users.size)
      parts.push(`Used by: ${[...users].slice(0, 10).join(', ')}${users.size > 10 ? ', …' : ''}`);
  }
  return { markdown: parts.join('\n\n'), start: sym.start, end: sym.end };
}

// ---------------------------------------------------------------------------------------------
// Completion of names
// ---------------------------------------------------------------------------------------------

export interface NameCompletionContext {
  files: NavFile[];
  project: ComposeProject;
  fs?: FileSystem;
}

const LIST_KIND: Record<string, SymbolKind> = {
  depends_on: 'service',
  links: 'service',
  volumes_from: 'service',
  networks: 'network',
  secrets: 'secret',
  configs: 'config',
  models: 'model',
};

/** Names defined for a kind in the file set, with the file defining each. */
function namesOf(files: NavFile[], kind: SymbolKind): Map<string, NavFile> {
  const out = new Map<string, NavFile>();
  for (const f of projectScope(files))
    for (const name of composeIndex(f.model).byKind[kind].keys()) if (!out.has(name)) out.set(name, f);
  return out;
}

/** The Dockerfile a service builds from (absolute path), when it has a `build` section. */
export function dockerfileOfService(
  model: ComposeModel,
  composePath: string,
  service: string,
): string | undefined {
  const svc = services(model).find((s) => s.name === service);
  if (!svc) return undefined;
  const build = getValue(model, svc.node, 'build');
  let context: string;
  let dockerfile = 'Dockerfile';
  if (isScalar(build)) context = scalarText(build) ?? '.';
  else if (isMap(build)) {
    context = scalarText(getValue(model, build, 'context')) ?? '.';
    dockerfile = scalarText(getValue(model, build, 'dockerfile')) ?? 'Dockerfile';
  } else return undefined;
  if (context.includes('$') || dockerfile.includes('$') || /^[a-z]+:\/\//i.test(context)) return undefined;
  const ctxDir = nodePath.resolve(nodePath.dirname(composePath), context);
  return nodePath.resolve(ctxDir, dockerfile);
}

/** Stage names (`FROM ... AS name`) of a Dockerfile. */
export function stageNames(fs: FileSystem, dockerfilePath: string): string[] {
  const text = fs.readFile(dockerfilePath);
  if (text === undefined) return [];
  return parseDockerfile(text)
    .stages.map((s) => s.name)
    .filter((n): n is string => !!n);
}

/** Start of the name being typed: after `[`, `,`, `{`, quotes, spaces. */
function tokenStart(valuePrefix: string): number {
  let i = valuePrefix.length;
  while (i > 0 && !/[\s[\],{}"']/.test(valuePrefix[i - 1])) i--;
  return i;
}

/**
 * Completion items for the values Berth knows of a service key whose schema lists none (`restart`,
 * `pull_policy`, `network_mode`...: see `SERVICE_VALUE_CHOICES`), or [] elsewhere. Items replace the word
 * being typed.
 */
export function valueCompletions(text: string, pos: Position): CompletionItem[] {
  const y = yamlContextAt(text, pos.line, pos.character);
  if (y.path[0] !== 'services' || y.path.length < 2 || !y.key || y.inSeqItem) return [];
  const choices = SERVICE_VALUE_CHOICES[[...y.path.slice(2), y.key].join('.')];
  const prefix = y.valuePrefix;
  if (!choices || /^[[{|>&*!]/.test(prefix)) return [];
  const start = tokenStart(prefix);
  // A quote the user opened stays: the value goes inside it.
  const quoted = start > 0 && /["']/.test(prefix[start - 1]);
  if (prefix.slice(0, start).replace(/["']$/, '').trim() !== '') return [];
  const typed = prefix.slice(start);
  const range = { start: { line: pos.line, character: pos.character - typed.length }, end: pos };
  return choices.map((c, i) => {
    // `no` unquoted is the boolean false for YAML 1.1 readers.
    const newText = !quoted && c.value === 'no' ? '"no"' : c.value;
    return {
      label: c.value,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: 'markdown', value: c.doc },
      sortText: '0' + String(i).padStart(2, '0'),
      filterText: c.value,
      textEdit: { range, newText },
    };
  });
}

/**
 * Completion items for the names that exist at the cursor (see the module comment), or [] when the
 * cursor is not where a name goes. Items replace the word being typed.
 */
export function nameCompletions(ctx: NameCompletionContext, pos: Position): CompletionItem[] {
  const self = ctx.files[0];
  const y = yamlContextAt(self.model.text, pos.line, pos.character);
  if (y.path[0] !== 'services' || y.path.length < 2) return [];
  const service = y.path[1];
  const rest = y.path.slice(2);
  const prefix = y.valuePrefix;
  let kind: SymbolKind | 'stage' | undefined;
  let servicePrefix = '';
  let fromFile: string | undefined;
  const last = rest[rest.length - 1];
  if (rest.length === 0 && y.key) {
    if (y.key === 'network_mode') {
      if (!'service:'.startsWith(prefix.slice(tokenStart(prefix))) && !prefix.includes('service:')) return [];
      kind = 'service';
      servicePrefix = 'service:';
    } else if (y.key === 'extends') kind = 'service';
    else if (LIST_KIND[y.key] && /^\[/.test(prefix)) kind = LIST_KIND[y.key];
    else if (y.key === 'volumes' && /^\[[^:]*$/.test(prefix.split(',').pop() ?? '')) kind = 'volume';
  } else if (rest.length === 1 && (y.inSeqItem || y.keyPosition) && last in LIST_KIND) {
    if (y.keyPosition && !['depends_on', 'networks'].includes(last)) return [];
    if (y.inSeqItem && prefix.includes(':')) return [];
    kind = LIST_KIND[last];
  } else if (rest.length === 1 && last === 'volumes' && y.inSeqItem && !prefix.includes(':')) kind = 'volume';
  else if (rest.length === 1 && y.key === 'source' && ['volumes', 'secrets', 'configs'].includes(last))
    kind = last === 'volumes' ? 'volume' : LIST_KIND[last];
  else if (
    rest.length === 2 &&
    rest[0] === 'build' &&
    last === 'secrets' &&
    y.inSeqItem &&
    !prefix.includes(':')
  )
    kind = 'secret';
  else if (rest.length === 1 && last === 'extends' && y.key === 'service') {
    kind = 'service';
    const ext = extendsFileOf(self.model, service);
    if (ext && self.path) fromFile = nodePath.resolve(nodePath.dirname(self.path), ext);
  } else if (rest.length === 1 && last === 'build' && y.key === 'target') kind = 'stage';
  if (!kind) return [];

  const start = tokenStart(prefix);
  const typed = prefix.slice(start);
  const range = {
    start: { line: pos.line, character: pos.character - typed.length },
    end: pos,
  };
  const items: CompletionItem[] = [];
  const add = (name: string, detail: string, k: CompletionItemKind) => {
    const label = servicePrefix + name;
    items.push({
      label,
      kind: k,
      detail,
      sortText: '0' + label,
      filterText: label,
      textEdit: { range, newText: label },
    });
  };
  if (kind === 'stage') {
    if (!ctx.fs || !self.path) return [];
    const df = dockerfileOfService(self.model, self.path, service);
    if (!df) return [];
    for (const s of stageNames(ctx.fs, df))
      add(s, `stage of ${nodePath.basename(df)}`, CompletionItemKind.Class);
    return items;
  }
  if (fromFile) {
    const m = ctx.fs ? loadComposeFile(ctx.fs, fromFile) : undefined;
    if (!m) return [];
    for (const s of services(m))
      add(s.name, `service in ${nodePath.basename(fromFile)}`, CompletionItemKind.Module);
    return items;
  }
  const selfExcluded = kind === 'service';
  for (const [name, f] of namesOf(ctx.files, kind)) {
    if (selfExcluded && name === service) continue;
    add(name, `${kind}${f === self ? '' : ` in ${nodePath.basename(f.path)}`}`, kindIcon(kind));
  }
  return items;
}

function extendsFileOf(model: ComposeModel, service: string): string | undefined {
  const hit = extendsWithFile(model).find((x) => x.from === service);
  if (hit) return hit.file;
  const svc = services(model).find((s) => s.name === service);
  const ext = svc && getValue(model, svc.node, 'extends');
  const file = isMap(ext) ? scalarText(getValue(model, ext, 'file')) : undefined;
  return file && !file.includes('$') ? file : undefined;
}

function kindIcon(kind: SymbolKind): CompletionItemKind {
  switch (kind) {
    case 'service':
      return CompletionItemKind.Module;
    case 'network':
      return CompletionItemKind.Interface;
    case 'volume':
      return CompletionItemKind.Folder;
    default:
      return CompletionItemKind.Reference;
  }
}

/** `build.target: <stage>` at `offset`: where that stage starts in the service's Dockerfile. */
export function stageDefinition(
  model: ComposeModel,
  composePath: string,
  offset: number,
  fs: FileSystem,
): { path: string; range: Range } | undefined {
  for (const svc of services(model)) {
    const build = getValue(model, svc.node, 'build');
    if (!isMap(build)) continue;
    const target = getValue(model, build, 'target');
    const span = nodeSpan(target);
    const name = scalarText(target);
    if (!span || !name || offset < span[0] || offset > span[1]) continue;
    const df = dockerfileOfService(model, composePath, svc.name);
    const text = df && fs.readFile(df);
    if (!df || text === undefined) return undefined;
    const dm = parseDockerfile(text);
    const stage = dm.stages.find((s) => s.name === name);
    if (!stage || stage.nameStart === undefined || stage.nameEnd === undefined) return undefined;
    return { path: df, range: dm.lines.range(stage.nameStart, stage.nameEnd) };
  }
  return undefined;
}
