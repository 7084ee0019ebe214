/**
 * A real Docker engine proves that refactored Dockerfiles still build and run the same program.
 * Only `FROM scratch` images build here (no registry: /work/shared/docs/E2E.md), so the image is
 * made of the machine's static busybox. A private dockerd runs in a temp dir and is stopped after.
 * Skipped, with the reason, when dockerd or busybox is missing or the engine does not start.
 */
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply, memoryFs, offered } from '../../fixtures/refactors/harness';

const BUSYBOX = '/bin/busybox';
const BEFORE = `FROM scratch
COPY busybox /bin/busybox
SHELL ["/bin/busybox", "sh", "-c"]
WORKDIR /app
# The "build": a file the program prints
COPY message.txt ./
RUN /bin/busybox cp message.txt out.txt
EXPOSE 8080
CMD ["/bin/busybox", "cat", "/app/out.txt"]
`;

function which(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(':').concat('/usr/sbin', '/sbin'))
    if (existsSync(join(d, cmd))) return join(d, cmd);
  return undefined;
}

describe('refactors against a real Docker engine', function () {
  this.timeout(180000);
  let dir = '';
  let dockerd: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv = {};
  let skip = '';

  before(async function () {
    if (!which('dockerd') || !which('docker')) skip = 'dockerd/docker not installed';
    else if (!existsSync(BUSYBOX)) skip = `${BUSYBOX} (static) not found`;
    else if (process.getuid?.() !== 0) skip = 'dockerd needs root here';
    if (!skip) {
      dir = mkdtempSync(join(tmpdir(), 'berth-refactor-e2e-'));
      const sock = join(dir, 'docker.sock');
      dockerd = spawn(
        which('dockerd')!,
        [
          '--iptables=false',
          '--ip6tables=false',
          '--bridge=none',
          '--storage-driver=vfs',
          `--data-root=${dir}/data`,
          `--exec-root=${dir}/exec`,
          `--pidfile=${dir}/dockerd.pid`,
          '-H',
          `unix://${sock}`,
        ],
        { stdio: ['ignore', 'ignore', 'ignore'] },
      );
      env = {
        ...process.env,
        DOCKER_HOST: `unix://${sock}`,
        DOCKER_CONFIG: join(dir, 'cfg'),
        DOCKER_BUILDKIT: '0',
      };
      const t0 = Date.now();
      for (;;) {
        try {
          execFileSync('docker', ['version'], { env, stdio: 'ignore' });
          break;
        } catch {
          if (Date.now() - t0 > 30000 || dockerd.exitCode !== null) {
            skip = 'dockerd did not start within 30 s';
            break;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
    if (skip) {
      console.log(`      (skipped: ${skip})`);
      this.skip();
    }
  });

  after(async () => {
    if (dockerd && dockerd.exitCode === null) {
      dockerd.kill('SIGTERM');
      await new Promise((r) => dockerd!.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Build a context holding busybox, message.txt, a few files to ignore, and the Dockerfile. */
  function build(name: string, dockerfile: string, dockerignore?: string): string {
    const ctx = join(dir, name);
    execFileSync('mkdir', ['-p', join(ctx, '.git'), join(ctx, '__pycache__')]);
    copyFileSync(BUSYBOX, join(ctx, 'busybox'));
    writeFileSync(join(ctx, 'message.txt'), 'hello from berth\n');
    writeFileSync(join(ctx, '.env'), 'SECRET=1\n');
    writeFileSync(join(ctx, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
    if (dockerignore !== undefined) writeFileSync(join(ctx, '.dockerignore'), dockerignore);
    const tag = `berth-e2e-${name}`;
    execFileSync('docker', ['build', '-q', '-t', tag, ctx], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return tag;
  }

  const run = (tag: string, ...cmd: string[]) =>
    execFileSync('docker', ['run', '--rm', '--network', 'none', tag, ...cmd], { env, encoding: 'utf8' });

  it('run-as-non-root: the image builds, runs as 65532 and prints the same thing', () => {
    const [r] = offered(BEFORE, 'run-as-non-root');
    const after = apply(BEFORE, r);
    assert.match(after, /USER 65532:65532\nEXPOSE 8080/);
    const before = build('before', BEFORE);
    const changed = build('nonroot', after);
    assert.equal(run(changed), run(before));
    assert.equal(run(changed, '/bin/busybox', 'id', '-u').trim(), '65532');
    const user = execFileSync('docker', ['inspect', '-f', '{{.Config.User}}', changed], {
      env,
      encoding: 'utf8',
    }).trim();
    assert.equal(user, '65532:65532');
  });

  it('generate-dockerignore: the build still works and leaves .git and .env out', () => {
    const ctxPath = '/ctx/Dockerfile';
    const [r] = offered(BEFORE, 'generate-dockerignore', {
      path: ctxPath,
      fs: memoryFs({ [ctxPath]: BEFORE }),
    });
    const ignore = r.fix.otherFiles![0].edits[0].newText;
    // Copy the whole context to see what the ignore file leaves out.
    const probe = BEFORE.replace('COPY message.txt ./', 'COPY message.txt ./\nCOPY . /ctx/');
    const withIgnore = build('ignored', probe, ignore);
    const without = build('unignored', probe);
    const ls = (tag: string) =>
      run(tag, '/bin/busybox', 'ls', '-a', '/ctx').split(/\s+/).filter(Boolean).sort();
    assert.ok(ls(without).includes('.git') && ls(without).includes('.env'));
    // Not a Python project (busybox only): __pycache__ is no concern of its .dockerignore. The
    // Dockerfile stays in the context (ignoring it would make a COPY of it fail).
    assert.deepEqual(ls(withIgnore), ['.', '..', 'Dockerfile', '__pycache__', 'busybox', 'message.txt']);
    assert.equal(run(withIgnore), 'hello from berth\n');
    assert.ok(readFileSync(join(dir, 'ignored', '.dockerignore'), 'utf8').includes('.git'));
  });
});
