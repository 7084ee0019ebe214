import { ruleTester } from '../../helpers/rule-tester';

ruleTester('undefined-var', {
  valid: [
    'FROM scratch\nARG DIR=/x\nCOPY a $DIR\nENV P=${UNSET:-d}\n',
    {
      name: 'base image env is unknown: no report without a near miss',
      code: 'FROM python:3\nENV PATH=$PATH:/x\nWORKDIR $PYTHON_HOME\n',
    },
    { name: 'RUN is left to the shell', code: 'FROM scratch\nRUN echo $NOPE\n' },
    { name: 'ENV through FROM <stage>', code: 'FROM scratch AS a\nENV D=/d\nFROM a\nWORKDIR $D\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3\nARG APP_DIR=/app\nWORKDIR $APP_DRI\n',
      errors: [{ line: 3, column: 9, endColumn: 17, message: /did you mean `APP_DIR`/ }],
    },
    {
      name: 'a global ARG is not visible in the stage',
      code: 'ARG VERSION=1\nFROM scratch\nLABEL version=$VERSION\n',
      errors: [{ line: 3, column: 15, message: /ARG VERSION/ }],
    },
    {
      name: 'flag values',
      code: 'FROM scratch\nARG UID=1\nCOPY --chown=$UDI a /a\n',
      errors: [{ line: 3, column: 14 }],
    },
  ],
});
