import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
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
  it('Debian family: groupadd/useradd --system before CMD, comments kept with CMD', () => {
    assert.equal(
      suggest('FROM python:3.12-slim\nCOPY . /app\n# start\nCMD ["python"]\n'),
      'FROM python:3.12-slim\nCOPY . /app\nRUN groupadd --system app && useradd --system --gid app --create-home app\nUSER app\n# start\nCMD ["python"]\n',
    );
  });
  it('Alpine family: addgroup -S / adduser -S, lower-case file', () => {
    assert.equal(
      suggest('from python:3.12-alpine\nentrypoint ["python"]\n'),
      'from python:3.12-alpine\nrun addgroup -S app && adduser -S -G app app\nuser app\nentrypoint ["python"]\n',
    );
  });
  it('node images have a node user; distroless has nonroot', () => {
    assert.equal(
      suggest('FROM node:22-slim\nCMD ["node", "a.js"]\n'),
      'FROM node:22-slim\nUSER node\nCMD ["node", "a.js"]\n',
    );
    assert.equal(
      suggest('FROM gcr.io/distroless/python3-debian12\nCMD ["a.py"]\n'),
      'FROM gcr.io/distroless/python3-debian12\nUSER nonroot\nCMD ["a.py"]\n',
    );
  });
  it('a user the Dockerfile already creates; CMD only in a base stage: append at the end', () => {
    assert.equal(
      suggest('FROM debian:12 AS base\nCMD ["bash"]\nFROM base\nRUN useradd -m -u 1000 worker'),
      'FROM debian:12 AS base\nCMD ["bash"]\nFROM base\nRUN useradd -m -u 1000 worker\nUSER worker',
    );
  });
  it('no suggestion when the family is unknown', () => {
    assert.equal(suggest('FROM archlinux:latest\nCMD ["bash"]\n'), undefined);
  });
});
