import { ruleTester } from '../../helpers/rule-tester';

ruleTester('useradd-no-log-init', {
  valid: [
    'FROM debian:12\nRUN useradd -u 1000 app\n',
    'FROM debian:12\nRUN useradd -l -u 100000 app\n',
    'FROM debian:12\nRUN useradd --no-log-init --uid=100000 app\n',
    'FROM debian:12\nRUN useradd -lm -u 1000000 app\n',
    'FROM debian:12\nRUN useradd -u "$UID" app\n',
    'FROM debian:12\nRUN useradd app\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd -u 100000 app\n',
      errors: [{ line: 2, column: 5, endColumn: 12, message: /-l/ }],
      output: 'FROM debian:12\nRUN useradd -l -u 100000 app\n',
    },
    {
      name: '--uid=, -u attached, ONBUILD',
      code: 'FROM debian:12\nRUN useradd --uid=1234567 a && useradd -u7654321 b\nONBUILD RUN useradd -u 999999 c\n',
      errors: [
        { line: 2, column: 5 },
        { line: 2, column: 32 },
        { line: 3, column: 13 },
      ],
      output:
        'FROM debian:12\nRUN useradd -l --uid=1234567 a && useradd -l -u7654321 b\nONBUILD RUN useradd -l -u 999999 c\n',
    },
  ],
});
