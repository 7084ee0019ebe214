import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AUTO_SHELL,
  buildComposeCommand,
  buildContainerCommand,
  buildContainerListArgv,
  buildImageBuildCommand,
  buildImageListArgv,
  buildImageRunCommand,
  buildSystemPruneCommand,
  checkDocker,
  composeEnvironment,
  composeProfilesOf,
  COMMAND_TITLES,
  COMPOSE_COMMANDS,
  DEFAULT_COMPOSE_TEMPLATES,
  defaultImageTag,
  detectCompose,
  displayProjectName,
  expandTemplate,
  exposedPorts,
  findStage,
  isComposeFileName,
  isDockerfileName,
  isRunning,
  isValidImageTag,
  isPartialComposeModel,
  loadProjectModel,
  mergeComposeModels,
  normalizeProjectName,
  parseComposeModel,
  parseComposeVersion,
  parseContainers,
  parseDockerfile,
  parseDotEnv,
  parseImages,
  parseInstructions,
  positionals,
  publishArgs,
  resolveComposeProject,
  shellArgv,
  splitCommandWords,
  stageNames,
  supportsWatch,
  TemplateError,
  type CommandRunner,
  type ComposeOptions,
  type ComposeProject,
  type FsHost,
  type ProcessResult,
} from '../../client/src/docker';
import { kindOfPath } from '../../server/src/core/engine';

/** Paths that break anything that pastes paths into a shell string. */
export const HOSTILE_DIRS = [
  '/work/my project',
  "/work/it's here",
  '/work/say "hi"',
  '/work/$HOME and ${PATH}',
  '/work/`touch pwned`',
  '/work/$(rm -rf ~)',
  '/work/a;b&&c|d>e',
  '/work/ünïcödé ✓ 日本',
  '/work/-dash',
  '/work/back\\slash',
  '/work/tab\there',
  '/work/  leading and trailing  ',
];

function memoryHost(files: Record<string, string>): FsHost {
  return {
    exists: (f) => Object.prototype.hasOwnProperty.call(files, f),
    readFile: (f) => files[f],
  };
}

function project(dir: string, files: string[], envFiles: string[] = []): ComposeProject {
  const explicit = files.length > 1;
  return {
    projectDir: dir,
    files,
    envFiles,
    explicit,
    source: explicit ? 'selection' : 'single',
    key: files.join('\n'),
  };
}

const V2 = ['docker', 'compose'];

describe('client docker: words', () => {
  it('splits on whitespace and groups quotes without escapes', () => {
    assert.deepEqual(splitCommandWords('docker compose'), ['docker', 'compose']);
    assert.deepEqual(splitCommandWords('  podman   compose  '), ['podman', 'compose']);
    assert.deepEqual(splitCommandWords('"C:\\Program Files\\Docker\\docker.exe" compose'), [
      'C:\\Program Files\\Docker\\docker.exe',
      'compose',
    ]);
    assert.deepEqual(splitCommandWords(`'say "hi"' "it's"`), ['say "hi"', "it's"]);
    assert.deepEqual(splitCommandWords('a""b \'\''), ['ab', '']);
    assert.deepEqual(splitCommandWords(''), []);
    assert.deepEqual(splitCommandWords('$HOME `x`'), ['$HOME', '`x`']);
  });

  it('rejects an unterminated quote', () => {
    assert.throws(() => splitCommandWords('"docker'), /unterminated/);
  });
});

describe('client docker: templates', () => {
  it('expands list variables to whole elements, never re-split', () => {
    const vars = {
      cmd: ['docker', 'compose'],
      files: ['-f', '/a b/c "d".yaml'],
      none: [] as string[],
      one: 'x y',
    };
    assert.deepEqual(expandTemplate('${cmd} ${files} ${none} up ${one}', vars), [
      'docker',
      'compose',
      '-f',
      '/a b/c "d".yaml',
      'up',
      'x y',
    ]);
  });

  it('treats a quoted lone variable as the variable itself', () => {
    assert.deepEqual(
      expandTemplate('"${cmd}" "${files}" \'${one}\'', { cmd: 'd', files: ['-f', 'a b'], one: 'o' }),
      ['d', '-f', 'a b', 'o'],
    );
  });

  it('joins a scalar variable with surrounding text', () => {
    assert.deepEqual(expandTemplate('d --tail=${tail} "--name=${n}"', { tail: '5', n: 'a b' }), [
      'd',
      '--tail=5',
      '--name=a b',
    ]);
    assert.deepEqual(expandTemplate('d x${empty}y', { empty: [] }), ['d', 'xy']);
  });

  it('refuses to join a multi-element variable with text', () => {
    assert.throws(() => expandTemplate('d --x=${files}', { files: ['-f', 'a'] }), TemplateError);
  });

  it('reports unknown variables, bad syntax and empty commands', () => {
    assert.throws(() => expandTemplate('${nope} up', { a: 'b' }), /unknown variable \$\{nope\}.*\$\{a\}/);
    assert.throws(() => expandTemplate('d ${unterminated', {}), /unterminated/);
    assert.throws(() => expandTemplate('d ${bad-name}', {}), /invalid variable/);
    assert.throws(() => expandTemplate('${none}', { none: [] }), /empty/);
    assert.throws(() => expandTemplate('   ', {}), /empty/);
  });

  it('keeps $VAR without braces and backticks literal', () => {
    assert.deepEqual(expandTemplate('d $HOME `id` $(x)', {}), ['d', '$HOME', '`id`', '$(x)']);
  });
});

