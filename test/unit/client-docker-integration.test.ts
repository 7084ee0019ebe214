/**
 * Runs the built commands for real, against a fake `docker` (and `docker-compose`) on PATH that records
 * its arguments (JSON, one element per argument, so any quoting mistake shows) and working directory.
 * Uses the same runner the extension uses for non-terminal runs (runProcess: spawn, no shell).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildComposeCommand,
  buildContainerCommand,
  buildContainerListArgv,
  buildImageBuildCommand,
  buildImageRunCommand,
  buildSystemPruneCommand,
  checkDocker,
  COMPOSE_COMMANDS,
  detectCompose,
  exposedPorts,
  parseContainers,
  resolveComposeProject,
  runProcess,
  type CommandLine,
  type CommandRunner,
  type ComposeFlavour,
  type ComposeOptions,
  type ContainerOptions,
  type FsHost,
} from '../../client/src/docker';

const FAKE = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const prog = path.basename(process.argv[1]);
const args = process.argv.slice(2);
fs.appendFileSync(process.env.BERTH_FAKE_LOG, JSON.stringify({ prog, argv: args, cwd: process.cwd() }) + '\\n');
const has = (a) => args.includes(a);
if (prog === 'docker' && args[0] === 'compose' && args[1] === 'version') {
  if (process.env.FAKE_NO_PLUGIN) {
    process.stderr.write("docker: 'compose' is not a docker command.\\n");
    process.exit(1);
  }
  process.stdout.write('Docker Compose version v2.29.1\\n');
} else if (prog === 'docker-compose' && args[0] === 'version') {
  process.stdout.write('docker-compose version 1.29.2, build 5becea4c\\n');
} else if (args[0] === '--version') {
  process.stdout.write('Docker version 27.1.1, build 6312585\\n');
} else if (args[0] === 'ps' && has('--format')) {
  process.stdout.write(JSON.stringify({ ID: 'c0ffee', Names: 'web-1', Image: 'nginx', State: 'running', Status: 'Up 1 minute' }) + '\\n');
  process.stdout.write(JSON.stringify({ ID: 'dead01', Names: 'db-1', Image: 'postgres', State: 'exited', Status: 'Exited (0)' }) + '\\n');
} else if (has('config')) {
  process.stdout.write('name: fake\\nservices:\\n  web:\\n    image: nginx\\n');
} else if (has('fail')) {
  process.stderr.write('Error response from daemon: nope\\n');
  process.exit(3);
}
`;

/** Directory names that break anything pasting paths into a shell string. */
const HOSTILE_NAMES = [
  'my project',
  "it's here",
  'say "hi"',
  '$HOME and ${PATH}',
  '`touch pwned`',
  '$(touch pwned)',
  'a;b&&c|d>e',
  'ünïcödé ✓ 日本',
  '-dash',
  'back\\slash',
  '  spaced  ',
  'mix \'a\' "b" $c `d` \\e',
];

interface Record_ {
  prog: string;
  argv: string[];
  cwd: string;
}

