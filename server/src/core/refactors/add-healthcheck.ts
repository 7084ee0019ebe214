/**
 * "Add a HEALTHCHECK": for a final stage that EXPOSEs a port and has no HEALTHCHECK, an HTTP check of
 * `http://localhost:<port>/health` with a tool the image has: curl or wget when a RUN installs it or
 * the base image ships it, else a Python or Node one-liner for those images. Exec form: no shell
 * needed, and any non-zero exit marks the container unhealthy. The `/health` path is a
 * placeholder: after the edit, the client selects it (command `berth.refactors.selectPlaceholder`).
 * Official database images get their own check (`pg_isready`...). With no tool known, the check is a
 * placeholder command (`/path/to/healthcheck`), selected the same way for the user to type over.
 */
import type { DockerfileModel } from '../dockerfile/model';
import type { Range } from '../types';
import type { Refactor, RefactorContext } from './index';
import {
  baseInfo,
  exposedPorts,
  finalStage,
  insertionPoint,
  installedPackages,
  keywordCase,
  touches,
  type BaseInfo,
} from './util';

export const ID = 'add-healthcheck';
export const SELECT_COMMAND = 'berth.refactors.selectPlaceholder';
export const HEALTH_PATH = '/health';

type Tool = 'curl' | 'wget' | 'python' | 'node';

/** Official server images that ship their own check (not HTTP: no path to choose). */
const OWN_CHECK: Record<string, { title: string; cmd: string }> = {
  postgres: { title: 'pg_isready', cmd: '["pg_isready", "-q"]' },
  redis: { title: 'redis-cli ping', cmd: '["redis-cli", "ping"]' },
  mysql: { title: 'mysqladmin ping', cmd: '["mysqladmin", "ping", "--silent"]' },
  mariadb: { title: 'healthcheck.sh', cmd: '["healthcheck.sh", "--connect", "--innodb_initialized"]' },
};

/** The placeholder check when the image has no known tool: the client selects it to be replaced. */
const PLACEHOLDER_PROGRAM = '/path/to/healthcheck';

/** What the base image has, from its name and tag (official images). */
function imageTools(info: BaseInfo): Set<Tool> {
  const out = new Set<Tool>();
  const name = info.repo.split('/').pop() ?? '';
  const tag = info.tag ?? 'latest';
  const slim = /slim/.test(tag);
  const alpine = info.family === 'alpine';
  if (alpine) out.add('wget'); // busybox wget
  if (
    ['python', 'node', 'golang', 'ruby', 'buildpack-deps', 'rust', 'openjdk'].includes(name) &&
    !slim &&
    !alpine
  )
    out.add('curl').add('wget');
  if (name === 'nginx' || name === 'httpd') out.add('curl');
  if (name === 'python' || /python/.test(info.repo)) out.add('python');
  if (name === 'node') out.add('node');
  return out;
}

export function addHealthcheck(model: DockerfileModel, range: Range, ctx: RefactorContext): Refactor[] {
  const st = finalStage(model);
  if (!st) return [];
  const expose = st.instructions.filter((i) => i.keyword === 'EXPOSE');
  if (!touches(range, st.from) && !expose.some((e) => touches(range, e))) return [];
  // Any HEALTHCHECK in the final stage or the stages it is built FROM (NONE included).
  for (
    let s: typeof st | undefined = st;
    s;
    s = s.baseStage !== undefined && s.baseStage < s.index ? model.stages[s.baseStage] : undefined
  )
    if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return [];
  const ports = exposedPorts(st);
  if (!ports.length) return [];
  const port = ports[0];
  const info = baseInfo(model, st);
  if (info.family === 'windows') return [];
  const tools = imageTools(info);
  const pk = installedPackages(st);
  for (let s = st; s.baseStage !== undefined && s.baseStage < s.index;) {
    s = model.stages[s.baseStage];
    for (const p of installedPackages(s)) pk.add(p);
  }
  if (pk.has('curl')) tools.add('curl');
  if (pk.has('wget')) tools.add('wget');
  const tool: Tool | undefined = (['curl', 'wget', 'python', 'node'] as Tool[]).find((t) => tools.has(t));
  const own = info.family !== 'distroless' && info.family !== 'scratch' ? OWN_CHECK[info.repo] : undefined;
  const url = `http://localhost:${port}${HEALTH_PATH}`;
  const K = keywordCase(model);
  const check: Record<Tool, string> = {
    curl: `CMD ["curl", "-fsS", "-o", "/dev/null", "${url}"]`,
    wget: `CMD ["wget", "-q", "--spider", "${url}"]`,
    python: `CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}', timeout=4)"]`,
    node: `CMD ["node", "-e", "fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
  };
  // No tool known: a placeholder command the client selects, to be typed over.
  const cmd = own ? `CMD ${own.cmd}` : tool ? check[tool] : `CMD ["${PLACEHOLDER_PROGRAM}", "${url}"]`;
  const eol = model.lines.eol;
  const cmdKw = K('CMD');
  const first = `${K('HEALTHCHECK')} --interval=30s --timeout=5s --start-period=10s --retries=3 \\`;
  const second = `    ${cmd.replace(/^CMD/, cmdKw)}`;
  const at = insertionPoint(model, st, (i) => ['CMD', 'ENTRYPOINT', 'STOPSIGNAL'].includes(i.keyword));
  const newText = (at.needEolBefore ? eol : '') + first + eol + second + eol;
  // Where the placeholder lands (`/health`, or the whole placeholder command), for the client to select it.
  const startPos = model.lines.positionAt(at.offset);
  const lineOfPath = startPos.line + (at.needEolBefore ? 2 : 1);
  const ch = own ? -1 : tool ? second.indexOf(HEALTH_PATH) : second.indexOf('[') + 1;
  const len = tool ? HEALTH_PATH.length : second.lastIndexOf(']') - ch;
  const placeholder = {
    start: { line: lineOfPath, character: ch },
    end: { line: lineOfPath, character: ch + len },
  };
  const what = own ? own.title : tool ? `${tool}, port ${port}` : `a command to fill in, port ${port}`;
  return [
    {
      id: ID,
      title: `Add a HEALTHCHECK (${what})`,
      kind: 'refactor.rewrite',
      fix: {
        title: 'Add a HEALTHCHECK',
        edits: [{ range: model.lines.range(at.offset, at.offset), newText }],
        notForFixAll: true,
      },
      command:
        ctx.path && !own
          ? {
              command: SELECT_COMMAND,
              title: tool ? 'Select the health path' : 'Select the health check command',
              arguments: [ctx.path, placeholder],
            }
          : undefined,
    },
  ];
}
