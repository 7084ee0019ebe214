import { ruleTester } from '../../helpers/rule-tester';

ruleTester('pipe-without-pipefail', {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://e.com/x | tar -xz\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nRUN curl -fsSL https://e.com/x | tar -xz\n',
    'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://e.com/x | tar -xz\n',
    'FROM debian:12\nRUN set -o pipefail && curl -fsSL https://e.com/x | tar -xz\n',
    'FROM debian:12\nRUN a || b && c\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-Item x | Select-Object Name\n',
    'FROM debian:12\nRUN ["sh", "-c", "a | b"]\n',
    { name: 'ONBUILD is not checked', code: 'FROM debian:12\nONBUILD RUN a | b\n' },
    'FROM debian:12\nRUN <<EOF\nset -euo pipefail\ncurl -fsSL https://e.com/x | tar -xz\nEOF\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL https://e.com/x | tar -xz\n',
      errors: [{ line: 2, column: 32, endColumn: 33, message: /pipefail/ }],
    },
    {
      name: 'a SHELL without pipefail; one finding per RUN; on continuation lines',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN a \\\n  | b | c\n',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'Alpine and heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\nwget -qO- https://e.com/x | tar -xz\nEOF\n',
      errors: [{ line: 4, column: 27 }],
    },
  ],
});
