import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/core/rules/index';
import { findRule, kindOfPath, lintText, activeRules } from '../../server/src/core/engine';
import { emptyConfig, parseConfig, ConfigError } from '../../server/src/core/config';
import { fixAllText, ignoreFileEdit, ignoreLineEdit } from '../../server/src/core/actions';
import { parseModel } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/fix';
import { rulesCatalogue } from '../../scripts/gen-rules-doc';

const root = path.resolve(__dirname, '../..');
/** The rules these engine tests exercise; other rules are left out so the assertions stay about the engine. */
const ONLY = ['apt-no-install-recommends', 'maintainer-deprecated', 'compose-no-version-field'];

describe('engine invariants', () => {
  it('the checked-in rule registry matches the rule files', async () => {
    const { generate } = await import(path.join(root, 'scripts/gen-rules-index.mjs'));
    const onDisk = fs.readFileSync(path.join(root, 'server/src/core/rules/index.ts'), 'utf8');
    assert.equal(onDisk, generate(), 'run `node scripts/gen-rules-index.mjs`');
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has an id equal to its file name and a kind matching its folder', () => {
        assert.ok(fs.existsSync(path.join(root, 'server/src/core/rules', rule.meta.kind, `${id}.ts`)));
        assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      });
      it('has a documentation page', () => {
        assert.ok(fs.existsSync(path.join(root, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md is missing`);
      });
      it('has rule-tester cases', () => {
        const t = path.join(root, 'test/unit/rules', `${id}.test.ts`);
        assert.ok(fs.existsSync(t), `test/unit/rules/${id}.test.ts is missing`);
        assert.match(fs.readFileSync(t, 'utf8'), new RegExp(`ruleTester\\(\\s*'${id}'`));
      });
      it('runs the examples of its documentation page', () => {
        const doc = fs.readFileSync(path.join(root, 'docs/rules', `${id}.md`), 'utf8');
        const blocks = [...doc.matchAll(/```(dockerfile|yaml) (bad|good)\n([\s\S]*?)```/g)];
        assert.ok(blocks.length >= 1, 'the page has at least one ```dockerfile bad / good``` example');
        for (const [, lang, verdict, code] of blocks) {
          const kind = lang === 'yaml' ? 'compose' : 'dockerfile';
          const found = lintText(code, kind, {
            config: { ...emptyConfig(), rules: { [id]: rule.meta.defaultSeverity } },
            only: [id],
          });
          if (verdict === 'bad') assert.ok(found.length > 0, `bad example not flagged:\n${code}`);
          else
            assert.deepEqual(
              found.map((f) => f.message),
              [],
              `good example flagged:\n${code}`,
            );
        }
      });
    });
  }

  it('aliases are unique across rules', () => {
    const seen = new Map<string, string>();
    for (const r of allRules)
      for (const a of [r.meta.id, ...r.meta.aliases]) {
        assert.ok(!seen.has(a), `${a} is used by ${seen.get(a)} and ${r.meta.id}`);
        seen.set(a, r.meta.id);
      }
  });

  it('finds rules by id and by alias, case-insensitively', () => {
    assert.equal(findRule('DL3015')?.meta.id, 'apt-no-install-recommends');
    assert.equal(findRule('dl4000')?.meta.id, 'maintainer-deprecated');
    assert.equal(findRule('MaintainerDeprecated')?.meta.id, 'maintainer-deprecated');
    assert.equal(findRule('no-version-field')?.meta.id, 'compose-no-version-field');
    assert.equal(findRule('no-such-rule'), undefined);
  });

  it('a rule that throws does not stop the others', () => {
    const rule = allRules.find((r) => r.meta.id === 'maintainer-deprecated')!;
    const orig = rule.check;
    const failures: string[] = [];
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      const f = lintText('FROM debian:12\nMAINTAINER x\nRUN apt-get install -y curl\n', 'dockerfile', {
        onRuleError: (id) => failures.push(id),
      });
      assert.deepEqual(failures, ['maintainer-deprecated']);
      assert.ok(f.some((x) => x.ruleId === 'apt-no-install-recommends'));
    } finally {
      rule.check = orig;
    }
  });
});

describe('file kinds', () => {
  const cases: [string, string | undefined][] = [
    ['Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['build.containerfile', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.prod.yaml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['/x/y/docker-compose.dev.yaml', 'compose'],
    ['.dockerignore', 'dockerignore'],
    ['.containerignore', 'dockerignore'],
    // BuildKit's per-Dockerfile ignore files are ignore files, not Dockerfiles.
    ['Dockerfile.dockerignore', 'dockerignore'],
    ['/p/Dockerfile.dev.dockerignore', 'dockerignore'],
    ['Containerfile.dockerignore', 'dockerignore'],
    ['api.Dockerfile.dockerignore', 'dockerignore'],
    ['values.yaml', undefined],
    ['Dockerfilex', undefined],
  ];
  for (const [p, k] of cases) it(`${p} -> ${k}`, () => assert.equal(kindOfPath(p), k));
});

describe('configuration and suppression', () => {
  const df =
    'FROM debian:12\n# hadolint ignore=DL3015\nRUN apt-get install -y curl\nRUN apt-get install -y git\n';

  it('hadolint ignore pragma suppresses the next instruction only', () => {
    const f = lintText(df, 'dockerfile').filter((x) => x.ruleId === 'apt-no-install-recommends');
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [3],
    );
  });

  it('berth-ignore and berth-ignore-file, by id or alias', () => {
    const t = 'FROM debian:12\n# berth-ignore apt-no-install-recommends\nRUN apt-get install -y curl\n';
    assert.equal(lintText(t, 'dockerfile').filter((x) => x.ruleId === 'apt-no-install-recommends').length, 0);
    const t2 =
      '# berth-ignore-file DL3015\nFROM debian:12\nRUN apt-get install -y a\nRUN apt-get install -y b\n';
    assert.equal(
      lintText(t2, 'dockerfile').filter((x) => x.ruleId === 'apt-no-install-recommends').length,
      0,
    );
  });

  it('BuildKit # check=skip= directive', () => {
    const t = '# check=skip=MaintainerDeprecated\nFROM debian:12\nMAINTAINER x\n';
    assert.equal(lintText(t, 'dockerfile').filter((x) => x.ruleId === 'maintainer-deprecated').length, 0);
  });

  it('disable-ignore-pragma turns inline ignores off', () => {
    const f = lintText(df, 'dockerfile', { config: parseConfig('disable-ignore-pragma: true') });
    assert.equal(f.filter((x) => x.ruleId === 'apt-no-install-recommends').length, 2);
  });

  it('.hadolint.yaml: ignored and override', () => {
    const cfg = parseConfig('ignored: [DL4000]\noverride:\n  error: [DL3015]\nfailure-threshold: warning\n');
    const f = lintText('FROM debian:12\nMAINTAINER x\nRUN apt-get install -y a\n', 'dockerfile', {
      config: cfg,
      only: ONLY,
    });
    assert.deepEqual(
      f.map((x) => [x.ruleId, x.severity]),
      [['apt-no-install-recommends', 'error']],
    );
    assert.equal(cfg.failureThreshold, 'warning');
  });

  it('berth config: rules by id, [severity, options], and clear errors', () => {
    const cfg = parseConfig('rules:\n  compose-no-version-field: "off"\n  DL3015: [warning, {}]\n');
    assert.equal(cfg.rules['compose-no-version-field'], 'off');
    assert.deepEqual(cfg.rules.DL3015, ['warning', {}]);
    assert.throws(() => parseConfig('rules:\n  DL3015: loud\n'), ConfigError);
    assert.throws(() => parseConfig('[1, 2]'), /expected a mapping/);
    assert.throws(() => parseConfig('a: [\n'), /not valid YAML/);
  });

  it('rules off by default run with allRules', () => {
    const off = allRules.filter((r) => r.meta.defaultOff).map((r) => r.meta.id);
    const on = activeRules('dockerfile', { rules: {}, allRules: true }).map((x) => x.rule.meta.id);
    for (const id of off) if (findRule(id)!.meta.kind === 'dockerfile') assert.ok(on.includes(id));
  });

  it('compose: berth-ignore above a line and dclint disable-line', () => {
    const t = '# berth-ignore no-version-field\nversion: "3"\nservices: {}\n';
    assert.equal(lintText(t, 'compose', { only: ONLY }).length, 0);
    const t2 = 'version: "3" # dclint disable-line no-version-field\nservices: {}\n';
    assert.equal(lintText(t2, 'compose', { only: ONLY }).length, 0);
  });

  it('files over the size limit get one clear finding', () => {
    const big = 'FROM debian:12\n' + 'RUN true\n'.repeat(600_000);
    const f = lintText(big, 'dockerfile');
    assert.equal(f.length, 1);
    assert.equal(f[0].ruleId, 'file-too-large');
  });
});

describe('generic actions', () => {
  it('fix all applies every fix, pass after pass, and keeps the rest byte for byte', () => {
    const t =
      '# keep me\nFROM debian:12\nMAINTAINER a\nRUN apt-get install -y a && apt-get install -y b  # tail\n';
    const r = fixAllText(t, 'dockerfile', { only: ONLY });
    assert.equal(
      r.text,
      '# keep me\nFROM debian:12\nLABEL org.opencontainers.image.authors="a"\nRUN apt-get install --no-install-recommends -y a && apt-get install --no-install-recommends -y b  # tail\n',
    );
    assert.equal(r.applied, 3);
  });

  it('ignore for this line inserts a comment above the instruction, with its indentation', () => {
    const t = 'FROM debian:12\n  RUN apt-get install -y a \\\n    b\n';
    const m = parseModel(t, 'dockerfile');
    const out = applyEdits(t, [ignoreLineEdit(m, 'apt-no-install-recommends', 2)]);
    assert.equal(
      out,
      'FROM debian:12\n  # berth-ignore apt-no-install-recommends\n  RUN apt-get install -y a \\\n    b\n',
    );
    assert.equal(
      lintText(out, 'dockerfile').filter((f) => f.ruleId === 'apt-no-install-recommends').length,
      0,
    );
  });

  it('ignore for this line extends an existing berth-ignore comment', () => {
    const t = 'FROM debian:12\n# berth-ignore maintainer-deprecated\nRUN apt-get install -y a\n';
    const m = parseModel(t, 'dockerfile');
    const out = applyEdits(t, [ignoreLineEdit(m, 'apt-no-install-recommends', 2)]);
    assert.equal(
      out,
      'FROM debian:12\n# berth-ignore maintainer-deprecated, apt-no-install-recommends\nRUN apt-get install -y a\n',
    );
    assert.equal(lintText(out, 'dockerfile', { only: ONLY }).length, 0);
  });

  it('ignore in this file goes after parser directives', () => {
    const t = '# syntax=docker/dockerfile:1\nFROM debian:12\nMAINTAINER x\n';
    const m = parseModel(t, 'dockerfile');
    const out = applyEdits(t, [ignoreFileEdit(m, 'maintainer-deprecated')]);
    assert.equal(
      out,
      '# syntax=docker/dockerfile:1\n# berth-ignore-file maintainer-deprecated\nFROM debian:12\nMAINTAINER x\n',
    );
    assert.equal(parseModel(out, 'dockerfile').directives.length, 1);
    assert.equal(lintText(out, 'dockerfile', { only: ONLY }).length, 0);
  });

  it('ignore in compose files', () => {
    const t = 'services:\n  web:\n    image: nginx:1.27\nversion: "3"\n';
    const m = parseModel(t, 'compose');
    const out = applyEdits(t, [ignoreLineEdit(m, 'compose-no-version-field', 3)]);
    assert.equal(lintText(out, 'compose', { only: ONLY }).length, 0);
  });
});

describe('rules catalogue', () => {
  it('docs/rules/README.md is up to date (npx tsx scripts/gen-rules-doc.ts)', () => {
    assert.equal(fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8'), rulesCatalogue());
  });
});
