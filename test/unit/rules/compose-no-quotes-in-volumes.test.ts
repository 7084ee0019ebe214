import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-no-quotes-in-volumes', {
  valid: [
    'services:\n  w:\n    image: a:1\n    volumes:\n      - ./data:/data\n      - type: bind\n        source: "./x"\n        target: /x\n',
  ],
  invalid: [
    {
      code: 'services:\n  w:\n    image: a:1\n    volumes:\n      - "./data:/data:ro"\n      - \'db:/var/lib/db\'\n      - "./my dir:/x"\n',
      errors: [
        { line: 5, column: 9 },
        { line: 6, column: 9 },
        { line: 7, column: 9 },
      ],
      output:
        'services:\n  w:\n    image: a:1\n    volumes:\n      - ./data:/data:ro\n      - db:/var/lib/db\n      - "./my dir:/x"\n',
    },
  ],
});
