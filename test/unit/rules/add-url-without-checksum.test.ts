import { ruleTester } from '../../helpers/rule-tester';

ruleTester('add-url-without-checksum', {
  valid: [
    'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /tmp/\n',
    { name: "local files are another rule's business", code: 'FROM alpine:3.20\nADD app.tar.gz /opt/\n' },
    {
      name: 'git sources are pinned by a ref',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git?ref=v0.14.0 /src\nADD https://github.com/a/b.git#v1 /b\n',
    },
    { name: 'COPY cannot download', code: 'FROM alpine:3.20\nCOPY https://example.com/a /a\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.tar.gz /tmp/\n',
      errors: [{ line: 2, column: 5, endColumn: 40, message: /--checksum=sha256/ }],
    },
    {
      name: 'other flags, exec form, variables, ONBUILD and lower case',
      code: 'FROM alpine:3.20\nARG V=1\nADD --chmod=0644 ["https://example.com/$V/key.asc", "/etc/key.asc"]\nonbuild add http://example.com/x /x\n',
      errors: [
        { line: 3, column: 19, endColumn: 51 },
        { line: 4, column: 13 },
      ],
    },
  ],
});