describe('client docker: compose argv builders', () => {
  const p = project('/p', ['/p/compose.yaml', '/p/compose.override.yaml'], ['/p/.env']);
  const base = [
    'docker',
    'compose',
    '-f',
    '/p/compose.yaml',
    '-f',
    '/p/compose.override.yaml',
    '--env-file',
    '/p/.env',
  ];
  const o: ComposeOptions = { composeCommand: V2, project: p };

  it('up: detached and --build by default, both switchable', () => {
    assert.deepEqual(buildComposeCommand('up', o), {
      argv: [...base, 'up', '--detach', '--build'],
      cwd: '/p',
    });
    assert.deepEqual(buildComposeCommand('up', { ...o, detached: false, build: false }).argv, [
      ...base,
      'up',
    ]);
  });

  it('up with services and profiles', () => {
    assert.deepEqual(
      buildComposeCommand('up', { ...o, services: ['web', 'db'], profiles: ['debug', 'tools'] }).argv,
      [...base, '--profile', 'debug', '--profile', 'tools', 'up', '--detach', '--build', 'web', 'db'],
    );
  });

  it('-p only when a project name is given', () => {
    assert.deepEqual(buildComposeCommand('ps', { ...o, projectName: 'my app' }).argv, [
      'docker',
      'compose',
      '-p',
      'my app',
      ...base.slice(2),
      'ps',
    ]);
  });

  it('every other compose command', () => {
    const expected: Record<string, string[]> = {
      down: ['down'],
      downVolumes: ['down', '--volumes'],
      restart: ['restart', 'web'],
      stop: ['stop', 'web'],
      start: ['start', 'web'],
      logs: ['logs', '--follow', '--tail', '100', 'web'],
      ps: ['ps'],
      pull: ['pull', 'web'],
      build: ['build', 'web'],
      watch: ['watch', 'web'],
      config: ['config'],
    };
    for (const [command, tail] of Object.entries(expected)) {
      const argv = buildComposeCommand(command as never, { ...o, services: ['web'] }).argv;
      assert.deepEqual(argv, [...base, ...tail], command);
    }
    assert.deepEqual(buildComposeCommand('logs', { ...o, tail: 5 }).argv, [
      ...base,
      'logs',
      '--follow',
      '--tail',
      '5',
    ]);
  });

  it('scale: up --scale svc=N for that service only', () => {
    assert.deepEqual(
      buildComposeCommand('scale', { ...o, services: ['x'], scale: { service: 'web', replicas: 3 } }).argv,
      [...base, 'up', '--detach', '--scale', 'web=3', 'web'],
    );
    assert.throws(
      () => buildComposeCommand('scale', { ...o, scale: { service: 'web', replicas: -1 } }),
      /replica/,
    );
    assert.throws(
      () => buildComposeCommand('scale', { ...o, scale: { service: 'web', replicas: 1.5 } }),
      /replica/,
    );
  });

  it('v1 and custom compose commands', () => {
    assert.deepEqual(buildComposeCommand('down', { ...o, composeCommand: ['docker-compose'] }).argv, [
      'docker-compose',
      ...base.slice(2),
      'down',
    ]);
    assert.deepEqual(
      buildComposeCommand('down', { ...o, composeCommand: ['podman', 'compose'] }).argv.slice(0, 3),
      ['podman', 'compose', '-f'],
    );
  });

  it('puts -- before service names that look like options', () => {
    assert.deepEqual(positionals(['web', '-x']), ['--', 'web', '-x']);
    assert.deepEqual(positionals(['web']), ['web']);
    assert.deepEqual(buildComposeCommand('restart', { ...o, services: ['--rm'] }).argv.slice(-3), [
      'restart',
      '--',
      '--rm',
    ]);
  });

  it('has a default template for every command, using a custom one when given', () => {
    for (const c of COMPOSE_COMMANDS)
      assert.ok(DEFAULT_COMPOSE_TEMPLATES[c].startsWith('${composeCommand}'), c);
    assert.deepEqual(
      buildComposeCommand(
        'up',
        { ...o, services: ['web'] },
        '${composeCommand} ${configurationFiles} up --wait ${serviceList}',
      ).argv,
      ['docker', 'compose', '-f', '/p/compose.yaml', '-f', '/p/compose.override.yaml', 'up', '--wait', 'web'],
    );
    // A blank template means "the built-in one".
    assert.deepEqual(buildComposeCommand('ps', o, '  ').argv, [...base, 'ps']);
    assert.throws(
      () => buildComposeCommand('ps', o, '${composeCommand} ${bogus}'),
      /commandTemplates\.ps.*bogus/,
    );
  });

  it('keeps hostile paths as single elements, cwd = project dir', () => {
    for (const dir of HOSTILE_DIRS) {
      const files = [path.posix.join(dir, 'compose.yaml'), path.posix.join(dir, 'compose.override.yaml')];
      const env = path.posix.join(dir, '.env');
      const cmd = buildComposeCommand('up', {
        composeCommand: V2,
        project: project(dir, files, [env]),
        services: ['web'],
      });
      assert.deepEqual(cmd, {
        argv: [
          'docker',
          'compose',
          '-f',
          files[0],
          '-f',
          files[1],
          '--env-file',
          env,
          'up',
          '--detach',
          '--build',
          'web',
        ],
        cwd: dir,
      });
      const custom = buildComposeCommand(
        'down',
        { composeCommand: V2, project: project(dir, files) },
        '${composeCommand} "${configurationFiles}" down --project-directory=${projectDir}',
      );
      assert.deepEqual(custom.argv, [
        'docker',
        'compose',
        '-f',
        files[0],
        '-f',
        files[1],
        'down',
        `--project-directory=${dir}`,
      ]);
    }
  });
});

