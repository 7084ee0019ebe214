import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-depends-on-order', {
  valid: [
    'services:\n  w:\n    image: a:1\n    depends_on: [a, b]\n  a:\n    image: a:1\n  b:\n    image: a:1\n',
  ],
  invalid: [
    {
      code: 'services:\n  w:\n    image: a:1\n    depends_on:\n      - redis\n      - db\n',
      errors: [{ line: 6, column: 9, message: /`db` should come before `redis`/ }],
      output: 'services:\n  w:\n    image: a:1\n    depends_on:\n      - db\n      - redis\n',
    },
    {
      name: 'long form',
      code: 'services:\n  w:\n    image: a:1\n    depends_on:\n      redis:\n        condition: service_started\n      db:\n        condition: service_healthy\n',
      errors: [{ line: 7, column: 7 }],
      output:
        'services:\n  w:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      redis:\n        condition: service_started\n',
    },
  ],
});
