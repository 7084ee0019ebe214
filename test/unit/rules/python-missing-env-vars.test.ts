import { ruleTester } from '../../helpers/rule-tester';

ruleTester('python-missing-env-vars', {
  valid: [
    'FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n',
    { name: 'not a Python image', code: 'FROM node:22\nRUN true\n' },
    {
      name: 'only the final stage counts',
      code: 'FROM python:3.12 AS build\nRUN pip wheel .\nFROM debian:12-slim\n',
    },
    {
      name: 'set in a base stage, legacy form, any value',
      code: 'FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED 1\nENV PYTHONDONTWRITEBYTECODE=yes\nFROM base\nCMD ["python"]\n',
    },
    { name: 'image from an ARG without default', code: 'ARG IMG\nFROM $IMG\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCMD ["python", "app.py"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 22,
          message: /`PYTHONDONTWRITEBYTECODE=1` and `PYTHONUNBUFFERED=1`.*docker logs/,
        },
      ],
      output:
        'FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nWORKDIR /app\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'merged into an existing ENV of the final stage',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nENV PYTHONUNBUFFERED=1 APP_ENV=prod\n',
      errors: [
        { line: 1, column: 6, message: /`PYTHONDONTWRITEBYTECODE=1`: without PYTHONDONTWRITEBYTECODE/ },
      ],
      output:
        'FROM python:3.12-slim\nWORKDIR /app\nENV PYTHONUNBUFFERED=1 APP_ENV=prod PYTHONDONTWRITEBYTECODE=1\n',
    },
    {
      name: 'multi-line ENV keeps its layout; CRLF',
      code: 'FROM python:3.12-slim AS app\r\nENV A=1 \\\r\n    B=2\r\n',
      errors: [{ line: 1, column: 6 }],
      output:
        'FROM python:3.12-slim AS app\r\nENV A=1 \\\r\n    B=2 \\\r\n    PYTHONDONTWRITEBYTECODE=1 \\\r\n    PYTHONUNBUFFERED=1\r\n',
    },
    {
      name: 'through a global ARG; lower-case file; a legacy ENV is not merged into',
      code: 'ARG PY=3.12\nfrom docker.io/library/python:${PY}-alpine\nenv LANG C.UTF-8\n',
      errors: [{ line: 2, column: 6 }],
      output:
        'ARG PY=3.12\nfrom docker.io/library/python:${PY}-alpine\nenv PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\nenv LANG C.UTF-8\n',
    },
  ],
});
