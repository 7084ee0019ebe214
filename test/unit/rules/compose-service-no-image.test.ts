import { ruleTester } from '../../helpers/rule-tester';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';

ruleTester('compose-service-no-image', {
  valid: [
    'services:\n  a:\n    image: nginx:1.27\n  b:\n    build: .\n  c:\n    extends: a\n  d:\n    provider:\n      type: model\n',
    {
      name: 'image from a merge key',
      code: 'x-d: &d\n  image: nginx:1.27\nservices:\n  a:\n    <<: *d\n',
    },
    {
      name: 'the override completes a service of the base file',
      code: 'services:\n  web:\n    ports: ["8080:80"]\n',
      options: {
        path: '/p/compose.override.yaml',
        fs: new MemoryFileSystem({ '/p/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' }),
      },
    },
    {
      name: 'the base file completed by its override',
      code: 'services:\n  web:\n    ports: ["8080:80"]\n',
      options: {
        path: '/p/compose.yaml',
        fs: new MemoryFileSystem({ '/p/compose.override.yaml': 'services:\n  web:\n    build: .\n' }),
      },
    },
    {
      name: 'partial file alone',
      code: 'services:\n  web:\n    ports: ["8080:80"]\n',
      options: { path: '/p/compose.prod.yaml' },
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    ports: ["8080:80"]\n  ok:\n    image: x:1\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: /neither `image` nor `build`/ }],
    },
    {
      name: 'with a project that does not define it either',
      code: 'services:\n  web:\n    ports: ["8080:80"]\n',
      options: { path: '/p/compose.yaml', fs: new MemoryFileSystem({}) },
      errors: [{ line: 2, column: 3 }],
    },
  ],
});
