import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-container-name-regex', {
  valid: [
    'services:\n  a:\n    image: x:1\n    container_name: my_app.web-1\n',
    'services:\n  a:\n    image: x:1\n    container_name: ${NAME}\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: "my app"\n',
      errors: [{ line: 4, column: 21, endColumn: 29, message: /not valid/ }],
    },
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: -app\n',
      errors: [{ line: 4, column: 21 }],
    },
  ],
});
