/**
 * "Pick a tag for `<image>`…" (server/src/core/image-tag-pick.ts): the arguments the compose rule and
 * the Dockerfile refactoring give the client command, and the edit the client computes from them and the
 * tag the user picks or types. Each case goes from the document text to the document after the pick.
 */
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/core/engine';
import { applyEdits } from '../../server/src/core/fix';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { computeRefactors } from '../../server/src/core/refactors/index';
import { KNOWN_TAGS } from '../../server/src/core/refactors/known-tags';
import {
  PICK_IMAGE_TAG,
  asPickImageTagArgs,
  parseTagInput,
  tagChoices,
  tagEdit,
  type PickImageTagArgs,
  type TagValue,
} from '../../server/src/core/image-tag-pick';
import type { Command } from '../../server/src/core/types';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

/** The pick command of the compose-image-tag finding(s), one per finding. */
function composePicks(text: string): PickImageTagArgs[] {
  return lintText(text, 'compose', { only: ['compose-image-tag'] })
    .map((f) => f.suggestions?.find((s) => s.command)?.command)
    .filter((c): c is Command => !!c)
    .map((c) => {
      assert.equal(c.command, PICK_IMAGE_TAG);
      return c.arguments![0] as PickImageTagArgs;
    });
}

/** The pick command of the Dockerfile refactoring on line `line`. */
function dockerfilePicks(text: string, line = 0): PickImageTagArgs[] {
  const at = { start: { line, character: 0 }, end: { line, character: 0 } };
  return computeRefactors(parseDockerfile(text), at)
    .filter((r) => r.command?.command === PICK_IMAGE_TAG)
    .map((r) => {
      assert.deepEqual(r.fix.edits, [], 'the pick itself edits nothing');
      return r.command!.arguments![0] as PickImageTagArgs;
    });
}

/** What the client does: the line as it is now, the value typed or picked, the edit applied. */
function pick(text: string, args: PickImageTagArgs, input: string): string {
  const v = parseTagInput(input);
  assert.notEqual(typeof v, 'string', `input ${input}: ${String(v)}`);
  const line = text.split(/\r\n|\r|\n/)[args.range.start.line];
  const e = tagEdit(line, args, v as TagValue);
  assert.notEqual(typeof e, 'string', String(e));
  return applyEdits(text, [e as Exclude<typeof e, string>]);
}

describe('pick an image tag: compose', () => {
  it('`image: postgres` gets `:<tag>` inserted, nothing else changes', () => {
    const src = 'services:\n  db:\n    image: postgres # the database\n';
    const [a] = composePicks(src);
    assert.deepEqual(a.tags, KNOWN_TAGS.postgres);
    assert.equal(a.current, undefined);
    assert.equal(pick(src, a, '18'), 'services:\n  db:\n    image: postgres:18 # the database\n');
    assert.equal(
      pick(src, a, ' 17-alpine '),
      'services:\n  db:\n    image: postgres:17-alpine # the database\n',
    );
    assert.equal(
      pick(src, a, '@' + DIGEST),
      `services:\n  db:\n    image: postgres@${DIGEST} # the database\n`,
    );
  });

  it('`image: "postgres:latest"` gets `latest` replaced, the quotes kept', () => {
    const src = 'services:\n  db:\n    image: "postgres:latest"\n  c:\n    image: \'redis\'\n';
    const [a, b] = composePicks(src);
    assert.equal(a.current, 'latest');
    assert.equal(
      pick(src, a, '18'),
      'services:\n  db:\n    image: "postgres:18"\n  c:\n    image: \'redis\'\n',
    );
    assert.equal(
      pick(src, b, '8.2'),
      'services:\n  db:\n    image: "postgres:latest"\n  c:\n    image: \'redis:8.2\'\n',
    );
    // A digest alone replaces `:latest`; a tag with a digest keeps both.
    assert.equal(
      pick(src, a, DIGEST.toUpperCase().replace('SHA256', 'sha256')),
      `services:\n  db:\n    image: "postgres@${DIGEST}"\n  c:\n    image: 'redis'\n`,
    );
    assert.equal(
      pick(src, a, `18@${DIGEST}`),
      `services:\n  db:\n    image: "postgres:18@${DIGEST}"\n  c:\n    image: 'redis'\n`,
    );
  });

  it('a registry port is not a tag; flow mappings and CRLF files', () => {
    const src =
      'services:\r\n  a: { image: registry:5000/team/app, restart: always }\r\n  b:\r\n    image: localhost:5000/app:edge\r\n';
    const [a, b] = composePicks(src);
    assert.equal(a.image, 'registry:5000/team/app');
    assert.deepEqual(a.tags, []);
    assert.equal(
      pick(src, a, 'v1.2.3'),
      'services:\r\n  a: { image: registry:5000/team/app:v1.2.3, restart: always }\r\n  b:\r\n    image: localhost:5000/app:edge\r\n',
    );
    assert.equal(b.current, 'edge');
    assert.equal(
      pick(src, b, '2026.11'),
      'services:\r\n  a: { image: registry:5000/team/app, restart: always }\r\n  b:\r\n    image: localhost:5000/app:2026.11\r\n',
    );
  });

  it('not offered for interpolated images, digests, or images the service builds', () => {
    assert.deepEqual(
      composePicks(
        'services:\n  a:\n    image: ${IMAGE}\n  b:\n    image: postgres:${PG:-latest}\n  c:\n    image: postgres@' +
          DIGEST +
          '\n  d:\n    image: me/app\n    build: .\n',
      ),
      [],
    );
  });
});