describe('client docker: compose project resolution', () => {
  it('a default file brings its override file and .env', () => {
    const host = memoryHost({ '/p/compose.yaml': '', '/p/compose.override.yaml': '', '/p/.env': '' });
    assert.deepEqual(resolveComposeProject(['/p/compose.yaml'], host), {
      projectDir: '/p',
      files: ['/p/compose.yaml', '/p/compose.override.yaml'],
      envFiles: ['/p/.env'],
      explicit: false,
      source: 'default',
      key: '/p/compose.yaml\n/p/compose.override.yaml',
    });
  });

  it('prefers the override of the same name and extension, then compose order', () => {
    const host = memoryHost({
      '/p/docker-compose.yml': '',
      '/p/docker-compose.override.yml': '',
      '/p/compose.override.yml': '',
    });
    assert.deepEqual(resolveComposeProject(['/p/docker-compose.yml'], host).files, [
      '/p/docker-compose.yml',
      '/p/docker-compose.override.yml',
    ]);
    const host2 = memoryHost({ '/p/docker-compose.yml': '', '/p/compose.override.yaml': '' });
    assert.deepEqual(resolveComposeProject(['/p/docker-compose.yml'], host2).files, [
      '/p/docker-compose.yml',
      '/p/compose.override.yaml',
    ]);
    const host3 = memoryHost({
      '/p/compose.yml': '',
      '/p/compose.override.yaml': '',
      '/p/compose.override.yml': '',
    });
    assert.deepEqual(resolveComposeProject(['/p/compose.yml'], host3).files, [
      '/p/compose.yml',
      '/p/compose.override.yml',
    ]);
  });

  it('an override file brings its base file first', () => {
    const host = memoryHost({ '/p/compose.yaml': '', '/p/compose.override.yaml': '' });
    assert.deepEqual(resolveComposeProject(['/p/compose.override.yaml'], host).files, [
      '/p/compose.yaml',
      '/p/compose.override.yaml',
    ]);
    assert.deepEqual(resolveComposeProject(['/q/compose.override.yaml'], host).files, [
      '/q/compose.override.yaml',
    ]);
  });

  it('a complete non-default file stands alone; no .env: no --env-file', () => {
    const host = memoryHost({
      '/p/compose.ci.yaml':
        'services:\n  web:\n    image: nginx\n  api:\n    build: .\n  w2:\n    extends: web\n',
      '/p/compose.yaml': 'services:\n  web:\n    image: nginx\n',
      '/p/compose.override.yaml': '',
    });
    assert.deepEqual(resolveComposeProject(['/p/compose.ci.yaml'], host), {
      projectDir: '/p',
      files: ['/p/compose.ci.yaml'],
      envFiles: [],
      explicit: false,
      source: 'single',
      key: '/p/compose.ci.yaml',
    });
    // A file that does not parse is left to compose to report.
    const bad = memoryHost({ '/p/compose.bad.yaml': 'services: [\n', '/p/compose.yaml': '' });
    assert.deepEqual(resolveComposeProject(['/p/compose.bad.yaml'], bad).files, ['/p/compose.bad.yaml']);
  });

  it('a partial file (compose rejects it alone) runs after the default file it completes, no override', () => {
    // compose.prod.yaml only adds `restart:` to web: `docker compose -f compose.prod.yaml` fails with
    // "service web has neither an image nor a build context"; compose's docs run it as
    // `-f compose.yaml -f compose.prod.yaml`.
    const host = memoryHost({
      '/p/compose.yaml': 'services:\n  web:\n    image: nginx\n',
      '/p/compose.override.yaml': 'services:\n  web:\n    ports: ["80:80"]\n',
      '/p/compose.prod.yaml': 'services:\n  web:\n    restart: always\n',
      '/p/.env': '',
    });
    assert.deepEqual(resolveComposeProject(['/p/compose.prod.yaml'], host), {
      projectDir: '/p',
      files: ['/p/compose.yaml', '/p/compose.prod.yaml'],
      envFiles: ['/p/.env'],
      explicit: false,
      source: 'partial',
      key: '/p/compose.yaml\n/p/compose.prod.yaml',
    });
    // docker-compose.prod.yml goes with docker-compose.yml before compose.yaml; a service with no body
    // and a file with only networks are partial too.
    const host2 = memoryHost({
      '/p/compose.yaml': '',
      '/p/docker-compose.yml': '',
      '/p/docker-compose.prod.yml': 'services:\n  web:\n',
      '/p/compose.net.yaml': 'networks:\n  front: {}\n',
    });
    assert.deepEqual(resolveComposeProject(['/p/docker-compose.prod.yml'], host2).files, [
      '/p/docker-compose.yml',
      '/p/docker-compose.prod.yml',
    ]);
    assert.deepEqual(resolveComposeProject(['/p/compose.net.yaml'], host2).files, [
      '/p/compose.yaml',
      '/p/compose.net.yaml',
    ]);
    // Up to two directories above, like the language server's project model; the project directory is
    // the default file's.
    const host3 = memoryHost({
      '/p/compose.yaml': '',
      '/p/ext/x/compose.x.yml': 'services:\n  web:\n    labels: [x]\n',
    });
    const r = resolveComposeProject(['/p/ext/x/compose.x.yml'], host3);
    assert.deepEqual([r.files, r.projectDir], [['/p/compose.yaml', '/p/ext/x/compose.x.yml'], '/p']);
    // No default file anywhere: alone (compose will say what is missing).
    const host4 = memoryHost({ '/q/compose.prod.yaml': 'services:\n  web:\n    restart: always\n' });
    assert.deepEqual(resolveComposeProject(['/q/compose.prod.yaml'], host4).files, ['/q/compose.prod.yaml']);
  });

  it('COMPOSE_FILE (and COMPOSE_PATH_SEPARATOR) from .env or the environment, as compose reads them', () => {
    const files = {
      '/p/compose.yaml': 'services:\n  a:\n    image: x\n',
      '/p/compose.dev.yaml': 'services:\n  b:\n    image: y\n    profiles: [dev]\n',
      '/p/compose.override.yaml': 'services:\n  a:\n    ports: ["1:1"]\n',
      '/p/compose.prod.yaml': 'services:\n  a:\n    restart: always\n',
      '/p/.env': 'COMPOSE_FILE=compose.yaml:compose.dev.yaml\nCOMPOSE_PROFILES=dev\n',
    };
    const host = memoryHost(files);
    const o = { pathListSeparator: ':' };
    const expected = {
      projectDir: '/p',
      files: ['/p/compose.yaml', '/p/compose.dev.yaml'],
      envFiles: ['/p/.env'],
      explicit: false,
      source: 'COMPOSE_FILE',
      key: '/p/compose.yaml\n/p/compose.dev.yaml',
    };
    // Either listed file brings the list; the override file is not in it, so it is not loaded.
    assert.deepEqual(resolveComposeProject(['/p/compose.yaml'], host, o), expected);
    assert.deepEqual(resolveComposeProject(['/p/compose.dev.yaml'], host, o), expected);
    // A file the list does not name keeps its own rules.
    assert.deepEqual(resolveComposeProject(['/p/compose.prod.yaml'], host, o).files, [
      '/p/compose.yaml',
      '/p/compose.prod.yaml',
    ]);
    // COMPOSE_PATH_SEPARATOR; the environment wins over .env; a list naming a missing file is ignored.
    const host2 = memoryHost({
      ...files,
      '/p/.env': 'COMPOSE_FILE=compose.yaml;compose.dev.yaml\nCOMPOSE_PATH_SEPARATOR=;\n',
    });
    assert.deepEqual(resolveComposeProject(['/p/compose.dev.yaml'], host2, o).files, expected.files);
    assert.deepEqual(
      resolveComposeProject(['/p/compose.yaml'], host2, {
        ...o,
        env: { COMPOSE_FILE: 'compose.yaml:compose.prod.yaml', COMPOSE_PATH_SEPARATOR: ':' },
      }).files,
      ['/p/compose.yaml', '/p/compose.prod.yaml'],
    );
    assert.deepEqual(
      resolveComposeProject(['/p/compose.yaml'], host, {
        ...o,
        env: { COMPOSE_FILE: 'compose.yaml:gone.yaml' },
      }).files,
      ['/p/compose.yaml', '/p/compose.override.yaml'],
    );
    // A multi-selection is explicit: COMPOSE_FILE does not apply.
    assert.deepEqual(resolveComposeProject(['/p/compose.dev.yaml', '/p/compose.yaml'], host, o).files, [
      '/p/compose.dev.yaml',
      '/p/compose.yaml',
    ]);
    // COMPOSE_PROFILES: compose's default profiles.
    const vars = composeEnvironment(['/p/.env'], host, { COMPOSE_PROFILES: 'dev, debug,dev' });
    assert.deepEqual(composeProfilesOf(vars), ['dev', 'debug']);
    assert.deepEqual(composeProfilesOf(composeEnvironment(['/p/.env'], host)), ['dev']);
  });

  it('the project model lists the services and profiles of included files', () => {
    const host = memoryHost({
      '/p/compose.yaml':
        'include:\n  - db/compose.yaml\n  - path:\n      - ${EXTRA}/x.yaml\nservices:\n  web:\n    image: nginx\n',
      '/p/db/compose.yaml':
        'include:\n  - ../compose.yaml\n  - cache.yaml\nservices:\n  db:\n    image: postgres\n    profiles: [data]\n',
      '/p/db/cache.yaml': 'services:\n  cache:\n    image: redis\n    profiles: [data, cache]\n',
      '/p/more/x.yaml': 'services:\n  extra:\n    image: busybox\n',
      '/p/compose.override.yaml': 'services:\n  db:\n    profiles: [db]\n',
    });
    const p = resolveComposeProject(['/p/compose.yaml'], host);
    assert.deepEqual(p.files, ['/p/compose.yaml', '/p/compose.override.yaml']);
    const m = loadProjectModel(p, host, new Map([['EXTRA', 'more']]));
    assert.deepEqual(
      m.services.map((s) => [s.name, s.profiles]),
      [
        ['web', []],
        ['db', ['db']],
        ['cache', ['data', 'cache']],
        ['extra', []],
      ],
    );
    assert.deepEqual(m.profiles, ['cache', 'data', 'db']);
    // An unknown variable in an include path: that include is skipped, nothing else.
    assert.deepEqual(
      loadProjectModel(p, host).services.map((s) => s.name),
      ['web', 'db', 'cache'],
    );
  });

  it('a multi-selection is exactly those files in selection order, project dir of the first', () => {
    const host = memoryHost({
      '/p/b/compose.yaml': '',
      '/p/b/compose.override.yaml': '',
      '/p/a/x.yaml': '',
      '/p/b/.env': '',
    });
    const r = resolveComposeProject(['/p/b/compose.yaml', '/p/a/x.yaml', '/p/b/compose.yaml'], host);
    assert.deepEqual(r.files, ['/p/b/compose.yaml', '/p/a/x.yaml']);
    assert.equal(r.projectDir, '/p/b');
    assert.deepEqual(r.envFiles, ['/p/b/.env']);
    assert.equal(r.explicit, true);
    assert.equal(r.source, 'selection');
    assert.throws(() => resolveComposeProject([], host));
  });

  it("recognises compose file names by the language server's rule", () => {
    for (const n of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.prod.yaml',
      'compose-dev.yml',
      'COMPOSE.YAML',
    ]) {
      assert.ok(isComposeFileName(n), n);
    }
    for (const n of [
      'composer.yaml',
      'docker-compose.json',
      'mycompose.yaml',
      'values.yaml',
      'app.compose.yaml',
      'compose.yaml.bak',
    ])
      assert.ok(!isComposeFileName(n), n);
    for (const n of [
      'compose.yaml',
      'docker-compose.override.yml',
      'compose-dev.yml',
      'app.compose.yaml',
      'x.yml',
      'Dockerfile',
      'compose.yaml.bak',
      'docker-compose.',
    ])
      assert.equal(isComposeFileName(n), kindOfPath(`/p/${n}`) === 'compose', n);
  });

  it('partial compose files', () => {
    const partial = (t: string) => isPartialComposeModel(parseComposeModel(t));
    assert.ok(partial('services:\n  web:\n    restart: always\n'));
    assert.ok(partial('services:\n  web:\n'));
    assert.ok(partial('networks:\n  a: {}\n'));
    assert.ok(!partial('services:\n  web:\n    image: x\n  b:\n    build: .\n  c:\n    extends: web\n'));
    assert.ok(!partial('x: &x\n  image: y\nservices:\n  web:\n    <<: *x\n'));
    assert.ok(!partial('include:\n  - other.yaml\n'));
    assert.ok(!partial('services: [\n'));
  });

  it('.env parsing and project names', () => {
    const env = parseDotEnv(
      '# c\nexport A=1\nB="two words"\nC=\'x\'\nD=v # comment\n bad line\nCOMPOSE_PROJECT_NAME=My.App\n',
    );
    assert.deepEqual(
      [...env],
      [
        ['A', '1'],
        ['B', 'two words'],
        ['C', 'x'],
        ['D', 'v'],
        ['COMPOSE_PROJECT_NAME', 'My.App'],
      ],
    );
    assert.equal(normalizeProjectName('My Project.2'), 'myproject2');
    assert.equal(normalizeProjectName('__x'), 'x');
    const host = memoryHost({ '/w/My App/.env': 'COMPOSE_PROJECT_NAME=fromenv\n' });
    const p = project('/w/My App', ['/w/My App/compose.yaml'], ['/w/My App/.env']);
    assert.equal(displayProjectName(p, 'named', host), 'named');
    assert.equal(displayProjectName(p, undefined, host), 'fromenv');
    assert.equal(displayProjectName({ ...p, envFiles: [] }, undefined, host), 'myapp');
    assert.equal(displayProjectName({ ...p, envFiles: [] }, '${X}', host), 'myapp');
  });
});

