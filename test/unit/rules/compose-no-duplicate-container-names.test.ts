import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-no-duplicate-container-names', {
  valid: [
    'services:\n  a:\n    image: x:1\n    container_name: a\n  b:\n    image: x:1\n    container_name: b\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: app\n  b:\n    image: x:1\n    container_name: "app"\n',
      errors: [{ line: 7, column: 21, endColumn: 26, message: /already used by service `a`/ }],
    },
  ],
});

inEmptyShell('compose-no-duplicate-container-names with interpolation', () => {
  const env = withDotenv('P=app\n');
  ruleTester('compose-no-duplicate-container-names', {
    valid: [
      {
        code: 'services:\n  a:\n    container_name: ${NOPE}\n  b:\n    container_name: ${NOPE}\n',
        options: env,
      },
    ],
    invalid: [
      {
        code: 'services:\n  a:\n    container_name: app-db\n  b:\n    container_name: ${P}-db\n',
        options: env,
        errors: [
          {
            line: 5,
            column: 21,
            message: /Container name `app-db` \(`\$\{P\}-db` is `app-db`.*already used by service `a`/,
          },
        ],
      },
    ],
  });
});
