import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-build-and-image', {
  valid: [
    'services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n',
    'services:\n  web:\n    build: .\n    image: me/web:1\n    pull_policy: build\n',
    {
      name: '`build: !reset null` removes build (override file)',
      code: 'services:\n  web:\n    build: !reset null\n    image: registry.example.com/web:1.0\n',
    },
    {
      name: '`build: !reset` with no value',
      code: 'services:\n  web:\n    build: !reset\n    image: registry.example.com/web:1.0\n',
    },
    {
      name: '`image: !reset` in flow style',
      code: 'services:\n  web: {build: ., image: !reset ""}\n',
    },
    {
      name: 'a `!reset` key also removes the key a merge brings',
      code: 'x-base: &base\n  build: .\nservices:\n  web:\n    <<: *base\n    build: !reset {}\n    image: me/web:1\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    build: .\n    image: me/web:1\n',
      errors: [{ line: 3, column: 5, endColumn: 10, message: /both `build` and `image`/ }],
    },
    {
      name: 'checkPullPolicy off',
      code: 'services:\n  web:\n    image: me/web:1\n    build: .\n    pull_policy: build\n',
      options: { config: { rules: { 'compose-no-build-and-image': ['info', { checkPullPolicy: false }] } } },
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: '`!override` keeps the key',
      code: 'services:\n  web:\n    build: !override .\n    image: me/web:1\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