describe('client docker: compose model', () => {
  const text = [
    'name: demo',
    'x-common: &common',
    '  profiles: [debug]',
    'services:',
    '  web:',
    '    image: nginx',
    '  db:',
    '    image: postgres',
    '    profiles: ["db", "full"]',
    '  debugger:',
    '    <<: *common',
    '    image: busybox',
    '',
  ].join('\n');

  it('lists services and profiles (merge keys resolved)', () => {
    assert.deepEqual(parseComposeModel(text), {
      name: 'demo',
      services: [
        { name: 'web', profiles: [] },
        { name: 'db', profiles: ['db', 'full'] },
        { name: 'debugger', profiles: ['debug'] },
      ],
      profiles: ['db', 'debug', 'full'],
    });
  });

  it('never throws on bad input', () => {
    assert.ok(parseComposeModel('services: [\n').error);
    assert.deepEqual(parseComposeModel(''), { services: [], profiles: [] });
    assert.ok(parseComposeModel('- a\n- b\n').error);
    assert.deepEqual(parseComposeModel('services: 3\n').services, []);
    // Alias bombs stop at maxAliasCount instead of hanging or exhausting memory.
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + String.fromCharCode(96 + i))
          .join(', ')}]`,
      );
    assert.ok(parseComposeModel(bomb.join('\n')).error);
  });

  it('merges files like compose: later profiles replace, later name wins', () => {
    const merged = mergeComposeModels([
      parseComposeModel(text),
      parseComposeModel('name: other\nservices:\n  web:\n    profiles: [edge]\n  cache:\n    image: redis\n'),
    ]);
    assert.equal(merged.name, 'other');
    assert.deepEqual(
      merged.services.map((s) => [s.name, s.profiles]),
      [
        ['web', ['edge']],
        ['db', ['db', 'full']],
        ['debugger', ['debug']],
        ['cache', []],
      ],
    );
    assert.deepEqual(merged.profiles, ['db', 'debug', 'edge', 'full']);
  });
});

describe('client docker: Dockerfile parsing', () => {
  const df = [
    '# syntax=docker/dockerfile:1',
    'ARG PORT=3000',
    'FROM node:20 AS base',
    'ARG PORT',
    'ENV HTTP=8080 \\',
    '    # a comment inside a continuation',
    '    GRPC=9090',
    'EXPOSE ${PORT} $HTTP/tcp',
    '',
    'FROM base as Dev',
    'EXPOSE 9229 ${GRPC}/udp ${DEBUG:-5005} $UNKNOWN',
    'RUN <<EOF',
    'EXPOSE 1111',
    'EOF',
    'FROM --platform=$BUILDPLATFORM nginx AS final',
    'EXPOSE 80 443 8000-8010 53/udp 1/sctp 70000 abc',
  ].join('\n');

  it('splits instructions with continuations, comments and heredocs', () => {
    const ins = parseInstructions(df);
    assert.deepEqual(
      ins.map((i) => [i.keyword, i.line]),
      [
        ['ARG', 1],
        ['FROM', 2],
        ['ARG', 3],
        ['ENV', 4],
        ['EXPOSE', 7],
        ['FROM', 9],
        ['EXPOSE', 10],
        ['RUN', 11],
        ['FROM', 14],
        ['EXPOSE', 15],
      ],
    );
    assert.equal(ins[3].args, 'HTTP=8080     GRPC=9090');
  });

  it('finds stages and targets', () => {
    const parsed = parseDockerfile(df);
    assert.deepEqual(
      parsed.stages.map((s) => [s.name, s.base]),
      [
        ['base', 'node:20'],
        ['Dev', 'base'],
        ['final', 'nginx'],
      ],
    );
    assert.deepEqual(stageNames(df), ['base', 'Dev', 'final']);
    assert.equal(findStage(parsed, 'dev')?.name, 'Dev');
    assert.equal(findStage(parsed)?.name, 'final');
    assert.equal(findStage(parsed, 'nope')?.name, 'final');
  });

  it('EXPOSE ports of a stage and the stages it builds on, variables resolved', () => {
    assert.deepEqual(exposedPorts(df, 'base'), {
      ports: [
        { port: '3000', protocol: 'tcp' },
        { port: '8080', protocol: 'tcp' },
      ],
      unresolved: [],
    });
    assert.deepEqual(exposedPorts(df, 'dev'), {
      ports: [
        { port: '3000', protocol: 'tcp' },
        { port: '8080', protocol: 'tcp' },
        { port: '9229', protocol: 'tcp' },
        { port: '9090', protocol: 'udp' },
        { port: '5005', protocol: 'tcp' },
      ],
      unresolved: ['$UNKNOWN'],
    });
    assert.deepEqual(exposedPorts(df), {
      ports: [
        { port: '80', protocol: 'tcp' },
        { port: '443', protocol: 'tcp' },
        { port: '8000-8010', protocol: 'tcp' },
        { port: '53', protocol: 'udp' },
        { port: '1', protocol: 'sctp' },
      ],
      unresolved: ['70000', 'abc'],
    });
    assert.deepEqual(exposedPorts(''), { ports: [], unresolved: [] });
  });

  it('honours the backtick escape directive and ENV over ARG', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nENV P=81\nARG P=82\nEXPOSE `\n  $P\n';
    assert.deepEqual(exposedPorts(text).ports, [{ port: '81', protocol: 'tcp' }]);
  });

  it('publish args', () => {
    assert.deepEqual(
      publishArgs([
        { port: '80', protocol: 'tcp' },
        { port: '53', protocol: 'udp' },
        { port: '8000-8010', protocol: 'tcp' },
      ]),
      ['-p', '80:80', '-p', '53:53/udp', '-p', '8000-8010:8000-8010'],
    );
  });

  it('Dockerfile names, tags', () => {
    for (const n of [
      'Dockerfile',
      'dockerfile',
      'Dockerfile.dev',
      'Dockerfile-prod',
      'api.Dockerfile',
      'Containerfile',
    ]) {
      assert.ok(isDockerfileName(n), n);
    }
    for (const n of ['Dockerfiles.md', 'README', 'docker-compose.yml']) assert.ok(!isDockerfileName(n), n);
    for (const t of [
      'app',
      'app:1.0',
      'my-app_x.y:dev',
      'localhost:5000/team/app:v1',
      'ghcr.io/o/r:latest',
    ]) {
      assert.ok(isValidImageTag(t), t);
    }
    for (const t of ['', 'App', '-app', '--privileged', 'a b', 'app:', 'app:-x', 'a$(x)', 'app;rm']) {
      assert.ok(!isValidImageTag(t), t);
    }
    assert.equal(defaultImageTag('My Project ✓'), 'my-project:latest');
    assert.equal(defaultImageTag('✓✓'), 'image:latest');
    assert.equal(defaultImageTag('api', 'Build Stage'), 'api:Build-Stage');
    assert.ok(isValidImageTag(defaultImageTag('$(x) `y`', '..weird')));
  });
});

