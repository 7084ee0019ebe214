/**
 * "Run as a non-root user": creates a system user with the tool of the base image's family
 * (Debian/Ubuntu/RHEL `groupadd` + `useradd`, Alpine `addgroup -S` + `adduser -S`), gives it the
 * WORKDIR the app writes to, and switches to it with a numeric `USER` (Kubernetes can verify a
 * numeric uid). Distroless and scratch images get `USER 65532:65532` (distroless' `nonroot`), the
 * official node image its own `node` user (uid 1000). Inserted after the last build step, before
 * EXPOSE/CMD/ENTRYPOINT..., as one insertion.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { Fix, Range } from '../types';
import type { Refactor, RefactorContext } from './index';
import {
  baseInfo,
  finalStage,
  insertionPoint,
  installedPackages,
  keywordCase,
  runCmds,
  touches,
  workdirAt,
} from './util';

export const ID = 'run-as-non-root';

const TRAILING = new Set([
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'VOLUME',
  'STOPSIGNAL',
  'LABEL',
  'ENV',
  'MAINTAINER',
]);

/**
 * Official images where a plain `USER` breaks the container: the server needs root to start and
 * drops privileges itself (nginx writes /var/cache/nginx and its pid file, httpd its logs; the
 * database images' entrypoints chown their data directory, then step down with gosu).
 * nginx: `nginxinc/nginx-unprivileged` is the non-root variant.
 */
const STARTS_AS_ROOT =
  /^(nginx|httpd|postgres|mysql|mariadb|mongo|redis|rabbitmq|memcached|cassandra|elasticsearch|wordpress|nextcloud|drupal|joomla|odoo)$/;

function userOf(i: Instruction): string | undefined {
  return i.args[0]?.value.split(':')[0];
}

