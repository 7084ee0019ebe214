import { ruleTester } from '../../helpers/rule-tester';

ruleTester('apt-assume-yes', {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get -qq install --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get install --yes --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get install -qy --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get install -s --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN yes | apt-get install --no-install-recommends curl=1\n',
    'FROM debian:12\nRUN apt-get update\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install --no-install-recommends curl=1\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: /without `-y`/ }],
      output: 'FROM debian:12\nRUN apt-get -y install --no-install-recommends curl=1\n',
    },
    {
      name: 'a single -q is not enough; remove and autoremove prompt too',
      code: 'FROM debian:12\nRUN apt-get -q remove curl \\\n && apt-get autoremove\n',
      errors: [
        { line: 2, column: 5, endColumn: 22 },
        { line: 3, column: 5, endColumn: 23 },
      ],
      output: 'FROM debian:12\nRUN apt-get -y -q remove curl \\\n && apt-get -y autoremove\n',
    },
    {
      name: 'sudo apt in ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN sudo apt upgrade\n',
      errors: [{ line: 2, column: 18, endColumn: 29 }],
      output: 'FROM debian:12\nONBUILD RUN sudo apt -y upgrade\n',
    },
  ],
});
