import { ruleTester } from '../../helpers/rule-tester';

ruleTester('run-relink-bin-sh', {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\n',
    'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/mysh\n',
    'FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      errors: [{ line: 2, column: 5, endColumn: 29, message: /SHELL/ }],
    },
    {
      name: 'after other commands, in ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN rm /bin/sh && ln -s bash /usr/bin/sh\n',
      errors: [{ line: 2, column: 27 }],
    },
  ],
});
