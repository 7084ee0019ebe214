import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-ports-order', {
  valid: ['services:\n  w:\n    image: a:1\n    ports: ["80:80", "443:443", "8080:80"]\n'],
  invalid: [
    {
      code: 'services:\n  w:\n    image: a:1\n    ports:\n      - "8080:80"\n      - "443:443"\n      - 9000\n',
      errors: [{ line: 6, column: 9, message: /443 should come before 8080/ }],
      output:
        'services:\n  w:\n    image: a:1\n    ports:\n      - "443:443"\n      - "8080:80"\n      - 9000\n',
    },
  ],
});
