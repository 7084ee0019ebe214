import { ruleTester } from '../../helpers/rule-tester';

ruleTester('invalid-definition-description', {
  valid: [
    '# VERSION of the tool\nARG VERSION=1\n# build compiles the app\nFROM a:1 AS build\n',
    'ARG V=1\n\n# unrelated\n\nFROM a:1\n',
    '# hadolint ignore=DL3006\nFROM a AS x\n',
  ],
  invalid: [
    {
      code: '# the version\nARG VERSION=1\n# compiles the app\nFROM a:1 AS build\n',
      errors: [
        { line: 1, column: 1 },
        { line: 3, column: 1, message: /`# build/ },
      ],
    },
  ],
});
