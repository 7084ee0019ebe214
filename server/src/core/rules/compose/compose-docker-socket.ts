import { interpolate } from '../../compose/interpolate';
import { services } from '../../compose/model';
import { projectOf, resolveVar, type ComposeProject } from '../../compose/project';
import { onceReporter } from '../../compose/rule-util';
import { volumeSources } from './_volume-source';
import { defineComposeRule } from '../rule';

/** What a host path gives access to, when it is the Docker daemon's socket (or a directory holding it). */
function socketOf(path: string): string | undefined {
  // Every answer below needs `docker` or `run` in the path (most paths have neither).
  if (!/docker|run/i.test(path)) return undefined;
  const p = path
    .replace(/\\/g, '/')
    .replace(/^\/\/(?!\.\/)/, '/')
    .replace(/\/+$/, '');
  if (/(^|\/)docker\.sock(\.raw)?$/.test(p)) return 'the Docker socket';
  if (/^\/\/\.\/pipe\/docker_engine$/i.test(p)) return 'the Docker engine pipe';
  if (p === '/var/run' || p === '/run') return `\`${p}\`, which holds the Docker socket`;
  return undefined;
}

/** The host path as Compose would interpolate it (unset variables use their defaults, or ''). */
function expand(project: ComposeProject, raw: string): string {
  if (!raw.includes('$')) return raw;
  return interpolate(raw, (n) => resolveVar(project, n).value).value;
}

export default defineComposeRule(
  {
    id: 'compose-docker-socket',
    description: 'A service mounts the Docker socket, which gives it root access to the host.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    const report = onceReporter(ctx);
    for (const svc of services(m)) {
      for (const v of volumeSources(m, svc.node)) {
        if (v.type !== undefined && v.type !== 'bind' && v.type !== 'npipe') continue;
        const what = socketOf(expand(project, v.source));
        if (!what) continue;
        report({
          range: ctx.range(v.start, v.end),
          message: `Service \`${svc.name}\` mounts ${what}: whoever controls the container can start a privileged container that mounts the host's root, i.e. it is root on the host.${
            v.readOnly
              ? ' Mounting it read-only does not help: `:ro` stops writes to the socket file, not calls to the Docker API through it.'
              : ''
          } If the service only needs to read container state, put a socket proxy that allows just those API calls in front of it.`,
        });
      }
    }
  },
);
