import { ruleTester } from '../../helpers/rule-tester';

ruleTester('pip-pin-versions', {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.31.0 "flask>=3,<4" django~=5.0\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir --requirement=req.txt extra\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir -c constraints.txt requests\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir . ./lib /tmp/x.whl dist/pkg-1.0.tar.gz\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir git+https://github.com/psf/requests@v2.31.0\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir -e ./src -i https://pypi.example/simple "$PKG"\n',
    'FROM python:3.12\nRUN pip download requests\n',
    'FROM python:3.12\nRUN pipx install black\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install --no-cache-dir requests flask==3.0.0\n',
      errors: [{ line: 2, column: 32, endColumn: 40, message: /`requests==<version>`/ }],
    },
    {
      name: 'python -m pip, pip3.12, extras, VCS without a ref, ONBUILD',
      code:
        "FROM python:3.12\nRUN python3 -m pip install --no-cache-dir --upgrade pip 'uvicorn[standard]'\n" +
        'ONBUILD RUN pip3.12 install --no-cache-dir git+https://github.com/x/y.git\n',
      errors: [
        { line: 2, column: 53, endColumn: 56 },
        { line: 2, column: 57, endColumn: 76 },
        { line: 3, column: 44 },
      ],
    },
  ],
});