describe('client docker: image and container argv builders', () => {
  it('build image: --file, --tag, optional --target, context = Dockerfile dir', () => {
    for (const dir of HOSTILE_DIRS) {
      const dockerfile = path.posix.join(dir, 'Dockerfile');
      assert.deepEqual(
        buildImageBuildCommand({ dockerCommand: ['docker'], dockerfile, tag: 'app:dev', target: 'dev' }),
        {
          argv: ['docker', 'build', '--file', dockerfile, '--tag', 'app:dev', '--target', 'dev', dir],
          cwd: dir,
        },
      );
    }
    assert.deepEqual(
      buildImageBuildCommand({
        dockerCommand: ['podman'],
        dockerfile: '/p/Dockerfile',
        tag: 'a',
        context: '/',
      }).argv,
      ['podman', 'build', '--file', '/p/Dockerfile', '--tag', 'a', '/'],
    );
    assert.deepEqual(
      buildImageBuildCommand(
        { dockerCommand: ['docker'], dockerfile: '/p/Dockerfile', tag: 'a' },
        '${dockerCommand} buildx build --load -f ${dockerfile} -t ${tag} ${target} ${context}',
      ).argv,
      ['docker', 'buildx', 'build', '--load', '-f', '/p/Dockerfile', '-t', 'a', '/p'],
    );
  });

  it('run image: -p per EXPOSE, or -P', () => {
    assert.deepEqual(
      buildImageRunCommand({
        dockerCommand: ['docker'],
        image: 'app:1',
        ports: [{ port: '80', protocol: 'tcp' }],
        cwd: '/p',
      }),
      { argv: ['docker', 'run', '--rm', '-it', '-p', '80:80', 'app:1'], cwd: '/p' },
    );
    assert.deepEqual(
      buildImageRunCommand({ dockerCommand: ['docker'], image: 'app:1', ports: 'all', cwd: '/p' }).argv,
      ['docker', 'run', '--rm', '-it', '-P', 'app:1'],
    );
    assert.deepEqual(
      buildImageRunCommand({ dockerCommand: ['docker'], image: 'a', ports: [], cwd: '/p' }).argv,
      ['docker', 'run', '--rm', '-it', 'a'],
    );
  });

  it('container commands', () => {
    const base = { dockerCommand: ['docker'], containerId: 'abc123', containerName: 'web-1', cwd: '/w' };
    assert.deepEqual(buildContainerCommand('containerShell', base), {
      argv: ['docker', 'exec', '-it', 'abc123', ...AUTO_SHELL],
      cwd: '/w',
    });
    assert.deepEqual(buildContainerCommand('containerShell', { ...base, shell: ['bash'] }).argv, [
      'docker',
      'exec',
      '-it',
      'abc123',
      'bash',
    ]);
    assert.deepEqual(buildContainerCommand('containerLogs', { ...base, tail: 20 }).argv, [
      'docker',
      'logs',
      '--follow',
      '--tail',
      '20',
      'abc123',
    ]);
    assert.deepEqual(buildContainerCommand('containerStop', base).argv, ['docker', 'stop', 'abc123']);
    assert.deepEqual(buildContainerCommand('containerRemove', base).argv, ['docker', 'rm', 'abc123']);
    assert.deepEqual(buildContainerCommand('containerRemove', { ...base, force: true }).argv, [
      'docker',
      'rm',
      '--force',
      'abc123',
    ]);
    assert.deepEqual(
      buildContainerCommand(
        'containerShell',
        base,
        '${dockerCommand} exec -it -u root ${containerName} ${shell}',
      ).argv,
      ['docker', 'exec', '-it', '-u', 'root', 'web-1', ...AUTO_SHELL],
    );
    assert.deepEqual(buildSystemPruneCommand({ dockerCommand: ['docker'], cwd: '/w' }), {
      argv: ['docker', 'system', 'prune', '--force'],
      cwd: '/w',
    });
    assert.deepEqual(buildContainerListArgv(['docker'], false), ['docker', 'ps', '--format', '{{json .}}']);
    assert.deepEqual(buildContainerListArgv(['podman'], true), [
      'podman',
      'ps',
      '--all',
      '--format',
      '{{json .}}',
    ]);
    assert.deepEqual(buildImageListArgv(['docker']), ['docker', 'image', 'ls', '--format', '{{json .}}']);
  });

  it('shell setting', () => {
    assert.deepEqual(shellArgv('auto', splitCommandWords), AUTO_SHELL);
    assert.deepEqual(shellArgv('', splitCommandWords), AUTO_SHELL);
    assert.deepEqual(shellArgv('bash', splitCommandWords), ['bash']);
    assert.deepEqual(shellArgv('/bin/ash -l', splitCommandWords), ['/bin/ash', '-l']);
  });
});

