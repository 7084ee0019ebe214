import { ruleTester } from '../../helpers/rule-tester';

ruleTester('copy-then-extract-archive', {
  valid: [
    'FROM alpine:3.20\nADD app.tar.gz /opt/\n',
    { name: 'copied but not extracted', code: 'FROM alpine:3.20\nCOPY app.tar.gz /srv/\n' },
    {
      name: 'zip files are not unpacked by ADD',
      code: 'FROM alpine:3.20\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n',
    },
    {
      name: 'extracted in another stage',
      code: 'FROM alpine:3.20\nCOPY a.tgz /tmp/\nFROM alpine:3.20\nRUN tar xzf /tmp/a.tgz\n',
    },
    {
      name: 'tar creates, not extracts',
      code: 'FROM alpine:3.20\nCOPY a.tar /tmp/\nRUN tar -cf /b.tar /tmp/a.tar\n',
    },
    {
      name: 'COPY --from is not the context',
      code: 'FROM alpine:3.20\nCOPY --from=x /a.tar /tmp/\nRUN tar -xf /tmp/a.tar\n',
    },
  ],
  invalid: [
    {
      name: 'extracted through sudo',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN sudo tar xzf /tmp/app.tar.gz -C /opt\n',
      errors: [{ line: 2, column: 6, endColumn: 16 }],
    },
    {
      code: 'FROM debian:12\nCOPY vendor/app-1.0.tar.gz /tmp/\nRUN tar -xzf /tmp/app-1.0.tar.gz -C /opt && rm /tmp/app-1.0.tar.gz\n',
      errors: [{ line: 2, column: 6, endColumn: 27, message: /`ADD app-1.0.tar.gz <dir>\/`/ }],
    },
    {
      name: 'old-style flags, --extract, continuation lines, exec-form COPY',
      code: 'FROM debian:12\nCOPY ["a.tgz", "b.tar.xz", "/tmp/"]\nRUN tar xzf /tmp/a.tgz \\\n && tar --extract --file=/tmp/b.tar.xz\n',
      errors: [
        { line: 2, column: 7, endColumn: 14 },
        { line: 2, column: 16 },
      ],
    },
  ],
});
