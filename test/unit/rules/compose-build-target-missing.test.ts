import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';

const opts = () => ({
  path: '/p/compose.yaml',
  fs: new MemoryFileSystem({
    '/p/Dockerfile': 'FROM node:22 AS deps\nRUN npm ci\nFROM deps AS build\nFROM nginx:1.27 AS runtime\n',
    '/p/api/Dockerfile.dev': 'FROM golang:1.23 AS dev\n',
  }),
});

ruleTester('compose-build-target-missing', {
  valid: [
    { code: 'services:\n  web:\n    build:\n      context: .\n      target: runtime\n', options: opts() },
    {
      code: 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile.dev\n      target: dev\n',
      options: opts(),
    },
    { name: 'no file system', code: 'services:\n  web:\n    build:\n      context: .\n      target: nope\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    build:\n      context: .\n      target: runtim\n',
      options: opts(),
      errors: [
        {
          line: 5,
          column: 15,
          endColumn: 21,
          message:
            /not a stage of Dockerfile \(stages: `deps`, `build`, `runtime`\)\. Did you mean `runtime`\?/,
        },
      ],
    },
  ],
});
