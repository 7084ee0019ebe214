import { ruleTester } from '../../helpers/rule-tester';

const BAD = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n';

ruleTester('compose-source-bind-mount', {
  valid: [
    'services:\n  web:\n    build: .\n    volumes:\n      - uploads:/app/uploads\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./data:/var/lib/data\nvolumes:\n  uploads: {}\n',
    { name: 'override file', code: BAD, options: { path: '/p/compose.override.yaml' } },
    { name: 'docker-compose.override.yml', code: BAD, options: { path: '/p/docker-compose.override.yml' } },
    { name: 'dev file', code: BAD, options: { path: '/p/docker-compose.dev.yml' } },
    { name: 'local file with dashes', code: BAD, options: { path: '/p/docker-compose-local.yaml' } },
    { name: 'devcontainer', code: BAD, options: { path: '/p/.devcontainer/docker-compose.yml' } },
    {
      name: 'a subdirectory that is not the build context',
      code: 'services:\n  web:\n    build: ./api\n    volumes:\n      - ./api/config:/app/config\n',
    },
    {
      name: 'a named volume called like a dot-path is not possible; absolute paths are not judged',
      code: 'services:\n  a:\n    image: a:1\n    volumes: ["/srv/app:/app"]\n',
    },
  ],
  invalid: [
    {
      code: BAD,
      options: { path: '/p/compose.yaml' },
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 10,
          message:
            /Service `web` bind-mounts the project directory over `\/app`: .*not the code built into its image.*compose\.override\.yaml/,
        },
      ],
    },
    {
      name: 'without a path (unsaved file): judged as a main file; ./, ${PWD}, $PWD, quoted',
      code: 'services:\n  a:\n    image: node:22\n    volumes:\n      - ./:/code\n      - "${PWD}:/app"\n      - $PWD/:/srv\n      - ${PWD:-.}:/x\n',
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 11,
          message: /project directory over `\/code`: the container runs the files on the host\. /,
        },
        { line: 6, column: 10, endColumn: 16 },
        { line: 7, column: 9 },
        { line: 8, column: 9 },
      ],
    },
    {
      name: 'long syntax, and the build context of the service',
      code: 'services:\n  api:\n    build:\n      context: ./api\n    volumes:\n      - type: bind\n        source: .\n        target: /repo\n      - ./api/:/usr/src/app\n  prod:\n    build: ./api\n    volumes: [./api:/srv]\n',
      options: { path: '/p/compose.prod.yaml' },
      errors: [
        { line: 7, column: 17 },
        { line: 9, column: 9, endColumn: 15, message: /the build context `.\/api\/` over `\/usr\/src\/app`/ },
        { line: 12, column: 15 },
      ],
    },
  ],
});
