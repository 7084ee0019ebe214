import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../../server/src/core/compose/project';

const BAD =
  'services:\n  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: postgres:17\n    profiles: [dev]\n';

describe('with an empty shell environment', () => {
  before(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  ruleTester('compose-depends-on-profile-service', {
    valid: [
      'services:\n  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: postgres:17\n',
      {
        name: 'both share a profile',
        code: 'services:\n  web:\n    image: web:1\n    profiles: [dev, prod]\n    depends_on: [db]\n  db:\n    image: postgres:17\n    profiles: [dev]\n',
      },
      {
        name: 'a profiled service may depend on an always-on one',
        code: 'services:\n  admin:\n    image: pgadmin:8\n    profiles: [debug]\n    depends_on: [db]\n  db:\n    image: postgres:17\n',
      },
      {
        name: 'required: false',
        code: 'services:\n  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_started\n        required: false\n  db:\n    image: postgres:17\n    profiles: [dev]\n',
      },
      {
        name: 'extends is resolved when the file is loaded: a profiled template is fine',
        code: 'services:\n  base:\n    image: app:1\n    profiles: [never]\n  web:\n    extends: base\n',
      },
      {
        name: 'a service that may inherit profiles through extends is not judged',
        code: 'services:\n  base:\n    image: app:1\n    profiles: [tools]\n  job:\n    extends:\n      service: base\n    depends_on: [db]\n  db:\n    image: postgres:17\n    profiles: [tools]\n',
      },
      {
        name: "undefined services are another rule's business",
        code: 'services:\n  web:\n    image: web:1\n    depends_on: [nope]\n',
      },
      {
        name: 'COMPOSE_PROFILES in .env activates the profile',
        code: BAD,
        options: {
          path: '/p/compose.yaml',
          fs: new MemoryFileSystem({ '/p/.env': 'COMPOSE_PROFILES=dev,debug\n' }),
        },
      },
      {
        name: 'COMPOSE_PROFILES=*',
        code: BAD,
        options: { path: '/p/compose.yaml', fs: new MemoryFileSystem({ '/p/.env': 'COMPOSE_PROFILES=*\n' }) },
      },
    ],
    invalid: [
      {
        code: BAD,
        errors: [
          {
            line: 4,
            column: 18,
            endColumn: 20,
            message:
              /`web` has no profile, so it is always started, but `db` \(its `depends_on`\) is only enabled by profile `dev`: `docker compose up` stops with "service db is required by web but is disabled".*`required: false`/,
          },
        ],
      },
      {
        name: 'links, network_mode, volumes_from, long depends_on; several profiles',
        code: 'services:\n  app:\n    image: app:1\n    links: ["cache:redis"]\n    network_mode: "service:vpn"\n    volumes_from: [data:ro]\n    depends_on:\n      db:\n        condition: service_healthy\n  cache:\n    image: redis:7\n    profiles: [a, b]\n  vpn:\n    image: wg:1\n    profiles: [vpn]\n  data:\n    image: busybox:1\n    profiles: [data]\n  db:\n    image: postgres:17\n    profiles: [db]\n',
        errors: [
          {
            line: 4,
            column: 14,
            endColumn: 19,
            message: /profile `a` or `b`: .*unless one of them is active.*drop `cache`'s `profiles`\.$/,
          },
          { line: 5, column: 28, endColumn: 31, message: /its `network_mode`/ },
          { line: 6, column: 20, endColumn: 24, message: /its `volumes_from`/ },
          { line: 8, column: 7, endColumn: 9 },
        ],
      },
      {
        name: 'the profile is set in the override file of the project',
        code: 'services:\n  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: postgres:17\n',
        options: {
          path: '/p/compose.yaml',
          fs: new MemoryFileSystem({ '/p/compose.override.yaml': 'services:\n  db:\n    profiles: [dev]\n' }),
        },
        errors: [{ line: 4, column: 18 }],
      },
    ],
  });
});
