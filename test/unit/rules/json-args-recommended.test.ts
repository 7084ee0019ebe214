import { ruleTester } from '../../helpers/rule-tester';

ruleTester('json-args-recommended', {
  valid: [
    'FROM a:1\nCMD ["node", "server.js"]\nENTRYPOINT ["/entry"]\nHEALTHCHECK CMD ["curl", "-f", "http://x/"]\n',
    { name: 'SHELL chosen on purpose', code: 'FROM a:1\nSHELL ["/bin/bash", "-c"]\nCMD echo hi\n' },
    'FROM a:1\nHEALTHCHECK NONE\n',
  ],
  invalid: [
    {
      code: 'FROM a:1\nCMD node server.js\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /\["node", "server.js"\]/ }],
      output: 'FROM a:1\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'shell syntax: no fix',
      code: 'FROM a:1\nENTRYPOINT exec java $OPTS -jar app.jar\n',
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'HEALTHCHECK CMD',
      code: 'FROM a:1\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM a:1\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n',
    },
  ],
});
