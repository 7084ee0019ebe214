import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
import { KNOWN_TAGS } from '../../../server/src/core/refactors/known-tags';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-image-tag', {
  valid: [
    'services:\n  a:\n    image: postgres:16.4\n  b:\n    image: registry:5000/team/app:1.2\n  c:\n    image: nginx@sha256:0123456789abcdef\n  d:\n    image: me/app\n    build: .\n  e:\n    image: ${IMAGE}\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: postgres\n  b:\n    image: "redis:latest"\n  c:\n    image: registry:5000/app\n  d:\n    image: node:lts\n',
      errors: [
        { line: 3, column: 12, endColumn: 20, message: /no tag, so it means `latest`/ },
        { line: 5, column: 19, endColumn: 25, message: /`latest` moves/ },
        { line: 7, column: 12, message: /no tag/ },
        { line: 9, column: 17, message: /`lts`/ },
      ],
      suggestions: [
        {
          title: `Pin to \`postgres:${KNOWN_TAGS.postgres[0]}\``,
          output: `services:\n  a:\n    image: postgres:${KNOWN_TAGS.postgres[0]}\n  b:\n    image: "redis:latest"\n  c:\n    image: registry:5000/app\n  d:\n    image: node:lts\n`,
        },
        {
          title: `Pin to \`redis:${KNOWN_TAGS.redis[0]}\``,
          output: `services:\n  a:\n    image: postgres\n  b:\n    image: "redis:${KNOWN_TAGS.redis[0]}"\n  c:\n    image: registry:5000/app\n  d:\n    image: node:lts\n`,
        },
      ],
    },
    {
      name: 'prohibitedTags option',
      code: 'services:\n  a:\n    image: app:main\n',
      options: { config: { rules: { 'compose-image-tag': ['warning', { prohibitedTags: ['main'] }] } } },
      errors: [{ line: 3, column: 16 }],
    },
  ],
});

describe('compose-image-tag suggestions', () => {
  it('offers the recommended known tag (shared table), never as a fix-all fix, then the quick pick', () => {
    const f = lintText('services:\n  a:\n    image: "postgres"\n  b:\n    image: redis:latest\n', 'compose', {
      only: ['compose-image-tag'],
    });
    assert.equal(f[0].fix, undefined);
    assert.equal(f[0].suggestions?.[0].title, 'Pin to `postgres:' + KNOWN_TAGS.postgres[0] + '`');
    assert.equal(f[0].suggestions?.[0].edits[0].newText, ':' + KNOWN_TAGS.postgres[0]);
    assert.deepEqual(f[0].suggestions?.[0].edits[0].range.start, { line: 2, character: 20 });
    assert.equal(f[1].suggestions?.[0].edits[0].newText, KNOWN_TAGS.redis[0]);
    assert.equal(f[1].suggestions?.[0].notForFixAll, true);
    // Second: "Pick a tag for `postgres`…", a command and no edit.
    const pick = f[0].suggestions?.[1];
    assert.equal(pick?.title, 'Pick a tag for `postgres`…');
    assert.deepEqual(pick?.edits, []);
    assert.equal(pick?.notForFixAll, true);
    assert.deepEqual(pick?.command, {
      title: 'Pick a tag for `postgres`…',
      command: 'berth.pickImageTag',
      arguments: [
        {
          image: 'postgres',
          range: { start: { line: 2, character: 20 }, end: { line: 2, character: 20 } },
          tags: KNOWN_TAGS.postgres,
        },
      ],
    });
    assert.deepEqual(f[1].suggestions?.[1].command?.arguments, [
      {
        image: 'redis',
        range: { start: { line: 4, character: 17 }, end: { line: 4, character: 23 } },
        current: 'latest',
        tags: KNOWN_TAGS.redis,
      },
    ]);
  });

  it('the pick lists the known tags (no floating one); the pick alone for unknown images', () => {
    const f = lintText(
      'services:\n  a:\n    image: nginx\n  b:\n    image: mysql:lts\n  c:\n    image: registry:5000/team/app\n',
      'compose',
      { only: ['compose-image-tag'] },
    );
    const tags = (i: number) =>
      (f[i].suggestions?.at(-1)?.command?.arguments?.[0] as { tags: string[] }).tags;
    assert.deepEqual(tags(0), KNOWN_TAGS.nginx);
    assert.deepEqual(tags(1), KNOWN_TAGS.mysql);
    for (const t of [...tags(0), ...tags(1)]) assert.doesNotMatch(t, /^(stable|lts|latest)/);
    assert.deepEqual(
      f[2].suggestions?.map((s) => s.title),
      ['Pick a tag for `registry:5000/team/app`…'],
    );
    assert.deepEqual(tags(2), []);
  });

  it('no suggestion when the text does not map to the source (escapes in a double-quoted scalar)', () => {
    const f = lintText('services:\n  a:\n    image: "postgre\\x73"\n', 'compose', {
      only: ['compose-image-tag'],
    });
    assert.equal(f.length, 1);
    assert.equal(f[0].suggestions, undefined);
  });
});

inEmptyShell('compose-image-tag with interpolation', () => {
  const env = withDotenv('PG_TAG=latest\nIMG=redis\nGOOD=16\n');
  ruleTester('compose-image-tag', {
    valid: [
      {
        name: 'a variable holding a pinned tag',
        code: 'services:\n  db:\n    image: postgres:${GOOD}\n',
        options: env,
      },
      {
        name: 'unset without default: unknown',
        code: 'services:\n  db:\n    image: postgres:${NOPE}\n',
        options: env,
      },
      { name: 'no project files: .env unknown', code: 'services:\n  web:\n    image: nginx:${T:-latest}\n' },
    ],
    invalid: [
      {
        code: 'services:\n  db:\n    image: postgres:${PG_TAG}\n',
        options: env,
        errors: [
          {
            line: 3,
            column: 12,
            endColumn: 30,
            message:
              /^`postgres:\$\{PG_TAG\}` is `postgres:latest` \(PG_TAG from \.env line 1\): image tag `latest` moves/,
          },
        ],
      },
      {
        code: 'services:\n  web:\n    image: "nginx:${NGINX_TAG:-latest}"\n  cache:\n    image: ${IMG}\n',
        options: env,
        errors: [
          { line: 3, column: 12, message: /\(NGINX_TAG is unset\): image tag `latest`/ },
          {
            line: 5,
            column: 12,
            message: /`\$\{IMG\}` is `redis` \(IMG from .env line 2\): image `redis` has no tag/,
          },
        ],
      },
    ],
  });
  it('offers no suggestion on an interpolated image (it would replace the variable)', () => {
    const found = lintText('services:\n  db:\n    image: postgres:${PG_TAG}\n', 'compose', {
      ...env,
      only: ['compose-image-tag'],
    });
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, undefined);
    assert.equal(found[0].suggestions, undefined);
  });
});
