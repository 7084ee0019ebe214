import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText, parseModel } from '../../../server/src/core/engine';
import { runAsNonRoot } from '../../../server/src/core/refactors/run-as-non-root';
import { applyEdits } from '../../../server/src/core/fix';

ruleTester('final-stage-runs-as-root', {
  valid: [
    'FROM python:3.12-slim\nRUN useradd --system app\nUSER app\nCMD ["python"]\n',
    { name: 'USER in a base stage', code: 'FROM node:22 AS base\nUSER node\nFROM base\nCMD ["node"]\n' },
    { name: "USER root is user-root-last's business", code: 'FROM debian:12\nUSER root\nCMD ["bash"]\n' },
    { name: 'scratch', code: 'FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\nCMD ["/app"]\n' },
    { name: 'distroless nonroot', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCMD ["/app"]\n' },
    { name: 'a base image for others (no CMD/ENTRYPOINT)', code: 'FROM debian:12\nRUN apt-get update\n' },
    {
      name: 'entrypoint drops privileges with gosu',
      code: 'FROM debian:12\nRUN apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n',
    },
    { name: 'unknown base image', code: 'ARG BASE\nFROM $BASE\nCMD ["x"]\n' },
    { name: 'Windows', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      errors: [{ line: 1, column: 6, endColumn: 22, message: /run as root.*USER/ }],
    },
    {
      name: 'CMD inherited from a base stage',
      code: 'FROM alpine:3.20 AS base\nCMD ["sh"]\nFROM base\nRUN true\n',
      errors: [{ line: 3, column: 6 }],
    },
  ],
});

describe('final-stage-runs-as-root on nginx', () => {
  it('no suggestion (a USER stops nginx from starting); the message points to nginx-unprivileged', () => {
    const f = lintText(
      'FROM nginx:1.30\nCOPY site/ /usr/share/nginx/html/\nCMD ["nginx", "-g", "daemon off;"]\n',
      'dockerfile',
      {
        config: { rules: { 'final-stage-runs-as-root': 'info' } },
        only: ['final-stage-runs-as-root'],
      },
    );
    assert.equal(f.length, 1);
    assert.equal(f[0].suggestions, undefined);
    assert.match(f[0].message, /nginxinc\/nginx-unprivileged/);
  });
});

describe('final-stage-runs-as-root suggestions', () => {
  const suggest = (code: string) => {
    const f = lintText(code, 'dockerfile', {
      config: { rules: { 'final-stage-runs-as-root': 'info' } },
      only: ['final-stage-runs-as-root'],
    });
    assert.equal(f.length, 1);
    assert.equal(f[0].fix, undefined, 'never applied by fix-all');
    const s = f[0].suggestions?.[0];
    return s ? applyEdits(code, s.edits) : undefined;
  };
  // The suggestion is the "Run as a non-root user" refactoring's edit: numeric USER (user-numeric-uid
  // stays quiet), the user created in the preceding RUN when there is one (consecutive-run stays quiet).
  it('Debian family: groupadd/useradd with uid 10001 before CMD, comments kept with CMD', () => {
    assert.equal(
      suggest('FROM python:3.12-slim\nCOPY . /app\n# start\nCMD ["python"]\n'),
      'FROM python:3.12-slim\nCOPY . /app\nRUN groupadd --system --gid 10001 app \\\n && useradd --system --no-log-init --uid 10001 --gid app --create-home app\nUSER 10001:10001\n# start\nCMD ["python"]\n',
    );
  });
  it('Alpine family: addgroup -S / adduser -S, lower-case file', () => {
    assert.equal(
      suggest('from python:3.12-alpine\nentrypoint ["python"]\n'),
      'from python:3.12-alpine\nrun addgroup -S -g 10001 app \\\n && adduser -S -D -u 10001 -G app app\nuser 10001:10001\nentrypoint ["python"]\n',
    );
  });
  it('after a RUN: the user is created in that RUN (with the WORKDIR chowned), then a numeric USER', () => {
    assert.equal(
      suggest('FROM python:3.12-slim\nWORKDIR /app\nRUN pip install flask\nCMD ["python"]\n'),
      'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install flask \\\n && groupadd --system --gid 10001 app \\\n && useradd --system --no-log-init --uid 10001 --gid app --create-home app \\\n && chown -R app:app /app\nUSER 10001:10001\nCMD ["python"]\n',
    );
  });
  it('node images have a node user (uid 1000); distroless has nonroot (65532)', () => {
    assert.equal(
      suggest('FROM node:22-slim\nCMD ["node", "a.js"]\n'),
      'FROM node:22-slim\nUSER 1000:1000\nCMD ["node", "a.js"]\n',
    );
    assert.equal(
      suggest('FROM gcr.io/distroless/python3-debian12\nCMD ["a.py"]\n'),
      'FROM gcr.io/distroless/python3-debian12\nUSER 65532:65532\nCMD ["a.py"]\n',
    );
  });
  it('CMD only in a base stage: appended at the end, to the last RUN', () => {
    assert.equal(
      suggest('FROM debian:12 AS base\nCMD ["bash"]\nFROM base\nRUN apt-get update'),
      'FROM debian:12 AS base\nCMD ["bash"]\nFROM base\nRUN apt-get update \\\n && groupadd --system --gid 10001 app \\\n && useradd --system --no-log-init --uid 10001 --gid app --create-home app\nUSER 10001:10001',
    );
  });
  it('the same edit as the run-as-non-root refactoring', () => {
    const code = 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python"]\n';
    const model = parseModel(code, 'dockerfile');
    assert.ok(model.kind === 'dockerfile');
    const [r] = runAsNonRoot(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, {});
    assert.equal(suggest(code), applyEdits(code, r.fix.edits));
  });
  it('no suggestion when the family is unknown', () => {
    assert.equal(suggest('FROM archlinux:latest\nCMD ["bash"]\n'), undefined);
  });
});
