import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-duplicate-exported-ports', {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports: ["8080:80", "53:53/udp"]\n  b:\n    image: x:1\n    ports: ["8081:80", "53:53/tcp", 80, "127.0.0.1:9000:9000"]\n  c:\n    image: x:1\n    ports: ["127.0.0.2:9000:9000", "${PORT}:80"]\n',
  ],
  invalid: [
    {
      name: 'short and long syntax, ranges',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "8000-8010:8000-8010"\n  b:\n    image: x:1\n    ports:\n      - "8005:80"\n      - target: 80\n        published: "8010"\n',
      errors: [
        { line: 9, column: 9, message: /Host port 8005\/tcp is already published by service `a`/ },
        { line: 11, column: 20, message: /8010/ },
      ],
    },
    {
      name: 'all interfaces clash with a specific one',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:5432:5432"]\n  b:\n    image: x:1\n    ports: ["5432:5432"]\n',
      errors: [{ line: 7, column: 13 }],
    },
  ],
});
