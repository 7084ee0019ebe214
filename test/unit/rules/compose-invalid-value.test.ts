import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

const svc = (body: string) => `services:\n  web:\n    image: nginx:1.27\n${body}`;

ruleTester('compose-invalid-value', {
  valid: [
    svc(
      '    restart: on-failure:3\n    mem_limit: 512m\n    shm_size: 1gb\n    stop_grace_period: 1m30s\n    privileged: false\n    tty: yes\n' +
        '    healthcheck:\n      interval: 30s\n      timeout: 500ms\n    ports:\n      - 80\n      - "8080:80"\n      - "127.0.0.1:5432:5432"\n      - "[::1]:53:53/udp"\n      - "9000-9010:9000-9010"\n' +
        '      - "${PORT}:80"\n      - target: 80\n        published: "8081"\n        host_ip: 0.0.0.0\n    expose: ["3000", "4000-4010/udp"]\n' +
        '    extra_hosts:\n      - "host.docker.internal:host-gateway"\n      - "db=10.0.0.2"\n      - "v6:::1"\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 1G\n',
    ),
    {
      name: 'interpolated values are skipped',
      code: svc('    restart: ${RESTART:-always}\n    mem_limit: ${MEM}\n'),
    },
    {
      name: 'static network addresses',
      code: svc(
        '    networks:\n      front:\n        ipv4_address: 172.16.238.10\n        ipv6_address: "2001:3984:3989::10"\n        link_local_ips: [169.254.8.8, "fe80::1"]\n      back:\n      other: {ipv4_address: "${IP}"}\n',
      ),
    },
    {
      name: 'extra_hosts map form',
      code: svc('    extra_hosts:\n      db: 10.0.0.2\n      gw: host-gateway\n'),
    },
  ],
  invalid: [
    {
      name: 'static network addresses that are not IPs of their family',
      code: svc(
        '    networks:\n      front:\n        ipv4_address: 172.16.238.300\n        ipv6_address: 172.16.238.10\n        link_local_ips: [nope]\n',
      ),
      errors: [
        {
          line: 6,
          column: 23,
          endColumn: 37,
          message: /`networks.front.ipv4_address`: "172.16.238.300" is not an IPv4 address/,
        },
        {
          line: 7,
          column: 23,
          message: /`networks.front.ipv6_address`: "172.16.238.10" is not an IPv6 address/,
        },
        { line: 8, column: 26, message: /`link_local_ips` entry: "nope" is not an IP address/ },
      ],
    },
    {
      name: 'duration without unit and in words',
      code: svc(
        '    healthcheck:\n      interval: "30"\n      timeout: 5 seconds\n      start_period: 5 parsecs\n',
      ),
      errors: [
        { line: 5, column: 17, message: /write `30s`/ },
        { line: 6, column: 16, message: /write `5s`/ },
        { line: 7, column: 21, message: /not a duration/ },
      ],
    },
    {
      name: 'byte sizes',
      code: svc(
        '    mem_limit: lots\n    deploy:\n      resources:\n        limits:\n          memory: 2 gigs\n',
      ),
      errors: [
        { line: 4, column: 16, endColumn: 20, message: /`mem_limit`.*not a size/ },
        { line: 8, column: 19, message: /deploy\.resources\.limits\.memory/ },
      ],
    },
    {
      name: 'restart policy',
      code: svc('    restart: sometimes\n'),
      errors: [{ line: 4, column: 14, message: /not a restart policy/ }],
    },
    {
      name: 'booleans',
      code: svc('    privileged: "enabled"\n'),
      errors: [{ line: 4, column: 17, message: /not a boolean/ }],
    },
    {
      name: 'ports',
      code: svc(
        '    ports:\n      - "70000:80"\n      - "8080:80/http"\n      - "1.2.3:80:80"\n      - "8000-8010:9000-9005"\n      - 0\n      - target: 99999\n',
      ),
      errors: [
        { line: 5, column: 9, message: /70000 is out of range/ },
        { line: 6, column: 9, message: /not a protocol/ },
        { line: 7, column: 9, message: /not an IP address/ },
        { line: 8, column: 9, message: /different sizes/ },
        { line: 9, column: 9, message: /out of range/ },
        { line: 10, column: 17, message: /out of range/ },
      ],
    },
    {
      name: 'extra_hosts and negative counts',
      code: svc('    extra_hosts:\n      - "db:not-an-ip"\n    scale: -1\n    deploy:\n      replicas: -2\n'),
      errors: [
        { line: 5, column: 9, message: /not an IP address/ },
        { line: 6, column: 12, message: /`scale` cannot be negative/ },
        { line: 8, column: 17, message: /replicas/ },
      ],
    },
    {
      name: 'a bad value in an anchor is reported once',
      code: 'x-d: &d\n  restart: sometimes\nservices:\n  a:\n    <<: *d\n    image: x:1\n  b:\n    <<: *d\n    image: y:1\n',
      errors: [{ line: 2, column: 12 }],
    },
  ],
});

inEmptyShell('compose-invalid-value with interpolation', () => {
  const env = withDotenv('MEM=12x\nGRACE=30s\nPORT=70000\n');
  ruleTester('compose-invalid-value', {
    valid: [
      {
        code: 'services:\n  web:\n    image: web:1\n    restart: ${RESTART:-always}\n    mem_limit: ${NOPE}\n    stop_grace_period: ${GRACE}\n    ports:\n      - "${NOPE}:80"\n    read_only: ${RO:-true}\n',
        options: env,
      },
      {
        name: 'no project files: defaults are not trusted',
        code: 'services:\n  web:\n    restart: ${RESTART:-alwayz}\n',
      },
    ],
    invalid: [
      {
        code: 'services:\n  web:\n    image: web:1\n    restart: ${RESTART:-alwayz}\n    mem_limit: ${MEM}\n    ports:\n      - "${PORT}:80"\n    healthcheck:\n      interval: ${HC_INTERVAL:-10}\n',
        options: env,
        errors: [
          {
            line: 4,
            column: 14,
            endColumn: 32,
            message:
              /^Invalid `restart`: `\$\{RESTART:-alwayz\}` is `alwayz` \(RESTART is unset\), and "alwayz" is not a restart policy/,
          },
          {
            line: 5,
            column: 16,
            message: /`\$\{MEM\}` is `12x` \(MEM from .env line 1\), and "12x" is not a size/,
          },
          { line: 7, column: 9, message: /is `70000:80`.*out of range/ },
          { line: 9, column: 17, message: /"10" has no unit/ },
        ],
      },
    ],
  });
});
