import { ruleTester } from '../../helpers/rule-tester';
import { memfs } from '../../helpers/memfs';

const at = (ignore: string) => ({ path: '/p/Dockerfile', fs: memfs({ '/p/.dockerignore': ignore }) });

ruleTester('copy-ignored-file', {
  valid: [
    { name: 'no file system: silent', code: 'FROM alpine:3.20\nCOPY secret.txt /\n' },
    { code: 'FROM alpine:3.20\nCOPY app.py /app/\n', options: at('*.md\n') },
    { name: 're-included', code: 'FROM alpine:3.20\nCOPY README.md /\n', options: at('*.md\n!README.md\n') },
    {
      name: 'wildcards, URLs, --from and the whole context are not judged',
      code: 'FROM alpine:3.20\nCOPY *.md /\nADD https://x.org/a.md /\nCOPY --from=b docs /d\nCOPY . .\n',
      options: at('*.md\ndocs\n'),
    },
    { name: 'unknown variable', code: 'FROM alpine:3.20\nARG F\nCOPY $F /\n', options: at('*\n') },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY docs/guide.md /srv/\n',
      options: at('# docs are built elsewhere\ndocs\n'),
      errors: [
        { line: 2, column: 6, endColumn: 19, message: /excluded by `.dockerignore` \(line 2: `docs`\)/ },
      ],
    },
    {
      name: 'ADD, exec form, ./ and leading /, variables, ONBUILD',
      code: 'FROM alpine:3.20\nARG D=build\nADD ["./config.env", "/etc/"]\nCOPY /$D/out /o\nONBUILD COPY x.env /\n',
      options: at('*.env\nbuild/\n'),
      errors: [
        { line: 3, column: 6, endColumn: 20 },
        { line: 4, column: 6, message: /`\/build\/out`/ },
        { line: 5, column: 14 },
      ],
    },
  ],
});
