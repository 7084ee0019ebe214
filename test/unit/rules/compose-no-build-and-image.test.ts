import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-build-and-image', {
  valid: [
    'services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n',
    'services:\n  web:\n    build: .\n    image: me/web:1\n    pull_policy: build\n',
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
  ],
});
