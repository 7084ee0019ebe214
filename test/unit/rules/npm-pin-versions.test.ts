import { ruleTester } from '../../helpers/rule-tester';

ruleTester('npm-pin-versions', {
  valid: [
    'FROM node:20\nRUN npm install\n',
    'FROM node:20\nRUN npm ci\n',
    'FROM node:20\nRUN npm install -g typescript@5.4.5 @angular/cli@17.3.0 nodemon@^3\n',
    'FROM node:20\nRUN npm i ./local ../pkg.tgz https://example.com/x.tgz git+https://github.com/x/y.git#v1.0.0\n',
    'FROM node:20\nRUN npm install --loglevel warn "$PKG"\n',
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN npm install -g nodemon\n',
      errors: [{ line: 2, column: 20, endColumn: 27, message: /`nodemon@<version>`/ }],
    },
    {
      name: 'scoped, @latest, GitHub shorthand without a ref, npm add, ONBUILD',
      code: 'FROM node:20\nRUN npm add @scope/pkg npm@latest user/repo\nONBUILD RUN npm install --registry https://r.example pm2\n',
      errors: [
        { line: 2, column: 13, endColumn: 23 },
        { line: 2, column: 24, endColumn: 34, message: /`npm@<version>`/ },
        { line: 2, column: 35 },
        { line: 3, column: 54 },
      ],
    },
  ],
});
