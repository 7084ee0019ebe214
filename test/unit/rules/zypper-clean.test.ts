import { ruleTester } from '../../helpers/rule-tester';

ruleTester('zypper-clean', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8 && zypper -n cc -a\n',
    'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl=8\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n remove curl\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8\n',
      errors: [{ line: 2, column: 5, endColumn: 22, message: /zypper clean/ }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8 && zypper clean --all\n',
    },
    {
      name: 'ONBUILD, zypper in',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper --non-interactive in vim=9\n',
      errors: [{ line: 2, column: 13, endColumn: 40 }],
      output:
        'FROM opensuse/leap:15.6\nONBUILD RUN zypper --non-interactive in vim=9 && zypper clean --all\n',
    },
  ],
});
