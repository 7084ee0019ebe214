import { ruleTester } from '../../helpers/rule-tester';

ruleTester('from-untagged-image', {
  valid: [
    'FROM debian:12\n',
    'FROM scratch\n',
    'FROM debian@sha256:' + 'a'.repeat(64) + '\n',
    'FROM golang:1.22 AS build\nFROM build\n',
    { name: 'ARG default gives a tag', code: 'ARG PY_VERSION=3.12\nFROM python:${PY_VERSION}\n' },
    { name: 'ARG without default is not judged', code: 'ARG IMAGE\nFROM $IMAGE\n' },
  ],
  invalid: [
    { code: 'FROM debian\n', errors: [{ line: 1, column: 6, endColumn: 12, message: /no tag/ }] },
    { code: 'from ghcr.io/org/app AS x\n', errors: [{ line: 1, column: 6, endColumn: 21 }] },
    {
      name: 'evaluated through ARG',
      code: 'ARG BASE=alpine\nFROM ${BASE}\n',
      errors: [{ line: 2, column: 6, message: /`\$\{BASE\}` \(`alpine`\)/ }],
    },
  ],
});
