import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-pointless-command', {
  valid: [
    'FROM debian:12\nRUN apt-get install -y openssh-client procps vim\n',
    'FROM debian:12\nRUN command -v ps\n',
    'FROM debian:12\nRUN ssh-keygen -A\n',
    'FROM debian:12\nRUN echo service\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN service nginx start\n',
      errors: [{ line: 2, column: 5, endColumn: 12, message: /`service`/ }],
    },
    {
      name: 'in pipes, through sudo, in ONBUILD and heredocs',
      code: 'FROM debian:12\nRUN ps aux | grep x && sudo kill 1\nONBUILD RUN top -b\nRUN <<EOF\nmount -a\nEOF\n',
      errors: [
        { line: 2, column: 5, endColumn: 7 },
        { line: 2, column: 29, endColumn: 33 },
        { line: 3, column: 13 },
        { line: 5, column: 1 },
      ],
    },
  ],
});
