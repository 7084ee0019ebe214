import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apt-no-install-recommends', {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12\nRUN apt-get install -o APT::Install-Recommends=false -y curl\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    'FROM debian:12\nRUN echo apt-get install curl\n',
    'FROM debian:12\nRUN sudo apt-get install -y --no-install-recommends curl\n',
    {
      name: 'a PowerShell RUN is not a POSIX shell command',
      code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN apt-get install -y curl\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, endColumn: 38, message: /--no-install-recommends/ }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'across line continuations, flags before the subcommand',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get -y install \\\n       curl git\n',
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 26 }],
      output:
        'FROM debian:12\nRUN apt-get update \\\n    && apt-get -y install --no-install-recommends \\\n       curl git\n',
    },
    {
      name: 'in a heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get install --no-install-recommends -y curl\nEOF\n',
    },
    {
      name: 'two commands in one RUN, both fixed',
      code: 'FROM debian:12\nRUN apt-get install -y a; apt-get install -y b\n',
      errors: [
        { line: 2, column: 5 },
        { line: 2, column: 27 },
      ],
      output:
        'FROM debian:12\nRUN apt-get install --no-install-recommends -y a; apt-get install --no-install-recommends -y b\n',
    },
    {
      name: '`apt install` too (hadolint checks apt-get only)',
      code: 'FROM debian:12\nRUN apt install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /^`apt install` without/ }],
      output: 'FROM debian:12\nRUN apt install --no-install-recommends -y curl\n',
    },
    {
      name: 'through sudo and env, like apt-assume-yes and apt-pin-versions',
      code: 'FROM debian:12\nRUN sudo apt-get install -y curl && env DEBIAN_FRONTEND=noninteractive apt-get install -y git\n',
      errors: [
        { line: 2, column: 10, endColumn: 25, message: /^`apt-get install` without/ },
        { line: 2, column: 72, endColumn: 87 },
      ],
      output:
        'FROM debian:12\nRUN sudo apt-get install --no-install-recommends -y curl && env DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y git\n',
    },
    {
      name: 'ONBUILD RUN',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y curl\n',
    },
  ],
});
