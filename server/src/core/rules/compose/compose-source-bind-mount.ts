import * as nodePath from 'node:path';
import { isMap, isScalar } from '../../compose/yaml-nodes';
import { getValue, scalarText, services, type ComposeModel } from '../../compose/model';
import { onceReporter } from '../../compose/rule-util';
import { volumeSources } from './_volume-source';
import { defineComposeRule } from '../rule';

/** Words in a compose file name that mark a development / local / test file (`compose.dev.yaml`...). */
// prettier-ignore
const DEV_WORDS = new Set(['override', 'dev', 'devel', 'develop', 'development', 'local', 'debug', 'test', 'tests', 'testing', 'ci', 'e2e', 'devcontainer', 'sandbox', 'watch']);

/** True for files meant for development: override files, `*.dev.yaml`, `docker-compose-local.yml`, `.devcontainer/`. */
export function isDevComposeFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)\.devcontainer\//.test(p)) return true;
  const stem = nodePath.posix.basename(p).replace(/\.ya?ml$/i, '');
  return stem
    .toLowerCase()
    .split(/[._-]+/)
    .some((w) => DEV_WORDS.has(w));
}

/** A local path normalised for comparison (`${PWD}` is the project directory), or undefined when it is not one. */
function localPath(raw: string): string | undefined {
  const t = raw.trim().replace(/^\$\{PWD(?::?-[^}]*)?\}|^\$PWD(?![A-Za-z0-9_])/, '.');
  if (t === '' || t.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || t.includes('.git#'))
    return undefined;
  if (!t.startsWith('.')) return undefined;
  return nodePath.posix.normalize(t.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
}

/** The service's build context as a local path (`.` when `build` has no context). */
function buildContext(m: ComposeModel, svc: unknown): string | undefined {
  const b = getValue(m, svc, 'build');
  if (b === undefined) return undefined;
  if (isScalar(b)) return localPath(scalarText(b) ?? '');
  if (isMap(b)) {
    const c = getValue(m, b, 'context');
    return c === undefined ? '.' : localPath(scalarText(c) ?? '');
  }
  return undefined;
}

export default defineComposeRule(
  {
    id: 'compose-source-bind-mount',
    description:
      'The project directory (or a build context) is bind-mounted into a container in a file that is not a development override.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (ctx.path && isDevComposeFile(ctx.path)) return;
    const m = ctx.model;
    const report = onceReporter(ctx);
    for (const svc of services(m)) {
      const context = buildContext(m, svc.node);
      for (const v of volumeSources(m, svc.node)) {
        if (v.type !== undefined && v.type !== 'bind') continue;
        const src = v.source;
        const target = v.target;
        const p = localPath(src);
        if (p === undefined) continue;
        const isRoot = p === '.';
        const isContext = context !== undefined && p === context;
        if (!isRoot && !isContext) continue;
        const what = isRoot ? 'the project directory' : `the build context \`${src}\``;
        const over = target ? ` over \`${target}\`` : '';
        report({
          range: ctx.range(v.start, v.end),
          message: `Service \`${svc.name}\` bind-mounts ${what}${over}: the container runs the files on the host${
            context !== undefined ? ', not the code built into its image' : ''
          }. That is a development setting; move it to \`compose.override.yaml\`, which \`docker compose up\` loads in development and \`-f compose.yaml\` leaves out in production.`,
        });
      }
    }
  },
);
