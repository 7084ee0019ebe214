import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-cd-use-workdir', {
  valid: [
    'FROM debian:12\nWORKDIR /src\nRUN make\n',
    'FROM debian:12\nRUN echo cd /x\n',
    'FROM debian:12\nRUN echo "$(cd /x && pwd)"\n',
    { name: 'ONBUILD is not checked', code: 'FROM debian:12\nONBUILD RUN cd /x && make\n' },
  ],
  invalid: [
    {
      name: 'a later absolute WORKDIR resets the directory: fix',
      code: 'FROM debian:12\nRUN cd /src && make\nWORKDIR /app\nCMD ["./app"]\n',
      errors: [{ line: 2, column: 5, endColumn: 12, message: /WORKDIR/ }],
      output: 'FROM debian:12\nWORKDIR /src\nRUN make\nWORKDIR /app\nCMD ["./app"]\n',
    },
    {
      name: 'a known earlier WORKDIR is restored after the RUN',
      code: 'FROM debian:12\nWORKDIR /app\nRUN cd /tmp \\\n    && make\nCMD ["./app"]\n',
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: 'FROM debian:12\nWORKDIR /app\nWORKDIR /tmp\nRUN make\nWORKDIR /app\nCMD ["./app"]\n',
    },
    {
      name: 'a build stage only copied from needs no restore',
      code: 'FROM golang:1.22 AS build\nRUN cd /src && go build -o /out/app .\nFROM debian:12\nCOPY --from=build /out/app /app\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM debian:12\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'lower-case keyword keeps its case',
      code: 'from debian:12\nworkdir /app\nrun cd /src && make\n',
      errors: [{ line: 3, column: 5 }],
      output: 'from debian:12\nworkdir /app\nworkdir /src\nrun make\nworkdir /app\n',
    },
    {
      name: 'unknown previous directory in the final stage: only a suggestion',
      code: 'FROM debian:12\nRUN cd /src && make\nCMD ["make", "run"]\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'cd in the middle, relative, in a heredoc: reported without fix',
      code: 'FROM debian:12\nWORKDIR /app\nRUN make && cd sub && make\nRUN cd "$HOME" && ls\nRUN <<EOF\ncd /x\nEOF\n',
      errors: [
        { line: 3, column: 13, endColumn: 19 },
        { line: 4, column: 5, endColumn: 15 },
        { line: 6, column: 1 },
      ],
    },
  ],
});
