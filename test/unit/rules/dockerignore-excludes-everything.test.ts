import { ruleTester } from '../../helpers/rule-tester';

ruleTester('dockerignore-excludes-everything', {
  valid: [
    '.git\nnode_modules/\nbuild/\n',
    { name: 'a catch-all without a slash says what it means', code: '*\n' },
    { name: '** alone', code: '**\n' },
    { name: 'an allow-list that starts with **/', code: '**/\n!src\n!requirements.txt\n' },
    { name: 'directories\u2019 contents only (root files stay)', code: '*/*/\n*/**/\n' },
    { name: 'a re-inclusion written with a slash', code: '*.log\n!**/\n' },
    { name: 'comments', code: '# **/\n' },
  ],
  invalid: [
    {
      name: 'the audit repro (p2)',
      code: '.git\n.env\n*.pyc\n**/\n',
      errors: [
        {
          line: 4,
          column: 1,
          endColumn: 4,
          message:
            '`**/` excludes the whole build context: Docker drops a trailing `/` (it does not mean "directories only" as in `.gitignore`), so this is `**`, and no `!` line after it lets anything back in. Every `COPY` from the context fails. List the directories to exclude instead, or write `**` if an empty context is what you want.',
        },
      ],
    },
    {
      name: '*/, /**/, ***/ and **/*/, with spaces and CRLF',
      code: '  */  \r\n/**/\r\n***/\r\n**/*/\r\n',
      errors: [
        {
          line: 1,
          column: 3,
          endColumn: 5,
          message: /^`\*\/` excludes the whole build context: .* this is `\*`/,
        },
        { line: 2, column: 1, message: /this is `\*\*`/ },
        { line: 3, column: 1, message: /this is `\*\*\*`/ },
        { line: 4, column: 1, message: /this is `\*\*\/\*`/ },
      ],
    },
    {
      name: 'a `!` before it does not help',
      code: '*.md\n!README.md\n**/\n',
      errors: [{ line: 3, column: 1 }],
    },
  ],
});
