import { ruleTester } from '../../helpers/rule-tester';

ruleTester('build-tools-in-final-image', {
  valid: [
    'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\n',
    {
      name: 'multi-stage build: tools in the builder are fine',
      code: 'FROM python:3.12 AS build\nRUN apt-get install -y gcc libpq-dev\nFROM python:3.12-slim\n',
    },
    {
      name: 'removed again in the same RUN',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install psycopg2 \\\n && apk del .build-deps\n',
    },
    {
      name: 'apt-get purge later in the RUN',
      code: 'FROM debian:12\nRUN apt-get install -y gcc && make && apt-get purge -y --auto-remove gcc\n',
    },
    {
      name: 'dev containers are development environments',
      code: 'FROM debian:12\nRUN apt-get install -y build-essential\n',
      options: { path: '/p/.devcontainer/Dockerfile' },
    },
    {
      name: 'packages that merely contain the words',
      code: 'FROM debian:12\nRUN apt-get install -y makeself devscripts gcc-doc-base\n',
    },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\n',
      errors: [
        {
          line: 2,
          column: 66,
          endColumn: 69,
          message: /`gcc`, `libpq-dev` are only needed to compile.*AS build/,
        },
      ],
    },
    {
      name: 'apk, yum, versions and many packages',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache build-base=0.5-r3\nRUN yum install -y gcc make cmake openssl-devel\n',
      errors: [
        { line: 2, column: 24, endColumn: 41, message: /`build-base=0.5-r3` is only needed/ },
        { line: 3, column: 20, message: /`gcc`, `make`, `cmake`\.\.\./ },
      ],
    },
  ],
});
