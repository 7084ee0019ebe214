import { ruleTester } from '../../helpers/rule-tester';

ruleTester('duplicate-key', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
    {
      name: 'a key overriding a merged one is not a duplicate',
      code: 'x-d: &d\n  image: a\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n    ports: ["443:443"]\n',
      errors: [{ line: 5, column: 5, endColumn: 10, message: /first set on line 4/ }],
    },
    {
      name: 'duplicate services, flow map',
      code: 'services: {web: {image: a}, web: {image: b}}\n',
      errors: [{ line: 1, column: 29, message: /`web`/ }],
    },
  ],
});