describe('pick an image tag: Dockerfile', () => {
  it('FROM --platform=... postgres AS db: the tag goes after the name, the stage name stays', () => {
    const src = 'FROM --platform=$BUILDPLATFORM postgres AS db\nRUN true\n';
    const [a] = dockerfilePicks(src);
    assert.equal(a.image, 'postgres');
    assert.deepEqual(a.tags, KNOWN_TAGS.postgres);
    assert.equal(pick(src, a, '18'), 'FROM --platform=$BUILDPLATFORM postgres:18 AS db\nRUN true\n');
  });

  it('FROM registry:5000/img:latest replaces latest; docker.io/library/python keeps its spelling', () => {
    const src = 'FROM registry:5000/img:latest\n';
    const [a] = dockerfilePicks(src);
    assert.deepEqual([a.image, a.current, a.tags], ['registry:5000/img', 'latest', []]);
    assert.equal(pick(src, a, '1.0'), 'FROM registry:5000/img:1.0\n');
    const py = 'from docker.io/library/python\n';
    const [b] = dockerfilePicks(py);
    assert.equal(b.image, 'docker.io/library/python');
    assert.deepEqual(b.tags, KNOWN_TAGS.python);
    assert.equal(
      pick(py, b, KNOWN_TAGS.python[0]),
      `from docker.io/library/python:${KNOWN_TAGS.python[0]}\n`,
    );
  });

  it('not offered for $IMAGE, scratch, a digest, a pinned tag or a stage', () => {
    const src =
      'ARG IMG=python\nFROM $IMG AS a\nFROM scratch AS b\nFROM python@' +
      DIGEST +
      '\nFROM python:3.14\nFROM a\n';
    for (let line = 0; line < 6; line++) assert.deepEqual(dockerfilePicks(src, line), [], `line ${line + 1}`);
  });
});

describe('pick an image tag: the pure parts of the client', () => {
  const args: PickImageTagArgs = {
    uri: 'file:///p/compose.yaml',
    image: 'postgres',
    range: { start: { line: 2, character: 21 }, end: { line: 2, character: 27 } },
    current: 'latest',
    tags: ['18', '17'],
  };

  it('choices: the known tags, the first recommended, then "Type a tag…"', () => {
    assert.deepEqual(tagChoices(args), [
      { label: '18', description: 'recommended: postgres:18', tag: '18' },
      { label: '17', description: 'postgres:17', tag: '17' },
      { label: 'Type a tag…', description: 'any tag, or a digest (@sha256:…)' },
    ]);
    assert.deepEqual(
      tagChoices({ ...args, tags: [] }).map((c) => c.label),
      ['Type a tag…'],
    );
  });

  it('input: a Docker tag or a sha256 digest, anything else is an error message', () => {
    assert.deepEqual(parseTagInput('1.2.3'), { tag: '1.2.3' });
    assert.deepEqual(parseTagInput(':v1_rc-2'), { tag: 'v1_rc-2' });
    assert.deepEqual(parseTagInput('_x'), { tag: '_x' });
    assert.deepEqual(parseTagInput('a'.repeat(128)), { tag: 'a'.repeat(128) });
    assert.deepEqual(parseTagInput('@' + DIGEST), { digest: DIGEST });
    assert.deepEqual(parseTagInput(DIGEST), { digest: DIGEST });
    assert.deepEqual(parseTagInput('18@' + DIGEST), { tag: '18', digest: DIGEST });
    for (const bad of [
      '',
      '  ',
      '.hidden',
      '-x',
      'a b',
      'a/b',
      'a:b',
      'ü',
      'a'.repeat(129),
      '@sha256:abc',
      '@md5:' + 'a'.repeat(64),
      '18@',
    ])
      assert.equal(typeof parseTagInput(bad), 'string', JSON.stringify(bad));
  });

  it('the edit refuses a line that changed since the action was offered', () => {
    assert.deepEqual(tagEdit('    image: "postgres:latest"', args, { tag: '18' }), {
      range: args.range,
      newText: '18',
    });
    for (const line of [
      '    image: "postgres:16"',
      '    image: "mysql:latest"',
      '',
      '    image: "postgres"',
      '   image: "xpostgres:latest"',
    ])
      assert.match(String(tagEdit(line, args, { tag: '18' })), /changed since/, line);
    const insert = {
      ...args,
      current: undefined,
      range: { start: { line: 2, character: 20 }, end: { line: 2, character: 20 } },
    };
    assert.deepEqual(tagEdit('    image: "postgres"', insert, { tag: '18' }), {
      range: insert.range,
      newText: ':18',
    });
    // A tag (or a longer name) was written since: inserting would corrupt the reference.
    for (const line of [
      '    image: "postgres:16"',
      '    image: "postgresql"',
      '    image: "postgres@sha256:1"',
      '    image: "mypostgre"',
    ])
      assert.match(String(tagEdit(line, insert, { tag: '18' })), /changed since/, line);
  });

  it('arguments from JSON: checked, malformed ones refused', () => {
    const json = JSON.parse(JSON.stringify(args));
    assert.deepEqual(asPickImageTagArgs(json), args);
    assert.equal(asPickImageTagArgs(undefined), undefined);
    assert.equal(asPickImageTagArgs({ ...json, uri: undefined }), undefined);
    assert.equal(asPickImageTagArgs({ ...json, range: { start: { line: 1 } } }), undefined);
    assert.equal(asPickImageTagArgs({ ...json, tags: ['ok', 'not a tag'] }), undefined);
    assert.equal(asPickImageTagArgs({ ...json, current: 3 }), undefined);
  });
});
