import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-require-project-name', {
  valid: [
    'name: shop\nservices:\n  a:\n    image: x:1\n',
    { code: 'services:\n  a:\n    ports: ["80:80"]\n', options: { path: '/p/compose.override.yaml' } },
  ],
  invalid: [
    {
      code: '# stack\nservices:\n  a:\n    image: x:1\n',
      errors: [{ line: 2, column: 1, endColumn: 9, message: /No top-level `name`/ }],
    },
  ],
});
