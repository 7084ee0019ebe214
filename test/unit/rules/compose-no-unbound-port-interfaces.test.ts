import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

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

inEmptyShell('compose-no-unbound-port-interfaces with interpolation', () => {
  const env = withDotenv('PORT=8080\n');
  ruleTester('compose-no-unbound-port-interfaces', {
    valid: [
      {
        code: 'services:\n  web:\n    ports:\n      - "${BIND:-127.0.0.1}:${PORT}:80"\n      - "${NOPE}:81"\n',
        options: env,
      },
    ],
    invalid: [
      {
        code: 'services:\n  web:\n    ports:\n      - "${PORT}:80"\n',
        options: env,
        errors: [
          {
            line: 4,
            column: 9,
            message: /^`\$\{PORT\}:80` is `8080:80` \(PORT from .env line 1\): port `8080:80`/,
          },
        ],
      },
    ],
  });
});
