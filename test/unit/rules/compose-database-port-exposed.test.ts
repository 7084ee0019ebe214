import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-database-port-exposed', {
  valid: [
    {
      name: 'a same-named service in an extends file is not the one it extends',
      code: 'services:\n  db:\n    extends:\n      file: common.yaml\n      service: base\n    ports: ["5432:5432"]\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({
          '/p/common.yaml': 'services:\n  base:\n    image: nginx:1\n  db:\n    image: postgres:16\n',
        }),
      },
    },
    'services:\n  db:\n    image: postgres:16\n    ports: ["127.0.0.1:5432:5432"]\n  web:\n    image: nginx:1.27\n    ports: ["80:80"]\n',
    'services:\n  db:\n    image: postgres:16\n    expose: ["5432"]\n',
    'services:\n  db:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n',
  ],
  invalid: [
    {
      name: 'the image comes from the service it extends in another file',
      code: 'services:\n  db:\n    extends:\n      file: common.yaml\n      service: pg\n    ports: ["5432:5432"]\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({ '/p/common.yaml': 'services:\n  pg:\n    image: postgres:16\n' }),
      },
      errors: [{ line: 6, column: 13, message: /PostgreSQL port/ }],
      output:
        'services:\n  db:\n    extends:\n      file: common.yaml\n      service: pg\n    ports: ["127.0.0.1:5432:5432"]\n',
    },
    {
      name: 'short syntax, quoted, plain, with 0.0.0.0 and container-only',
      code: 'services:\n  db:\n    image: docker.io/library/postgres:16\n    ports:\n      - "5432:5432" # psql\n      - 5433:5432\n      - "0.0.0.0:5434:5432"\n      - 5432\n      - "5435"\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: /PostgreSQL port `5432:5432` of service `db` is published on all interfaces/,
        },
        { line: 6, column: 9 },
        { line: 7, column: 9 },
        { line: 8, column: 9 },
        { line: 9, column: 9 },
      ],
      output:
        'services:\n  db:\n    image: docker.io/library/postgres:16\n    ports:\n      - "127.0.0.1:5432:5432" # psql\n      - 127.0.0.1:5433:5432\n      - "127.0.0.1:5434:5432"\n      - "127.0.0.1::5432"\n      - "127.0.0.1::5435"\n',
    },
    {
      name: 'long syntax gets host_ip',
      code: 'services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n',
      errors: [{ line: 6, column: 20, message: /Redis port 6379/ }],
      output:
        'services:\n  cache:\n    image: redis:7\n    ports:\n      - target: 6379\n        published: 6379\n        host_ip: 127.0.0.1\n',
    },
    {
      name: 'IPv6 all-interfaces is reported without a fix',
      code: 'services:\n  db:\n    image: mysql:8\n    ports: ["[::]:3306:3306"]\n',
      errors: [{ line: 4, column: 13, message: /MySQL/ }],
    },
  ],
});

inEmptyShell('compose-database-port-exposed with interpolation', () => {
  const env = withDotenv('PG_TAG=16\nDB_PORT=5432\n');
  ruleTester('compose-database-port-exposed', {
    valid: [
      {
        name: 'port variable unset: unknown',
        code: 'services:\n  db:\n    image: postgres:${PG_TAG}\n    ports:\n      - "${NOPE}:5432"\n',
        options: env,
      },
      {
        name: 'bound to localhost by a default',
        code: 'services:\n  db:\n    image: postgres:${PG_TAG}\n    ports:\n      - "${BIND:-127.0.0.1}:${DB_PORT}:5432"\n',
        options: env,
      },
      {
        name: 'image unknown',
        code: 'services:\n  db:\n    image: ${DB_IMAGE}\n    ports:\n      - "${DB_PORT}:5432"\n',
        options: env,
      },
    ],
    invalid: [
      {
        name: 'image and port from .env: the prefix fix keeps the variable',
        code: 'services:\n  db:\n    image: postgres:${PG_TAG}\n    ports:\n      - "${DB_PORT}:5432"\n',
        options: env,
        errors: [
          {
            line: 5,
            column: 9,
            message:
              /^`\$\{DB_PORT\}:5432` is `5432:5432` \(DB_PORT from .env line 2\): PostgreSQL port `5432:5432`/,
          },
        ],
        output:
          'services:\n  db:\n    image: postgres:${PG_TAG}\n    ports:\n      - "127.0.0.1:${DB_PORT}:5432"\n',
      },
      {
        name: 'host IP from a default: no fix (it would replace the variable)',
        code: 'services:\n  db:\n    image: ${DB_IMAGE:-mysql:8}\n    ports:\n      - "${BIND:-0.0.0.0}:3306:3306"\n      - published: ${DB_PORT}\n        target: 3306\n        host_ip: ${BIND:-0.0.0.0}\n',
        options: env,
        errors: [
          { line: 5, column: 9, message: /is `0.0.0.0:3306:3306` \(BIND is unset\): MySQL port/ },
          { line: 6, column: 20, message: /MySQL port 5432 of service `db`/ },
        ],
      },
    ],
  });
});
