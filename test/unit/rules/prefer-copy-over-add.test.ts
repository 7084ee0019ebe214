import { ruleTester } from '../../helpers/rule-tester';

ruleTester('prefer-copy-over-add', {
  valid: [
    'FROM a:1\nADD https://example.com/x.sh /x.sh\n',
    'FROM a:1\nADD rootfs.tar.gz /\n',
    'FROM a:1\nADD --checksum=sha256:abc https://x/y /y\n',
    'FROM a:1\nADD git@github.com:o/r.git /src\n',
    'FROM a:1\nARG U\nADD $U /x\n',
  ],
  invalid: [
    {
      code: 'FROM a:1\nADD . /app\n',
      errors: [{ line: 2, column: 1, endColumn: 4 }],
      output: 'FROM a:1\nCOPY . /app\n',
    },
    {
      name: 'exec form, lower case',
      code: 'from a:1\nadd ["a.txt", "b.txt", "/d/"]\n',
      errors: [{ line: 2, column: 1 }],
      output: 'from a:1\ncopy ["a.txt", "b.txt", "/d/"]\n',
    },
  ],
});
