import * as nodePath from 'node:path';
import { isMap, isScalar, isSeq } from '../../compose/yaml-nodes';
import {
  deref,
  entries,
  getValue,
  nodeSpan,
  scalarText,
  services,
  type ComposeModel,
} from '../../compose/model';
import { expandVars as expand, projectOf } from '../../compose/project';
import { defineComposeRule } from '../rule';

const REMOTE =
  /^(https?:\/\/|git@|git:\/\/|ssh:\/\/|github\.com\/|[a-z]+-image:\/\/|docker-image:\/\/|service:|oci-layout:\/\/)/i;

export default defineComposeRule(
  {
    id: 'compose-missing-file',
    description:
      'A file or directory the compose file points to does not exist: `env_file`, build context, Dockerfile, secret or config file.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const project = projectOf(ctx);
    const fs = project.fs;
    if (!project.hasFs || !fs || !project.dir || !ctx.path) return;
    const m: ComposeModel = ctx.model;
    const baseDir = project.dir;
    const resolve = (
      node: unknown,
      dir: string,
    ): { path: string; start: number; end: number; raw: string } | undefined => {
      if (!isScalar(node)) return undefined;
      const raw = scalarText(node);
      const span = nodeSpan(node);
      if (raw === undefined || !span) return undefined;
      const r = expand(project, raw);
      if (r === undefined || REMOTE.test(r)) return undefined;
      const p = r.startsWith('~') ? undefined : nodePath.resolve(dir, r);
      return p ? { path: p, start: span[0], end: span[1], raw } : undefined;
    };
    const missing = (node: unknown, dir: string, what: string, wantDir: boolean) => {
      const r = resolve(node, dir);
      if (!r) return undefined;
      const ok = wantDir ? fs.isDirectory(r.path) : fs.exists(r.path) && !fs.isDirectory(r.path);
      if (!ok)
        ctx.report({
          range: ctx.range(r.start, r.end),
          message: `${what} \`${r.raw}\` ${fs.exists(r.path) ? `is not a ${wantDir ? 'directory' : 'file'}` : 'does not exist'} (looked for ${r.path}).`,
        });
      return r;
    };
    for (const svc of services(m)) {
      const s = svc.node;
      const ef = getValue(m, s, 'env_file');
      const efs = isSeq(ef) ? ef.items.map((x) => deref(m, x)) : ef !== undefined ? [ef] : [];
      for (const e of efs) {
        if (isMap(e)) {
          const req = getValue(m, e, 'required');
          if (isScalar(req) && (req.value === false || req.value === 'false')) continue;
          missing(getValue(m, e, 'path'), baseDir, '`env_file`', false);
        } else missing(e, baseDir, '`env_file`', false);
      }
      const ext = getValue(m, s, 'extends');
      if (isMap(ext))
        missing(getValue(m, ext, 'file'), nodePath.dirname(ctx.path), 'The `extends` file', false);
      const lf = getValue(m, s, 'label_file');
      for (const e of isSeq(lf) ? lf.items.map((x) => deref(m, x)) : lf !== undefined ? [lf] : [])
        missing(e, baseDir, '`label_file`', false);
      const build = getValue(m, s, 'build');
      let context: unknown = build;
      if (isMap(build)) context = getValue(m, build, 'context');
      const ctxPath =
        context === undefined && isMap(build)
          ? { path: baseDir }
          : missing(context, baseDir, 'Build context', true);
      if (
        ctxPath &&
        fs.isDirectory(ctxPath.path) &&
        isMap(build) &&
        getValue(m, build, 'dockerfile_inline') === undefined
      ) {
        const df = getValue(m, build, 'dockerfile');
        if (df !== undefined) missing(df, ctxPath.path, 'Dockerfile', false);
        else if (
          !['Dockerfile', 'dockerfile', 'Containerfile'].some((n) =>
            fs.exists(nodePath.join(ctxPath.path, n)),
          )
        ) {
          const sp = nodeSpan(context) ?? nodeSpan(build);
          if (sp)
            ctx.report({
              range: ctx.range(sp[0], sp[1]),
              message: `The build context has no \`Dockerfile\` (looked in ${ctxPath.path}); set \`build.dockerfile\` if it has another name.`,
            });
        }
      } else if (ctxPath && fs.isDirectory(ctxPath.path) && isScalar(build)) {
        if (
          !['Dockerfile', 'dockerfile', 'Containerfile'].some((n) =>
            fs.exists(nodePath.join(ctxPath.path, n)),
          )
        ) {
          const sp = nodeSpan(build);
          if (sp)
            ctx.report({
              range: ctx.range(sp[0], sp[1]),
              message: `The build context has no \`Dockerfile\` (looked in ${ctxPath.path}).`,
            });
        }
      }
    }
    for (const section of ['secrets', 'configs']) {
      for (const e of entries(m, getValue(m, m.doc.contents, section))) {
        const v = deref(m, e.pair.value);
        if (!isMap(v)) continue;
        missing(getValue(m, v, 'file'), baseDir, `The ${section.slice(0, -1)} file`, false);
      }
    }
  },
);
