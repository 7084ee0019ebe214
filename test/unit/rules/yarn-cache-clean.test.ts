import { ruleTester } from '../../helpers/rule-tester';

ruleTester('yarn-cache-clean', {
  valid: [
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    'FROM node:20\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n',
    'FROM node:20\nRUN yarn build\n',
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n',
      errors: [{ line: 2, column: 5, endColumn: 17, message: /yarn cache clean/ }],
      output: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    },
    {
      name: 'a cache clean before the install does not count; ONBUILD',
      code: 'FROM node:20\nONBUILD RUN yarn cache clean && yarn install\n',
      errors: [{ line: 2, column: 33 }],
      output: 'FROM node:20\nONBUILD RUN yarn cache clean && yarn install && yarn cache clean\n',
    },
    {
      name: 'Yarn 2+ (--immutable): only a suggestion',
      code: 'FROM node:20\nRUN yarn install --immutable\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
