import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-container-name-with-scale', {
  valid: [
    'services:\n  web:\n    image: a:1\n    container_name: web\n',
    'services:\n  web:\n    image: a:1\n    container_name: web\n    deploy:\n      replicas: 1\n',
    'services:\n  web:\n    image: a:1\n    scale: 3\n',
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: a:1\n    container_name: web\n    scale: 2\n',
      errors: [{ line: 4, column: 5, endColumn: 19, message: /asks for 2 containers/ }],
    },
    {
      code: 'services:\n  web:\n    image: a:1\n    container_name: web\n    deploy:\n      replicas: 3\n',
      errors: [{ line: 4, column: 5, message: /3 containers/ }],
    },
  ],
});
