import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-depends-on-healthy', {
  valid: [
    'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n  db:\n    image: postgres:16\n  cache:\n    image: example/cache:1\n',
    'services:\n  web:\n    image: a:1\n    depends_on: [api]\n  api:\n    image: b:1\n',
    {
      name: 'healthcheck disabled on purpose',
      code: 'services:\n  web:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16\n    healthcheck:\n      disable: true\n',
    },
  ],
  invalid: [
    {
      name: 'list form: long form plus a healthcheck for postgres',
      code: 'services:\n  web:\n    image: a:1\n    depends_on:\n      - db\n      - api\n  api:\n    image: b:1\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: app\n',
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 11,
          message: /PostgreSQL container `db`.*with a `healthcheck` on `db`/,
        },
      ],
      output:
        'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      api:\n        condition: service_started\n  api:\n    image: b:1\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_DB: app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s\n',
    },
    {
      name: 'flow list, existing healthcheck',
      code: 'services:\n  web:\n    image: a:1\n    depends_on: [redis]\n  redis:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      errors: [{ line: 4, column: 18, message: /Redis container `redis`.*service_healthy`\.$/ }],
      output:
        'services:\n  web:\n    image: a:1\n    depends_on:\n      redis:\n        condition: service_healthy\n  redis:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
    },
    {
      name: 'long form: condition replaced, or added',
      code: 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n      mongo:\n        restart: true\n  db:\n    image: mysql:8.4\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping"]\n  mongo:\n    image: mongo:8\n    healthcheck:\n      test: ["CMD", "mongosh", "--eval", "1"]\n',
      errors: [
        { line: 5, column: 7 },
        { line: 7, column: 7 },
      ],
      output:
        'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      mongo:\n        restart: true\n        condition: service_healthy\n  db:\n    image: mysql:8.4\n    healthcheck:\n      test: ["CMD", "mysqladmin", "ping"]\n  mongo:\n    image: mongo:8\n    healthcheck:\n      test: ["CMD", "mongosh", "--eval", "1"]\n',
    },
    {
      name: 'no healthcheck known for the image: reported without a fix',
      code: 'services:\n  web:\n    image: a:1\n    depends_on: [es]\n  es:\n    image: elasticsearch:8.15.3\n',
      errors: [{ line: 4, column: 18, message: /Elasticsearch/ }],
    },
    {
      name: 'two services on one database: the healthcheck is added once',
      code: 'services:\n  a:\n    image: a:1\n    depends_on: [db]\n  b:\n    image: b:1\n    depends_on: [db]\n  db:\n    image: mariadb:11\n',
      errors: [
        { line: 4, column: 18 },
        { line: 7, column: 18 },
      ],
      output:
        'services:\n  a:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n  b:\n    image: b:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: mariadb:11\n    healthcheck:\n      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s\n',
    },
    {
      name: 'CRLF line endings are kept',
      code: 'services:\r\n  web:\r\n    image: a:1\r\n    depends_on: [cache]\r\n  cache:\r\n    image: valkey/valkey:8\r\n',
      errors: [{ line: 4, column: 18, message: /Valkey/ }],
      output:
        'services:\r\n  web:\r\n    image: a:1\r\n    depends_on:\r\n      cache:\r\n        condition: service_healthy\r\n  cache:\r\n    image: valkey/valkey:8\r\n    healthcheck:\r\n      test: ["CMD", "valkey-cli", "ping"]\r\n      interval: 10s\r\n      timeout: 5s\r\n      retries: 5\r\n      start_period: 30s\r\n',
    },
  ],
});

inEmptyShell('compose-depends-on-healthy with interpolation', () => {
  const env = withDotenv('PG_TAG=latest\n');
  ruleTester('compose-depends-on-healthy', {
    valid: [
      {
        name: 'image unknown',
        code: 'services:\n  db:\n    image: ${DB_IMAGE}\n  web:\n    image: web:1\n    depends_on:\n      - db\n',
        options: env,
      },
    ],
    invalid: [
      {
        name: 'the image is postgres once resolved',
        code: 'services:\n  db:\n    image: postgres:${PG_TAG}\n  web:\n    image: web:1\n    depends_on:\n      - db\n',
        options: env,
        errors: [{ line: 7, column: 9, message: /the PostgreSQL container `db`/ }],
        output:
          'services:\n  db:\n    image: postgres:${PG_TAG}\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 30s\n  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_healthy\n',
      },
      {
        name: 'from a default',
        code: 'services:\n  db:\n    image: ${DB_IMAGE:-redis:7}\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_started\n',
        options: env,
        errors: [{ line: 9, column: 7, message: /the Redis container `db`/ }],
        output:
          'services:\n  db:\n    image: ${DB_IMAGE:-redis:7}\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_healthy\n',
      },
    ],
  });
});
