import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';

const base = 'services:\n  web:\n    image: nginx:1.27\n';

ruleTester('compose-undefined-reference', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n    networks: [default, front]\n    volumes:\n      - data:/data\n      - ./src:/src\n      - /abs:/abs\n      - ~/x:/x\n    secrets: [token]\n  db:\n    image: postgres:16\nnetworks:\n  front: {}\nvolumes:\n  data:\nsecrets:\n  token:\n    file: ./token.txt\n',
    {
      name: 'depends_on long form, links with alias, volumes_from, network_mode service:',
      code: 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n    links: ["db:database"]\n    volumes_from: ["db:ro", "container:other"]\n    network_mode: "service:db"\n  db:\n    image: b:1\n',
    },
    {
      name: 'definitions from the base file of an override',
      code: 'services:\n  web:\n    depends_on: [db]\n    networks: [front]\n',
      options: {
        path: '/p/compose.override.yaml',
        fs: new MemoryFileSystem({
          '/p/compose.yaml':
            'services:\n  web:\n    image: a:1\n  db:\n    image: b:1\nnetworks:\n  front: {}\n',
        }),
      },
    },
    {
      name: 'definitions from an included file',
      code: 'include:\n  - ./db/compose.yaml\nservices:\n  web:\n    image: a:1\n    depends_on: [db]\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({ '/p/db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' }),
      },
    },
    {
      name: 'a partial file extends the default file two directories up',
      code: 'services:\n  agent:\n    image: a:1\n    networks: [elk]\n    depends_on: [elasticsearch]\n',
      options: {
        path: '/p/extensions/agent/agent-compose.yml',
        fs: new MemoryFileSystem({
          '/p/docker-compose.yml': 'services:\n  elasticsearch:\n    image: e:8\nnetworks:\n  elk: {}\n',
        }),
      },
    },
    {
      name: 'an override file in single-file mode is not judged alone',
      code: 'services:\n  web:\n    depends_on: [db]\n',
      options: { path: '/p/compose.override.yaml' },
    },
    {
      name: 'a partial file in single-file mode is not judged alone',
      code: 'services:\n  web:\n    image: a:1\n    depends_on: [db]\n',
      options: { path: '/p/ext/x-compose.yml' },
    },
    { name: 'interpolated names are skipped', code: base + '    networks: ["${NET}"]\n' },
  ],
  invalid: [
    {
      name: 'misspelt service: fix renames to the closest name',
      code: 'services:\n  web:\n    image: a:1\n    depends_on:\n      - backnd\n  backend:\n    image: example/api:2\n',
      errors: [{ line: 5, column: 9, endColumn: 15, message: /service `backnd`.*Did you mean `backend`\?/ }],
      output:
        'services:\n  web:\n    image: a:1\n    depends_on:\n      - backend\n  backend:\n    image: example/api:2\n',
    },
    {
      name: 'missing volume: fix declares it in the existing section',
      code: base + '    volumes:\n      - "data:/var/lib/data:ro"\nvolumes:\n  cache: {} # keep\n',
      errors: [{ line: 5, column: 10, endColumn: 14, message: /volume `data`/ }],
      output:
        base + '    volumes:\n      - "data:/var/lib/data:ro"\nvolumes:\n  cache: {} # keep\n  data: {}\n',
    },
    {
      name: 'missing network: section created at the end, once for two references',
      code: 'services:\n  web:\n    image: a:1\n    networks: [front]\n  api:\n    image: b:1\n    networks:\n      front:\n        aliases: [api]\n',
      errors: [
        { line: 4, column: 16 },
        { line: 8, column: 7 },
      ],
      output:
        'services:\n  web:\n    image: a:1\n    networks: [front]\n  api:\n    image: b:1\n    networks:\n      front:\n        aliases: [api]\n\nnetworks:\n  front: {}\n',
    },
    {
      name: 'missing network in an empty section and a flow section',
      code: base + '    networks: [a]\nnetworks:\n',
      errors: [{ line: 4, column: 16 }],
      output: base + '    networks: [a]\nnetworks:\n  a: {}\n',
    },
    {
      name: 'flow map section',
      code: base + '    networks: [a]\nnetworks: {b: {}}\n',
      errors: [{ line: 4, column: 16, message: /Defined: `b`/ }],
      output: base + '    networks: [a]\nnetworks: {b: {}, a: {}}\n',
    },
    {
      name: 'secrets: declaring one needs a file, so only a suggestion',
      code: base + '    secrets:\n      - source: api_key\n        target: key\n',
      errors: [{ line: 5, column: 17, message: /secret `api_key`/ }],
      suggestions: [
        {
          title: 'Declare the secret `api_key` from a file',
          output:
            base +
            '    secrets:\n      - source: api_key\n        target: key\n\nsecrets:\n  api_key:\n    file: ./secrets/api_key\n',
        },
      ],
    },
    {
      name: 'declaring a secret under an existing block `secrets:` nests `file:` below the name',
      code: 'services:\n  web:\n    image: nginx:1.27\n    secrets: [dbpass]\nsecrets:\n  other:\n    file: ./x\n',
      errors: [{ line: 4, column: 15, message: /secret `dbpass`/ }],
      suggestions: [
        {
          title: /Declare the secret `dbpass`/,
          output:
            'services:\n  web:\n    image: nginx:1.27\n    secrets: [dbpass]\nsecrets:\n  other:\n    file: ./x\n  dbpass:\n    file: ./secrets/dbpass\n',
        },
      ],
    },
    {
      name: 'declaring a config in a flow `configs: {}` and under an empty `configs:`',
      code: 'services:\n  web:\n    image: nginx:1.27\n    configs: [cfg]\nconfigs: {}\n',
      errors: [{ line: 4, column: 15, message: /config `cfg`/ }],
      suggestions: [
        {
          title: /Declare the config `cfg`/,
          output:
            'services:\n  web:\n    image: nginx:1.27\n    configs: [cfg]\nconfigs: {cfg: {file: ./configs/cfg}}\n',
        },
      ],
    },
    {
      name: 'declaring a secret under `secrets:` with nothing after it',
      code: 'services:\n  web:\n    image: nginx:1.27\n    secrets: [dbpass]\nsecrets:\n',
      errors: [{ line: 4, column: 15, message: /secret `dbpass`/ }],
      suggestions: [
        {
          title: /Declare the secret `dbpass`/,
          output:
            'services:\n  web:\n    image: nginx:1.27\n    secrets: [dbpass]\nsecrets:\n  dbpass:\n    file: ./secrets/dbpass\n',
        },
      ],
    },
    {
      name: 'network_mode service:, links, volumes_from, extends',
      code: 'services:\n  web:\n    image: a:1\n    network_mode: "service:vpn"\n    links: [cache]\n    volumes_from: [store:ro]\n  w2:\n    extends: base\n',
      errors: [
        { line: 4, column: 28, message: /`network_mode`/ },
        { line: 5, column: 13, message: /`links`/ },
        { line: 6, column: 20, message: /`volumes_from`/ },
        { line: 8, column: 14, message: /`extends`/ },
      ],
    },
    {
      name: "services, networks and volumes of an extends.file target are not the project's",
      code: 'name: p11\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [base, helper]\n    networks: [extnet]\n    volumes: [extvol:/x]\n  app:\n    extends:\n      file: common.yaml\n      service: base\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({
          '/p/common.yaml':
            'services:\n  base:\n    image: alpine:3.20\n  helper:\n    image: alpine:3.20\nnetworks:\n  extnet: {}\nvolumes:\n  extvol: {}\n',
        }),
      },
      errors: [
        { line: 5, column: 18, message: /service `base`/ },
        { line: 5, column: 24, message: /service `helper`/ },
        { line: 6, column: 16, message: /network `extnet`/ },
        { line: 7, column: 15, message: /volume `extvol`/ },
      ],
      output:
        'name: p11\nservices:\n  web:\n    image: nginx:1.27\n    depends_on: [base, helper]\n    networks: [extnet]\n    volumes: [extvol:/x]\n  app:\n    extends:\n      file: common.yaml\n      service: base\n\nnetworks:\n  extnet: {}\n\nvolumes:\n  extvol: {}\n',
    },
    {
      name: 'extends.file: the service must exist there',
      code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: bse\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({ '/p/common.yaml': 'services:\n  base:\n    image: a:1\n' }),
      },
      errors: [
        {
          line: 5,
          column: 16,
          endColumn: 19,
          message: /`common.yaml` has no service `bse` to extend\. Did you mean `base`\?/,
        },
      ],
      output: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n',
    },
    {
      name: 'missing network: the new section goes after `services:`, before `volumes:` (usual top-level order)',
      code: 'services:\n  web:\n    image: a:1\n    volumes: [data:/d]\n    networks:\n      - elk\n    # a comment of the service\n\n# volumes\nvolumes:\n  data:\n',
      errors: [{ line: 6, column: 9, message: /network `elk`/ }],
      output:
        'services:\n  web:\n    image: a:1\n    volumes: [data:/d]\n    networks:\n      - elk\n    # a comment of the service\n\nnetworks:\n  elk: {}\n\n# volumes\nvolumes:\n  data:\n',
    },
    {
      name: 'missing volume: after `networks:`, before `secrets:`, with no blank lines',
      code: 'services:\n  web:\n    image: a:1\n    volumes: [data:/d]\n    secrets: [s]\nnetworks:\n  n: {}\nsecrets:\n  s:\n    file: ./s\n',
      errors: [{ line: 4, column: 15, message: /volume `data`/ }],
      output:
        'services:\n  web:\n    image: a:1\n    volumes: [data:/d]\n    secrets: [s]\nnetworks:\n  n: {}\nvolumes:\n  data: {}\nsecrets:\n  s:\n    file: ./s\n',
    },
    {
      name: 'CRLF file',
      code: 'services:\r\n  web:\r\n    image: a:1\r\n    volumes: [data:/d]\r\n',
      errors: [{ line: 4, column: 15 }],
      output:
        'services:\r\n  web:\r\n    image: a:1\r\n    volumes: [data:/d]\r\n\r\nvolumes:\r\n  data: {}\r\n',
    },
  ],
});
