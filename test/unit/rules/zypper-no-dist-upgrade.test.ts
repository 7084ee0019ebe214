import { ruleTester } from '../../helpers/rule-tester';

ruleTester('zypper-no-dist-upgrade', {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n update\n',
    'FROM opensuse/leap:15.6\nRUN echo zypper dup\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n',
      errors: [{ line: 2, column: 5, endColumn: 27, message: /release/ }],
    },
    {
      name: 'dup, in ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper --non-interactive dup --no-recommends\n',
      errors: [{ line: 2, column: 13, endColumn: 41 }],
    },
  ],
});
