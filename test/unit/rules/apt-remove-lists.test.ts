import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apt-remove-lists', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:12\nRUN apt-get update; apt-get install -y curl; apt-get dist-clean\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\n',
    {
      name: 'a build stage that is only copied from',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n',
    },
    'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -r /var/lib/apt/lists\nEOF\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: /rm -rf \/var\/lib\/apt\/lists/ }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'removing the lists before the update does not count; continuation',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* \\\n && apt-get -qq update \\\n && apt-get -qq install curl\n',
      errors: [{ line: 3, column: 5, endColumn: 23 }],
      output:
        'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* \\\n && apt-get -qq update \\\n && apt-get -qq install curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a stage another stage is built on',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN true\n',
    },
    {
      name: 'heredoc: a new last line',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output:
        'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'ONBUILD always counts; a trailing compound command gets no fix',
      code: 'FROM debian:12 AS x\nONBUILD RUN apt-get update\nRUN apt-get update && if true; then apt-get install -y a; fi\nFROM debian:12\n',
      errors: [{ line: 2, column: 13 }],
      output:
        'FROM debian:12 AS x\nONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && if true; then apt-get install -y a; fi\nFROM debian:12\n',
    },
    {
      name: 'no fix after a trailing compound command',
      code: 'FROM debian:12\nRUN apt-get update && if true; then apt-get install -y a; fi\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt update\r\n',
      errors: [{ line: 2, column: 5, endColumn: 15 }],
      output: 'FROM debian:12\r\nRUN apt update && rm -rf /var/lib/apt/lists/*\r\n',
    },
  ],
});