export function runAsNonRoot(model: DockerfileModel, range: Range, _ctx: RefactorContext): Refactor[] {
  const st = finalStage(model);
  if (!st) return [];
  const users = st.instructions.filter((i) => i.keyword === 'USER');
  const last = users[users.length - 1];
  const lastUser = last ? userOf(last) : undefined;
  if (last && (lastUser === undefined || lastUser.includes('$') || (lastUser !== 'root' && lastUser !== '0')))
    return [];
  if (!touches(range, st.from) && !(last && touches(range, last))) return [];
  const info = baseInfo(model, st);
  // Inherited non-root user from an earlier stage of this file?
  if (st.baseStage !== undefined && !last) {
    for (
      let s = model.stages[st.baseStage];
      s;
      s = s.baseStage !== undefined ? model.stages[s.baseStage] : (undefined as never)
    ) {
      const u = s.instructions.filter((i) => i.keyword === 'USER').pop();
      if (u) {
        const v = userOf(u);
        if (v !== 'root' && v !== '0') return [];
        break;
      }
      if (s.baseStage === undefined) break;
    }
  }
  if (STARTS_AS_ROOT.test(info.repo) || (info.repo === 'php' && /apache/.test(info.tag ?? ''))) return [];
  const K = keywordCase(model);
  const eol = model.lines.eol;
  const wd = workdirAt(st);
  const chownable = wd && wd.startsWith('/') && wd !== '/' && !wd.includes('$');
  // VOLUME directories: a volume starts with the image's directory (owner included); one that
  // does not exist yet would be created owned by root, and the user could not write to it.
  const volumes = st.instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => (i.json ? i.json.values : i.args.map((a) => a.value)))
    .filter((v) => v.startsWith('/') && v !== '/' && !/[$\s]/.test(v));
  const under = (v: string) => !!chownable && (v + '/').startsWith(wd!.replace(/\/?$/, '/'));
  const owned = [...(chownable ? [wd!] : []), ...volumes.filter((v) => !under(v))];
  /** Commands giving the user its directories (none when there are none). */
  const own = (owner: string) => [
    ...(volumes.length ? [`mkdir -p ${volumes.join(' ')}`] : []),
    ...(owned.length ? [`chown -R ${owner} ${owned.join(' ')}`] : []),
  ];
  /** `RUN a \ && b` lines, or none. */
  const runLines = (cmds: string[]) =>
    cmds.map((c, k) => `${k === 0 ? `${K('RUN')} ` : ' && '}${c}${k < cmds.length - 1 ? ' \\' : ''}`);
  let lines: string[];
  let what: string;
  if (info.family === 'distroless' || info.family === 'scratch') {
    if (info.family === 'distroless' && /nonroot/.test(info.tag ?? '') && !last) return [];
    lines = [`${K('USER')} 65532:65532`];
    what = 'nonroot (65532)';
  } else if (info.repo === 'node' && info.family !== 'windows') {
    lines = [...runLines(own('node:node')), `${K('USER')} 1000:1000`];
    what = 'the image’s node user';
  } else if (info.family === 'alpine') {
    lines = [
      ...runLines(['addgroup -S -g 10001 app', 'adduser -S -D -u 10001 -G app app', ...own('app:app')]),
      `${K('USER')} 10001:10001`,
    ];
    what = 'app (10001), Alpine adduser';
  } else if (info.family === 'rhel' && /(^|[/-])micro$/.test(info.repo)) {
    // ubi-micro: no package manager, no useradd; not offered.
    return [];
  } else if (
    info.family === 'rhel' &&
    (/(^|[/-])minimal$/.test(info.repo) || usesMicrodnf(st)) &&
    !installedPackages(st).has('shadow-utils')
  ) {
    // ubi-minimal (microdnf) has no useradd: a numeric uid needs no /etc/passwd entry, and chown
    // (coreutils) takes numbers.
    lines = [...runLines(own('10001:10001')), `${K('USER')} 10001:10001`];
    what = 'uid 10001 (no useradd in this minimal image)';
  } else if (info.family === 'debian' || info.family === 'rhel') {
    lines = [
      ...runLines([
        'groupadd --system --gid 10001 app',
        'useradd --system --no-log-init --uid 10001 --gid app --create-home app',
        ...own('app:app'),
      ]),
      `${K('USER')} 10001:10001`,
    ];
    what = 'app (10001), useradd';
  } else return [];
  const lastIdx = last ? st.instructions.indexOf(last) : -1;
  const isTrailing = (i: Instruction) => TRAILING.has(i.keyword) && st.instructions.indexOf(i) > lastIdx;
  const at = insertionPoint(model, st, isTrailing);
  const text = (at.needEolBefore ? eol : '') + lines.join(eol) + eol;
  // Right after another RUN: continue that RUN instead (one layer; consecutive-run stays quiet).
  const prev = [...st.instructions].reverse().find((i) => !isTrailing(i));
  if (
    lines[0].startsWith(K('RUN') + ' ') &&
    prev?.keyword === 'RUN' &&
    !prev.json &&
    !prev.heredocs.length &&
    !prev.flags.length
  ) {
    const end = model.lines.lineEnd(prev.endLine);
    const body = lines.slice(0, -1).map((l, k) => (k === 0 ? ` && ${l.slice(K('RUN').length + 1)}` : l));
    if (
      !/\\\s*$/.test(model.lines.lineText(prev.endLine)) &&
      !runCmds(prev).some((c) => c.script.errors.length)
    ) {
      // Inserted before the RUN's own line break: the USER line ends where the RUN ended.
      return [refactor(model, end, ` \\${eol}${body.join(eol)}${eol}${lines[lines.length - 1]}`, what)];
    }
  }
  return [refactor(model, at.offset, text, what)];
}

function usesMicrodnf(st: Stage): boolean {
  return st.instructions.some((i) => runCmds(i).some((c) => c.name === 'microdnf'));
}

function refactor(model: DockerfileModel, offset: number, text: string, what: string): Refactor {
  return {
    id: ID,
    title: `Run as a non-root user: ${what}`,
    kind: 'refactor.rewrite',
    fix: {
      title: 'Run as a non-root user',
      edits: [{ range: model.lines.range(offset, offset), newText: text }],
      notForFixAll: true,
    },
  };
}

/** This refactoring's fix for the final stage (undefined: it offers none), for rules that suggest it. */
export function runAsNonRootFix(model: DockerfileModel): Fix | undefined {
  const st = finalStage(model);
  if (!st) return undefined;
  const at = { line: st.from.line, character: 0 };
  return runAsNonRoot(model, { start: at, end: at }, {})[0]?.fix;
}