describe('client docker: docker ps / image ls output', () => {
  it('parses docker JSON lines', () => {
    const out = [
      '{"Command":"\\"nginx\\"","ID":"abc123","Image":"nginx:latest","Names":"web-1","Ports":"0.0.0.0:80->80/tcp","State":"running","Status":"Up 2 minutes"}',
      'WARNING: something',
      '{"ID":"def456","Image":"postgres","Names":"db-1","Status":"Exited (0) 1 hour ago"}',
      '',
    ].join('\n');
    const cs = parseContainers(out);
    assert.deepEqual(cs, [
      {
        id: 'abc123',
        name: 'web-1',
        image: 'nginx:latest',
        status: 'Up 2 minutes',
        state: 'running',
        ports: '0.0.0.0:80->80/tcp',
      },
      {
        id: 'def456',
        name: 'db-1',
        image: 'postgres',
        status: 'Exited (0) 1 hour ago',
        state: undefined,
        ports: undefined,
      },
    ]);
    assert.deepEqual(cs.map(isRunning), [true, false]);
  });

  it('parses podman output (array, Names list, port objects)', () => {
    const out = JSON.stringify([
      {
        Id: 'f00',
        Names: ['web'],
        Image: 'x',
        State: 'running',
        Status: 'Up',
        Ports: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }],
      },
    ]);
    assert.deepEqual(parseContainers(out), [
      { id: 'f00', name: 'web', image: 'x', status: 'Up', state: 'running', ports: '8080->80/tcp' },
    ]);
    assert.deepEqual(parseContainers(''), []);
  });

  it('parses images', () => {
    const out = [
      '{"ID":"1","Repository":"app","Tag":"dev","Size":"10MB","CreatedSince":"2 days ago"}',
      '{"ID":"2","Repository":"<none>","Tag":"<none>"}',
      '{"Id":"3","Names":["localhost/x:1"]}',
    ].join('\n');
    assert.deepEqual(
      parseImages(out).map((i) => i.reference),
      ['app:dev', '2', 'localhost/x:1'],
    );
  });
});

