import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-no-sudo', {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN echo sudo\n',
    'FROM debian:12\nRUN apt-get install -y sudo=1.9\n',
    'FROM debian:12\nRUN ["sudo", "ls"]\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo mkdir /x\n',
      errors: [{ line: 2, column: 5, endColumn: 9, message: /not needed/ }],
      output: 'FROM debian:12\nRUN mkdir /x\n',
    },
    {
      name: 'every sudo, across continuations; USER root keeps the fix',
      code: 'FROM debian:12\nUSER root\nRUN sudo mkdir /x \\\n && sudo \\\n    chown 1 /x\n',
      errors: [
        { line: 3, column: 5 },
        { line: 4, column: 5 },
      ],
      output: 'FROM debian:12\nUSER root\nRUN mkdir /x \\\n && chown 1 /x\n',
    },
    {
      name: 'sudo with options: no fix',
      code: 'FROM debian:12\nRUN sudo -u app make\n',
      errors: [{ line: 2, column: 5, message: /USER/ }],
    },
    {
      name: 'as a non-root user the removal is only a suggestion',
      code: 'FROM debian:12\nUSER app\nRUN sudo make install\n',
      errors: [{ line: 3, column: 5, message: /USER root/ }],
    },
    {
      name: 'ONBUILD and heredoc',
      code: 'FROM debian:12\nONBUILD RUN sudo ls\nRUN <<EOF\nsudo ls\nEOF\n',
      errors: [
        { line: 2, column: 13 },
        { line: 4, column: 1 },
      ],
      output: 'FROM debian:12\nONBUILD RUN ls\nRUN <<EOF\nls\nEOF\n',
    },
  ],
});
