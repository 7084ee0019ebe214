import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-service-keys-order', {
  valid: [
    'services:\n  w:\n    <<: *d\n    image: a:1\n    depends_on: [db]\n    environment: {A: b}\n    ports: ["80:80"]\n    restart: always\n    labels: {a: b}\n    cpus: 1\n    mem_limit: 1g\n',
  ],
  invalid: [
    {
      name: 'keeps keys it does not know, last and A-Z',
      code: 'services:\n  w:\n    x-note: hi\n    ports:\n      - "80:80"\n    image: a:1 # base\n    cpus: 1\n',
      errors: [{ line: 6, column: 5, message: /`image` should come before `x-note`/ }],
      output:
        'services:\n  w:\n    image: a:1 # base\n    ports:\n      - "80:80"\n    cpus: 1\n    x-note: hi\n',
    },
  ],
});
