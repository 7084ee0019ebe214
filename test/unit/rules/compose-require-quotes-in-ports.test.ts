import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-require-quotes-in-ports', {
  valid: ['services:\n  w:\n    image: a:1\n    ports: ["80:80", \'443:443\', 9000]\n'],
  invalid: [
    {
      code: 'services:\n  w:\n    image: a:1\n    ports:\n      - 22:22 # ssh\n      - 127.0.0.1:80:80\n',
      errors: [
        { line: 5, column: 9, endColumn: 14, message: /Quote the port mapping `22:22`/ },
        { line: 6, column: 9 },
      ],
      output:
        'services:\n  w:\n    image: a:1\n    ports:\n      - "22:22" # ssh\n      - "127.0.0.1:80:80"\n',
    },
    {
      name: 'single quotes by option',
      code: 'services:\n  w:\n    image: a:1\n    ports: [22:22]\n',
      options: {
        config: { rules: { 'compose-require-quotes-in-ports': ['info', { quoteType: 'single' }] } },
      },
      errors: [{ line: 4, column: 13 }],
      output: "services:\n  w:\n    image: a:1\n    ports: ['22:22']\n",
    },
  ],
});