describe('client docker: compose detection', () => {
  function runner(table: Record<string, Partial<ProcessResult>>, calls: string[][] = []): CommandRunner {
    return async (argv) => {
      calls.push([...argv]);
      const r = table[argv.join(' ')];
      if (!r)
        return { exitCode: null, stdout: '', stderr: '', error: { code: 'ENOENT', message: 'spawn ENOENT' } };
      return { exitCode: 0, stdout: '', stderr: '', ...r };
    };
  }

  it('prefers the v2 plugin', async () => {
    const calls: string[][] = [];
    const d = await detectCompose(
      runner({ 'docker compose version': { stdout: 'Docker Compose version v2.29.1\n' } }, calls),
      ['docker'],
    );
    assert.deepEqual(d, { ok: true, kind: 'plugin', command: ['docker', 'compose'], version: '2.29.1' });
    assert.deepEqual(calls, [['docker', 'compose', 'version']]);
    assert.ok(d.ok && supportsWatch(d));
  });

  it('falls back to docker-compose v1', async () => {
    const d = await detectCompose(
      runner({
        'docker compose version': { exitCode: 1, stderr: "docker: 'compose' is not a docker command." },
        'docker-compose version': { stdout: 'docker-compose version 1.29.2, build 5becea4c\n' },
      }),
      ['docker'],
    );
    assert.deepEqual(d, { ok: true, kind: 'standalone', command: ['docker-compose'], version: '1.29.2' });
    assert.ok(d.ok && !supportsWatch(d));
  });

  it('uses the docker command setting (podman)', async () => {
    const d = await detectCompose(
      runner({ 'podman compose version': { stdout: 'podman-compose version 1.0.6' } }),
      ['podman'],
    );
    assert.deepEqual(d, { ok: true, kind: 'plugin', command: ['podman', 'compose'], version: '1.0.6' });
  });

  it('uses the compose command setting without probing docker', async () => {
    const calls: string[][] = [];
    const d = await detectCompose(
      runner({ 'podman-compose version': { stdout: 'podman-compose version 1.1.0' } }, calls),
      ['docker'],
      'podman-compose',
    );
    assert.deepEqual(d, { ok: true, kind: 'custom', command: ['podman-compose'], version: '1.1.0' });
    assert.deepEqual(calls, [['podman-compose', 'version']]);
    const missing = await detectCompose(runner({}), ['docker'], '"/opt/my compose/bin" compose');
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.message : '', /\/opt\/my compose\/bin/);
    const bad = await detectCompose(runner({}), ['docker'], '"unterminated');
    assert.equal(!bad.ok && bad.reason, 'bad-setting');
  });

  it('says what to install when docker or compose is missing', async () => {
    const none = await detectCompose(runner({}), ['docker']);
    assert.equal(none.ok, false);
    assert.equal(!none.ok && none.reason, 'docker-missing');
    assert.match(
      !none.ok ? none.message : '',
      /Docker was not found.*Install Docker Desktop.*https:\/\/docs\.docker\.com\/get-docker\/.*berth\.docker\.command/,
    );
    const noCompose = await detectCompose(runner({ 'docker compose version': { exitCode: 1 } }), ['docker']);
    assert.equal(!noCompose.ok && noCompose.reason, 'compose-missing');
    assert.match(!noCompose.ok ? noCompose.message : '', /Compose plugin.*compose\/install/);
    assert.deepEqual(
      await checkDocker(runner({ 'docker --version': { stdout: 'Docker version 27.1.1, build x' } }), [
        'docker',
      ]),
      {
        ok: true,
        version: '27.1.1',
      },
    );
    const noDocker = await checkDocker(runner({}), ['docker']);
    assert.equal(noDocker.ok, false);
  });

  it('parses versions, watch support', () => {
    assert.equal(parseComposeVersion('Docker Compose version v2.24.5-desktop.1'), '2.24.5-desktop.1');
    assert.equal(parseComposeVersion('nothing'), undefined);
    assert.ok(!supportsWatch({ ok: true, kind: 'plugin', command: [], version: '2.21.0' }));
    assert.ok(supportsWatch({ ok: true, kind: 'plugin', command: [], version: '2.22.0' }));
    assert.ok(supportsWatch({ ok: true, kind: 'plugin', command: [] }));
  });
});

