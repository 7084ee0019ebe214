import { ruleTester } from '../../helpers/rule-tester';

ruleTester('zypper-pin-versions', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0.1 "git>=2.40" /tmp/x.rpm && zypper clean --all\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n install -t pattern devel_basis=1 && zypper clean --all\n',
    'FROM opensuse/leap:15.6\nRUN zypper -n remove curl\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all\n',
      errors: [{ line: 2, column: 23, endColumn: 27, message: /`curl=<version>`/ }],
    },
    {
      name: 'zypper in, ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in --no-recommends vim git=2.43 && zypper clean\n',
      errors: [{ line: 2, column: 42, endColumn: 45 }],
    },
  ],
});
