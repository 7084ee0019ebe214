import { ruleTester } from '../../helpers/rule-tester';

ruleTester('pip-no-cache-dir', {
  valid: [
    'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    'FROM python:3.12\nRUN pip --no-cache-dir install -r requirements.txt\n',
    'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12\nARG PIP_NO_CACHE_DIR=on\nRUN pip install -r requirements.txt\n',
    'ARG PIP_NO_CACHE_DIR=yes\nFROM python:3.12\nARG PIP_NO_CACHE_DIR\nRUN pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    'FROM python:3.12\nRUN pipx install black==24.1.0 && pipenv install\n',
  ],
  invalid: [
    {
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /--no-cache-dir/ }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'a falsy PIP_NO_CACHE_DIR; python -m pip; ONBUILD',
      code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN python3 -m pip install -U pip==24.0\nONBUILD RUN pip3 install -r r.txt\n',
      errors: [
        { line: 3, column: 5, endColumn: 27 },
        { line: 4, column: 13, endColumn: 25 },
      ],
      output:
        'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN python3 -m pip install --no-cache-dir -U pip==24.0\nONBUILD RUN pip3 install --no-cache-dir -r r.txt\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR set in another stage does not count',
      code: 'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install -r r.txt\n',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install --no-cache-dir -r r.txt\n',
    },
  ],
});
