/**
 * Configuration that turns Dockerfile rules on or changes them: `.hadolint.yaml`'s `label-schema`,
 * BuildKit's `# check=` directive, `# hadolint shell=`, stage ignores. Engine-level (the rule tester
 * always enables the rule it tests) and through the built CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../server/src/core/config';
import { lintText } from '../../server/src/core/engine';

const LABELS = [
  'label-empty',
  'label-missing',
  'label-not-email',
  'label-not-git-hash',
  'label-not-in-schema',
  'label-not-rfc3339',
  'label-not-semver',
  'label-not-spdx',
  'label-not-url',
];

const labelled =
  'FROM debian:12\nLABEL author="" url="notaurl" other=x\nRUN true\nFROM debian:12 AS final\nRUN true\n';

function ids(text: string, config = parseConfig('')) {
  return lintText(text, 'dockerfile', { config }).map((f) => [f.ruleId, f.range.start.line + 1, f.severity]);
}

describe('label-schema turns the label rules on', () => {
  it('without a schema no label rule runs', () => {
    assert.deepEqual(
      ids(labelled).filter(([id]) => LABELS.includes(id as string)),
      [],
    );
  });

  it('with a schema they run, strict-labels included, at their default severity', () => {
    const cfg = parseConfig('label-schema:\n  author: text\n  url: url\nstrict-labels: true\n');
    assert.deepEqual(
      ids(labelled, cfg).filter(([id]) => LABELS.includes(id as string)),
      [
        ['label-empty', 2, 'warning'],
        ['label-not-url', 2, 'warning'],
        ['label-not-in-schema', 2, 'info'],
        ['label-missing', 4, 'info'],
      ],
    );
  });

  it('without strict-labels, extra labels are fine; a rule configured off stays off', () => {
    const cfg = parseConfig('label-schema:\n  author: text\n  url: url\nignored: [DL3051]\n');
    assert.deepEqual(
      ids(labelled, cfg).filter(([id]) => LABELS.includes(id as string)),
      [
        ['label-not-url', 2, 'warning'],
        ['label-missing', 4, 'info'],
      ],
    );
  });

  it('an empty schema turns nothing on', () => {
    const cfg = parseConfig('label-schema: {}\nstrict-labels: true\n');
    assert.deepEqual(
      ids(labelled, cfg).filter(([id]) => LABELS.includes(id as string)),
      [],
    );
  });

  it('the CLI reads label-schema from the nearest .hadolint.yaml', function () {
    const cli = path.resolve(__dirname, '../../server/out/cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-labels-'));
    try {
      fs.writeFileSync(path.join(dir, '.hadolint.yaml'), 'label-schema:\n  author: text\n  url: url\n');
      fs.writeFileSync(path.join(dir, 'Dockerfile'), labelled);
      fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
      const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', dir], { encoding: 'utf8' });
      const out = JSON.parse(r.stdout);
      const df = out.files.find((f: any) => f.kind === 'dockerfile');
      assert.deepEqual(
        df.findings.filter((x: any) => LABELS.includes(x.rule)).map((x: any) => [x.rule, x.line]),
        [
          ['label-empty', 2],
          ['label-not-url', 2],
          ['label-missing', 4],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BuildKit # check= directive', () => {
  const body = 'FROM debian:12 AS Build\nCMD echo hi\nRUN apt-get install -y curl\n';
  const pick = (text: string, rules: string[]) => ids(text).filter(([id]) => rules.includes(id as string));
  const R = [
    'stage-name-casing',
    'json-args-recommended',
    'apt-pin-versions',
    'invalid-definition-description',
  ];

  it('without the directive: BuildKit checks at their default severity', () => {
    assert.deepEqual(pick(body, R), [
      ['stage-name-casing', 1, 'warning'],
      ['json-args-recommended', 2, 'warning'],
      ['apt-pin-versions', 3, 'warning'],
    ]);
  });

  it('error=true makes the findings of BuildKit checks errors, and only those', () => {
    assert.deepEqual(pick('# check=error=true\n' + body, R), [
      ['stage-name-casing', 2, 'error'],
      ['json-args-recommended', 3, 'error'],
      ['apt-pin-versions', 4, 'warning'],
    ]);
    assert.deepEqual(pick('# check=skip=StageNameCasing;error=True\n' + body, R), [
      ['json-args-recommended', 3, 'error'],
      ['apt-pin-versions', 4, 'warning'],
    ]);
    assert.deepEqual(pick('# check=error=false\n' + body, R), [
      ['stage-name-casing', 2, 'warning'],
      ['json-args-recommended', 3, 'warning'],
      ['apt-pin-versions', 4, 'warning'],
    ]);
  });

  it('skip=all skips the BuildKit checks, not the hadolint-style rules', () => {
    assert.deepEqual(pick('# check=skip=all\n' + body, R), [['apt-pin-versions', 4, 'warning']]);
  });

  it('experimental=<Name> and experimental=all turn experimental checks on; skip=all does not skip them', () => {
    const t =
      '# check=experimental=InvalidDefinitionDescription\n\n# the base image\nFROM debian:12 AS base\n';
    assert.deepEqual(pick(t, R), [['invalid-definition-description', 3, 'info']]);
    const t2 = '# check=skip=all;experimental=all\n\n# the base image\nFROM debian:12 AS base\n';
    assert.deepEqual(pick(t2, R), [['invalid-definition-description', 3, 'info']]);
    assert.deepEqual(pick('# the base image\nFROM debian:12 AS base\n', R), []);
  });

  it('an invalid check option is reported', () => {
    const f = lintText('# check=skip=UndefinedVar;eror=true\nFROM debian:12\n', 'dockerfile').filter(
      (x) => x.ruleId === 'invalid-ignore-comment',
    );
    assert.equal(f.length, 1);
    assert.match(f[0].message, /eror/);
  });
});

describe('# hadolint shell= pragma', () => {
  const SHELL_RULES = ['run-cd-use-workdir', 'wget-progress', 'pipe-without-pipefail', 'apt-assume-yes'];
  const pick = (text: string) =>
    lintText(text, 'dockerfile')
      .filter((f) => SHELL_RULES.includes(f.ruleId))
      .map((f) => [f.ruleId, f.range.start.line + 1]);
  const run = 'RUN cd /app && wget http://example.com/x | Out-Null\n';

  it('shell=powershell (or pwsh, cmd) stops the POSIX-shell rules for the RUNs below it', () => {
    for (const sh of [
      'powershell',
      'pwsh',
      'cmd',
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    ])
      assert.deepEqual(pick(`FROM debian:12\n# hadolint shell=${sh}\n${run}`), [], sh);
  });

  it('RUNs above the pragma, and a POSIX pragma, keep them', () => {
    assert.deepEqual(pick(`FROM debian:12\n${run}# hadolint shell=powershell\n${run}`), [
      ['run-cd-use-workdir', 2],
      ['wget-progress', 2],
      ['pipe-without-pipefail', 2],
    ]);
    assert.deepEqual(pick(`FROM debian:12\n# hadolint shell=bash\n${run}`), [
      ['run-cd-use-workdir', 3],
      ['wget-progress', 3],
      ['pipe-without-pipefail', 3],
    ]);
  });

  it('a SHELL instruction in effect wins over the pragma', () => {
    assert.deepEqual(pick(`FROM debian:12\n# hadolint shell=powershell\nSHELL ["/bin/sh", "-c"]\n${run}`), [
      ['run-cd-use-workdir', 4],
      ['wget-progress', 4],
      ['pipe-without-pipefail', 4],
    ]);
  });
});

describe('# hadolint stage ignore=', () => {
  const t = [
    'FROM debian:12 AS build',
    'RUN apt-get install -y curl',
    '# hadolint stage ignore=DL3008,DL3015',
    'FROM debian:12',
    'RUN apt-get install -y curl',
    '',
    'RUN apt-get install -y \\',
    '    git',
    'FROM debian:12',
    'RUN apt-get install -y curl',
    '',
  ].join('\n');
  const R = ['apt-pin-versions', 'apt-no-install-recommends', 'invalid-ignore-comment'];
  const pick = (text: string) =>
    lintText(text, 'dockerfile')
      .filter((f) => R.includes(f.ruleId))
      .map((f) => [f.ruleId, f.range.start.line + 1]);

  it('above a FROM: ignores the rules for that whole stage, and is not a malformed comment', () => {
    assert.deepEqual(pick(t), [
      ['apt-no-install-recommends', 2],
      ['apt-pin-versions', 2],
      ['apt-no-install-recommends', 10],
      ['apt-pin-versions', 10],
    ]);
  });

  it('mid-stage: from the next instruction to the end of the stage', () => {
    const m =
      'FROM debian:12\nRUN apt-get install -y a\n# hadolint stage ignore=DL3008\nRUN apt-get install -y b\nFROM debian:12\nRUN apt-get install -y c\n';
    assert.deepEqual(
      pick(m).filter(([id]) => id === 'apt-pin-versions'),
      [
        ['apt-pin-versions', 2],
        ['apt-pin-versions', 6],
      ],
    );
  });

  it('an unknown rule in it is reported', () => {
    assert.deepEqual(pick('# hadolint stage ignore=DL9999\nFROM debian:12\n'), [
      ['invalid-ignore-comment', 1],
    ]);
  });
});
