import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-container-name-regex', {
  valid: [
    'services:\n  a:\n    image: x:1\n    container_name: my_app.web-1\n',
    'services:\n  a:\n    image: x:1\n    container_name: ${NAME}\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: "my app"\n',
      errors: [{ line: 4, column: 21, endColumn: 29, message: /not valid/ }],
    },
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: -app\n',
      errors: [{ line: 4, column: 21 }],
    },
  ],
});

inEmptyShell('compose-container-name-regex with interpolation', () => {
  const env = withDotenv('NAME=my app\nOK=app\n');
  ruleTester('compose-container-name-regex', {
    valid: [
      {
        code: 'services:\n  a:\n    container_name: ${OK}-db\n  b:\n    container_name: ${NOPE}\n',
        options: env,
      },
    ],
    invalid: [
      {
        code: 'services:\n  a:\n    container_name: ${NAME}\n',
        options: env,
        errors: [
          {
            line: 3,
            column: 21,
            message:
              /Container name `my app` \(`\$\{NAME\}` is `my app` \(NAME from .env line 1\)\) is not valid/,
          },
        ],
      },
    ],
  });
});
