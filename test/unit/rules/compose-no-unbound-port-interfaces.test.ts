import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-unbound-port-interfaces', {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:8080:80", "[::1]:53:53/udp"]\n    expose: ["80"]\n',
    'services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "8080:80"\n      - 9000\n      - target: 80\n        published: 8081\n',
      errors: [
        { line: 5, column: 9, message: /all interfaces/ },
        { line: 6, column: 9 },
        { line: 8, column: 20, message: /host_ip/ },
      ],
    },
  ],
});
