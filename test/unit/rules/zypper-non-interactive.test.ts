import { ruleTester } from '../../helpers/rule-tester';

ruleTester('zypper-non-interactive', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive remove curl\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper in --no-confirm curl=8 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper refresh\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8 && zypper clean\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: /-n/ }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8 && zypper clean\n',
    },
    {
      name: 'rm and patch, ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper rm vim; zypper patch\n',
      errors: [
        { line: 2, column: 13, endColumn: 22 },
        { line: 2, column: 28, endColumn: 40 },
      ],
      output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n rm vim; zypper -n patch\n',
    },
  ],
});
