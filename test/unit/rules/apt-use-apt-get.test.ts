import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apt-use-apt-get', {
  valid: [
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt-cache policy curl\n',
    'FROM debian:12\nRUN apt-key add /tmp/key\n',
    'FROM debian:12\nRUN echo apt install\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt update\n',
      errors: [{ line: 2, column: 5, endColumn: 8, message: /apt-get/ }],
      output: 'FROM debian:12\nRUN apt-get update\n',
    },
    {
      name: 'search goes to apt-cache; full-upgrade to dist-upgrade',
      code: 'FROM debian:12\nRUN /usr/bin/apt search x; apt -y full-upgrade\n',
      errors: [
        { line: 2, column: 5, endColumn: 17, message: /apt-cache/ },
        { line: 2, column: 28, endColumn: 31 },
      ],
      output: 'FROM debian:12\nRUN /usr/bin/apt-cache search x; apt-get -y dist-upgrade\n',
    },
    {
      name: 'no fix for apt-only subcommands',
      code: 'FROM debian:12\nRUN apt list --installed\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'ONBUILD, through sudo',
      code: 'FROM debian:12\nONBUILD RUN sudo apt autoremove -y\n',
      errors: [{ line: 2, column: 18 }],
      output: 'FROM debian:12\nONBUILD RUN sudo apt-get autoremove -y\n',
    },
  ],
});
