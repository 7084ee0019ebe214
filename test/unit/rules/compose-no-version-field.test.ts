import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-version-field', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    'services:\n  web:\n    image: nginx:1.27\n    version: "x"\n',
  ],
  invalid: [
    {
      code: 'version: "3.8"\n\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endColumn: 8 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'keeps comments and other keys',
      code: "# my stack\nname: app\nversion: '3' # old\nservices: # all\n  web:\n    image: nginx:1.27\n",
      errors: [{ line: 3, column: 1 }],
      output: '# my stack\nname: app\nservices: # all\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'CRLF line endings',
      code: 'version: "3"\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n',
      errors: [{ line: 1, column: 1 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'flow-style document is reported without a fix',
      code: '{version: "3", services: {web: {image: "nginx:1.27"}}}\n',
      errors: [{ line: 1, column: 2 }],
    },
  ],
});
