import { ruleTester } from '../../helpers/rule-tester';

ruleTester('label-key-invalid', {
  valid: [
    'FROM a:1\nLABEL org.opencontainers.image.title="x" version=1 maintainer_name=y\n',
    'FROM a:1\nLABEL $K=v\n',
  ],
  invalid: [
    {
      code: 'FROM a:1\nLABEL Version=1 com.docker.x=y a..b=1\n',
      errors: [
        { line: 2, column: 7, endColumn: 14, message: /lower-case/ },
        { line: 2, column: 17, message: /reserved/ },
        { line: 2, column: 32, message: /\.\./ },
      ],
    },
  ],
});
