/**
 * Document links in compose files: `build` (the Dockerfile of the context, else the context folder),
 * `build.dockerfile`, `env_file`, `extends.file`, top-level `include`, config / secret `file`, and images
 * (their Docker Hub page). Paths with variables are not linked; local paths only when they exist.
 */
import * as nodePath from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type { DocumentLink } from 'vscode-languageserver-types';
import {
  deref,
  entries,
  getValue,
  nodeSpan,
  scalarText,
  services,
  type ComposeModel,
} from '../core/compose/model';
import { fileUri } from '../core/docs';
import type { FileSystem } from '../core/types';
import { unquoted } from './compose-nav';

/** The Docker Hub page of an image reference, or undefined for other registries and variables. */
export function dockerHubUrl(image: string): string | undefined {
  if (!image || image.includes('$')) return undefined;
  let ref = image.split('@')[0];
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) {
    if (parts[0] !== 'docker.io' && parts[0] !== 'index.docker.io' && parts[0] !== 'registry-1.docker.io')
      return undefined;
    parts.shift();
  }
  if (!parts.length || parts.some((p) => !/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(p))) return undefined;
  if (parts.length === 1) return `https://hub.docker.com/_/${parts[0]}`;
  if (parts.length === 2 && parts[0] === 'library') return `https://hub.docker.com/_/${parts[1]}`;
  if (parts.length === 2) return `https://hub.docker.com/r/${parts[0]}/${parts[1]}`;
  return undefined;
}

function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@') || /^github\.com\//.test(p);
}

export function composeLinks(
  model: ComposeModel,
  path: string | undefined,
  fs: FileSystem | undefined,
): DocumentLink[] {
  const out: DocumentLink[] = [];
  const dir = path ? nodePath.dirname(path) : undefined;
  const linkNode = (node: unknown, target: string | undefined, tooltip: string) => {
    const span = nodeSpan(node);
    if (!span || !target) return;
    const [s, e] = unquoted(model.text, span[0], span[1]);
    if (e <= s) return;
    out.push({ range: model.lines.range(s, e), target, tooltip });
  };
  /** A local path relative to `base`: its file URI when it exists. */
  const local = (value: string | undefined, base: string | undefined): string | undefined => {
    if (!value || !base || value.includes('$') || isRemote(value)) return undefined;
    const abs = nodePath.resolve(base, value);
    if (fs && !fs.exists(abs)) return undefined;
    return abs;
  };
  const linkPath = (node: unknown, base: string | undefined, what: string) => {
    const abs = local(scalarText(node), base);
    if (abs) linkNode(node, fileUri(abs), `Open ${what}`);
  };

  for (const svc of services(model)) {
    const build = getValue(model, svc.node, 'build');
    const ctxNode = isScalar(build) ? build : isMap(build) ? getValue(model, build, 'context') : undefined;
    const ctxText = scalarText(ctxNode);
    const ctxDir = ctxText === undefined ? (isMap(build) ? dir : undefined) : local(ctxText, dir);
    if (ctxNode && ctxText !== undefined) {
      if (isRemote(ctxText) && /^https?:\/\//.test(ctxText))
        linkNode(ctxNode, ctxText, 'Open the build context');
      else if (ctxDir) {
        // A folder cannot be opened in an editor: the context's Dockerfile is what one wants to see.
        const dfName = isMap(build)
          ? (scalarText(getValue(model, build, 'dockerfile')) ?? 'Dockerfile')
          : 'Dockerfile';
        const df = nodePath.resolve(ctxDir, dfName);
        if (!dfName.includes('$') && (!fs || fs.exists(df)))
          linkNode(ctxNode, fileUri(df), `Open ${nodePath.relative(dir ?? ctxDir, df) || dfName}`);
        else linkNode(ctxNode, fileUri(ctxDir), 'Reveal the build context');
      }
    }
    if (isMap(build)) linkPath(getValue(model, build, 'dockerfile'), ctxDir, 'the Dockerfile');
    const env = getValue(model, svc.node, 'env_file');
    for (const it of isSeq(env) ? env.items.map((x) => deref(model, x)) : [env]) {
      if (isScalar(it)) linkPath(it, dir, 'the env file');
      else if (isMap(it)) linkPath(getValue(model, it, 'path'), dir, 'the env file');
    }
    const ext = getValue(model, svc.node, 'extends');
    if (isMap(ext)) linkPath(getValue(model, ext, 'file'), dir, 'the extended file');
    const image = getValue(model, svc.node, 'image');
    const url = dockerHubUrl(scalarText(image) ?? '');
    if (url) linkNode(image, url, 'Open on Docker Hub');
  }
  const top = model.doc.contents;
  const include = getValue(model, top, 'include');
  for (const it of isSeq(include) ? include.items.map((x) => deref(model, x)) : []) {
    if (isScalar(it)) linkPath(it, dir, 'the included file');
    else if (isMap(it)) {
      const p = getValue(model, it, 'path');
      for (const x of isSeq(p) ? p.items.map((y) => deref(model, y)) : [p])
        linkPath(x, dir, 'the included file');
      const envs = getValue(model, it, 'env_file');
      for (const x of isSeq(envs) ? envs.items.map((y) => deref(model, y)) : [envs])
        linkPath(x, dir, 'the env file');
    }
  }
  for (const section of ['configs', 'secrets']) {
    for (const e of entries(model, getValue(model, top, section))) {
      if (!e.own) continue;
      linkPath(getValue(model, e.pair.value, 'file'), dir, 'the file');
    }
  }
  return out;
}
