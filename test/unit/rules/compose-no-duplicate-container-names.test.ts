import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-duplicate-container-names', {
  valid: [
    'services:\n  a:\n    image: x:1\n    container_name: a\n  b:\n    image: x:1\n    container_name: b\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: app\n  b:\n    image: x:1\n    container_name: "app"\n',
      errors: [{ line: 7, column: 21, endColumn: 26, message: /already used by service `a`/ }],
    },
  ],
});