(process.platform === 'win32' ? describe.skip : describe)(
  'client docker: commands against a fake docker',
  function () {
    this.timeout(60000);
    let root: string;
    let bin: string;
    let logFile: string;
    let env: NodeJS.ProcessEnv;

    const diskHost: FsHost = {
      exists: (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
      readFile: (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined),
    };

    const records = (): Record_[] =>
      fs.existsSync(logFile)
        ? fs
            .readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l) as Record_)
        : [];

    const runner =
      (e: NodeJS.ProcessEnv): CommandRunner =>
      (argv, cwd) =>
        runProcess(argv, cwd, { env: e, timeoutMs: 20000 });

    /** Runs a command line and returns what the fake recorded. */
    async function run(cmd: CommandLine, e: NodeJS.ProcessEnv = env): Promise<Record_ & { stdout: string }> {
      fs.rmSync(logFile, { force: true });
      const r = await runProcess(cmd.argv, cmd.cwd, { env: e, timeoutMs: 20000 });
      assert.equal(r.error, undefined, r.error?.message);
      const recs = records();
      assert.equal(recs.length, 1, `one invocation expected, got ${JSON.stringify(recs)}`);
      return { ...recs[0], stdout: r.stdout };
    }

    function makeProject(name: string): string {
      const dir = path.join(root, 'projects', name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
      fs.writeFileSync(path.join(dir, 'compose.override.yaml'), 'services:\n  web:\n    ports: ["80:80"]\n');
      fs.writeFileSync(path.join(dir, 'compose.prod.yaml'), 'services:\n  web:\n    restart: always\n');
      fs.writeFileSync(path.join(dir, '.env'), 'TAG=1\n');
      fs.writeFileSync(
        path.join(dir, 'Dockerfile'),
        'FROM nginx AS web\nARG P=8080\nEXPOSE 80 ${P} 53/udp\n',
      );
      return dir;
    }

    before(() => {
      // realpath: the fake reports process.cwd(), which is resolved (e.g. macOS /var -> /private/var).
      root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth fake docker ')));
      bin = path.join(root, 'bin');
      fs.mkdirSync(bin);
      for (const name of ['docker', 'docker-compose']) {
        fs.writeFileSync(path.join(bin, name), FAKE, { mode: 0o755 });
      }
      logFile = path.join(root, 'calls.jsonl');
      env = {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        BERTH_FAKE_LOG: logFile,
      };
    });

    after(() => {
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('detects the v2 plugin, then falls back to docker-compose v1, through the real runner', async () => {
      const v2 = await detectCompose(runner(env), ['docker']);
      assert.deepEqual(v2, { ok: true, kind: 'plugin', command: ['docker', 'compose'], version: '2.29.1' });
      const v1 = await detectCompose(runner({ ...env, FAKE_NO_PLUGIN: '1' }), ['docker']);
      assert.deepEqual(v1, { ok: true, kind: 'standalone', command: ['docker-compose'], version: '1.29.2' });
      assert.deepEqual(await checkDocker(runner(env), ['docker']), { ok: true, version: '27.1.1' });
    });

    it('reports a missing docker clearly (no stack trace)', async () => {
      const empty = path.join(root, 'empty-bin');
      fs.mkdirSync(empty, { recursive: true });
      const noDocker = { ...env, PATH: empty };
      const d = await detectCompose(runner(noDocker), ['docker']);
      assert.equal(d.ok, false);
      assert.equal(!d.ok && d.reason, 'docker-missing');
      assert.match(!d.ok ? d.message : '', /^Docker was not found.*Install Docker Desktop/);
      const c = await checkDocker(runner(noDocker), ['docker']);
      assert.equal(c.ok, false);
      const r = await runProcess(['docker', 'ps'], root, { env: noDocker });
      assert.equal(r.error?.code, 'ENOENT');
      assert.equal(r.exitCode, null);
    });

    for (const name of HOSTILE_NAMES) {
      it(`compose commands in ${JSON.stringify(name)}: exact argv, cwd = project dir`, async () => {
        const dir = makeProject(name);
        const project = resolveComposeProject([path.join(dir, 'compose.yaml')], diskHost);
        assert.deepEqual(project.files, [
          path.join(dir, 'compose.yaml'),
          path.join(dir, 'compose.override.yaml'),
        ]);
        assert.deepEqual(project.envFiles, [path.join(dir, '.env')]);
        const flavour = (await detectCompose(runner(env), ['docker'])) as ComposeFlavour;
        const prefix = [
          'compose',
          '-f',
          path.join(dir, 'compose.yaml'),
          '-f',
          path.join(dir, 'compose.override.yaml'),
          '--env-file',
          path.join(dir, '.env'),
        ];
        const o: ComposeOptions = {
          composeCommand: flavour.command,
          project,
          services: ['web'],
          profiles: ['dev $x'],
        };
        const expectedTail: Record<string, string[]> = {
          up: ['up', '--detach', '--build', 'web'],
          down: ['down'],
          downVolumes: ['down', '--volumes'],
          restart: ['restart', 'web'],
          stop: ['stop', 'web'],
          start: ['start', 'web'],
          logs: ['logs', '--follow', '--tail', '100', 'web'],
          ps: ['ps'],
          pull: ['pull', 'web'],
          build: ['build', 'web'],
          scale: ['up', '--detach', '--scale', 'web=3', 'web'],
          watch: ['watch', 'web'],
          config: ['config'],
        };
        // Every command for the first and last names; a representative few for the others (each run
        // starts a node process, and argument passing is the same mechanism for all commands).
        const all = name === HOSTILE_NAMES[0] || name === HOSTILE_NAMES[HOSTILE_NAMES.length - 1];
        const commands = all ? COMPOSE_COMMANDS : (['up', 'scale', 'config'] as const);
        for (const command of commands) {
          const cmd = buildComposeCommand(command, {
            ...o,
            scale: command === 'scale' ? { service: 'web', replicas: 3 } : undefined,
          });
          const rec = await run(cmd);
          assert.equal(rec.prog, 'docker', command);
          assert.deepEqual(rec.argv, [...prefix, '--profile', 'dev $x', ...expectedTail[command]], command);
          assert.equal(rec.cwd, dir, command);
          if (command === 'config') assert.match(rec.stdout, /^name: fake/);
        }
        assert.ok(!fs.existsSync(path.join(dir, 'pwned')), 'no shell ran the backticks or $()');
        assert.ok(!fs.existsSync(path.join(root, 'pwned')));
      });

      it(`explorer multi-selection, v1 and images in ${JSON.stringify(name)}`, async () => {
        const dir = makeProject(name);
        const other = makeProject(`other ${name}`);
        // Selection order: the prod file of this project first, then another project's base file.
        const selection = [path.join(dir, 'compose.prod.yaml'), path.join(other, 'compose.yaml')];
        const project = resolveComposeProject(selection, diskHost);
        const v1 = (await detectCompose(runner({ ...env, FAKE_NO_PLUGIN: '1' }), [
          'docker',
        ])) as ComposeFlavour;
        const rec = await run(
          buildComposeCommand('up', { composeCommand: v1.command, project, detached: false }),
        );
        assert.deepEqual(rec, {
          prog: 'docker-compose',
          argv: [
            '-f',
            selection[0],
            '-f',
            selection[1],
            '--env-file',
            path.join(dir, '.env'),
            'up',
            '--build',
          ],
          cwd: dir,
          stdout: '',
        });

        const dockerfile = path.join(dir, 'Dockerfile');
        const build = await run(
          buildImageBuildCommand({ dockerCommand: ['docker'], dockerfile, tag: 'app:dev', target: 'web' }),
        );
        assert.deepEqual(build, {
          prog: 'docker',
          argv: ['build', '--file', dockerfile, '--tag', 'app:dev', '--target', 'web', dir],
          cwd: dir,
          stdout: '',
        });

        const ports = exposedPorts(fs.readFileSync(dockerfile, 'utf8')).ports;
        const runRec = await run(
          buildImageRunCommand({ dockerCommand: ['docker'], image: 'app:dev', ports, cwd: dir }),
        );
        assert.deepEqual(runRec.argv, [
          'run',
          '--rm',
          '-it',
          '-p',
          '80:80',
          '-p',
          '8080:8080',
          '-p',
          '53:53/udp',
          'app:dev',
        ]);
        assert.equal(runRec.cwd, dir);

        // A template with the path embedded in a longer word still gets it as one element.
        const custom = await run(
          buildImageBuildCommand(
            { dockerCommand: ['docker'], dockerfile, tag: 'a' },
            '${dockerCommand} build "--file=${dockerfile}" -t ${tag} ${context}',
          ),
        );
        assert.deepEqual(custom.argv, ['build', `--file=${dockerfile}`, '-t', 'a', dir]);
      });
    }

    it('container commands use ids from docker ps --format {{json .}}', async () => {
      const cwd = makeProject('containers $x `y`');
      const ps = await run({ argv: buildContainerListArgv(['docker'], true), cwd });
      assert.deepEqual(ps.argv, ['ps', '--all', '--format', '{{json .}}']);
      const containers = parseContainers(ps.stdout);
      assert.deepEqual(
        containers.map((c) => [c.id, c.name, c.state]),
        [
          ['c0ffee', 'web-1', 'running'],
          ['dead01', 'db-1', 'exited'],
        ],
      );
      const base = {
        dockerCommand: ['docker'],
        containerId: containers[0].id,
        containerName: containers[0].name,
        cwd,
      };
      const expected: [Parameters<typeof buildContainerCommand>[0], Partial<ContainerOptions>, string[]][] = [
        ['containerShell', { shell: ['bash'] }, ['exec', '-it', 'c0ffee', 'bash']],
        ['containerLogs', {}, ['logs', '--follow', '--tail', '100', 'c0ffee']],
        ['containerStop', {}, ['stop', 'c0ffee']],
        ['containerRemove', { force: true }, ['rm', '--force', 'c0ffee']],
      ];
      for (const [command, extra, argv] of expected) {
        const rec = await run(buildContainerCommand(command, { ...base, ...extra }));
        assert.deepEqual([rec.argv, rec.cwd], [argv, cwd], command);
      }
      const prune = await run(buildSystemPruneCommand({ dockerCommand: ['docker'], cwd }));
      assert.deepEqual(prune.argv, ['system', 'prune', '--force']);
    });

    it('the runner reports exit codes and stderr, and never uses a shell', async () => {
      const r = await runProcess(['docker', 'fail', '; echo injected'], root, { env });
      assert.equal(r.exitCode, 3);
      assert.match(r.stderr, /Error response from daemon/);
      assert.doesNotMatch(r.stdout, /injected/);
      const last = records().at(-1)!;
      assert.deepEqual(last.argv, ['fail', '; echo injected']);
      const empty = await runProcess([], root);
      assert.ok(empty.error);
    });
  },
);