describe('client docker: module boundaries and contributes.json', () => {
  const root = path.resolve(__dirname, '../..');

  it('client/src/docker never imports vscode', () => {
    const dir = path.join(root, 'client/src/docker');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.ok(!/from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(text), f);
    }
  });

  it('package.json declares every run command, with category Berth and its menus', () => {
    const c = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes;
    const declared = new Map<string, { title: string; category: string }>(
      c.commands.map((x: { command: string }) => [x.command, x]),
    );
    const runCommands = [...declared.keys()].filter(
      (k) => !['berth.showRuleDocs', 'berth.restartServer', 'berth.pickImageTag'].includes(k),
    );
    // Commands that code actions run with arguments are hidden from the palette.
    for (const id of ['berth.showRuleDocs', 'berth.pickImageTag'])
      assert.ok(
        c.menus.commandPalette.some(
          (m: { command: string; when?: string }) => m.command === id && m.when === 'false',
        ),
        `${id} is hidden from the command palette`,
      );
    assert.deepEqual(runCommands.sort(), Object.keys(COMMAND_TITLES).sort());
    for (const [id, title] of Object.entries(COMMAND_TITLES)) {
      assert.equal(declared.get(id)?.title, title, id);
      assert.equal(declared.get(id)?.category, 'Berth', id);
    }
    const menuCommands = Object.values(c.menus as Record<string, { command?: string }[]>)
      .flat()
      .map((m) => m.command)
      .filter(Boolean);
    for (const id of menuCommands) assert.ok(declared.has(id!), id);
    for (const m of c.menus['editor/title'])
      assert.ok((declared.get(m.command) as { icon?: string }).icon, m.command);
    assert.deepEqual(
      Object.keys(c.configuration.properties['berth.compose.commandTemplates'].properties).sort(),
      [...COMPOSE_COMMANDS].sort(),
    );
  });
});
