import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-privileged', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n',
    'services:\n  vpn:\n    image: wg:1\n    cap_add: [NET_ADMIN]\n    devices: ["/dev/net/tun"]\n',
    {
      name: 'an interpolated value is not judged',
      code: 'services:\n  a:\n    image: a:1\n    privileged: ${PRIV:-false}\n',
    },
    {
      name: 'build.privileged is not the service setting',
      code: 'services:\n  a:\n    build:\n      context: .\n      privileged: true\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n',
      errors: [{ line: 4, column: 5, endColumn: 15, message: /Service `dind` runs privileged: .*`cap_add`/ }],
    },
    {
      name: 'quoted and YAML 1.1 spellings, CRLF',
      code: 'services:\r\n  a:\r\n    image: a:1\r\n    privileged: "true"\r\n  b:\r\n    image: b:1\r\n    privileged: yes\r\n',
      errors: [
        { line: 4, column: 5 },
        { line: 7, column: 5 },
      ],
    },
    {
      name: 'merged from an anchor: reported at each service',
      code: 'x-priv: &priv\n  privileged: true\nservices:\n  a:\n    <<: *priv\n    image: a:1\n  b:\n    <<: *priv\n    image: b:1\n',
      errors: [
        { line: 4, column: 3, endColumn: 4, message: /comes from a `<<` merge/ },
        { line: 7, column: 3 },
      ],
    },
  ],
});

inEmptyShell('compose-privileged with interpolation', () => {
  const env = withDotenv('PRIV=true\n');
  ruleTester('compose-privileged', {
    valid: [
      {
        code: 'services:\n  a:\n    privileged: ${NOPE}\n  b:\n    privileged: ${OFF:-false}\n',
        options: env,
      },
    ],
    invalid: [
      {
        code: 'services:\n  a:\n    privileged: ${PRIV}\n  b:\n    privileged: ${ON:-true}\n',
        options: env,
        errors: [
          {
            line: 3,
            column: 5,
            message: /runs privileged \(`\$\{PRIV\}` is `true` \(PRIV from .env line 1\)\)/,
          },
          { line: 5, column: 5, message: /\(ON is unset\)/ },
        ],
      },
    ],
  });
});
