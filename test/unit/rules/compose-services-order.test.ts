import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-services-order', {
  valid: [
    'services:\n  api:\n    image: a:1\n  db:\n    image: b:1\n  web2:\n    image: c:1\n  web10:\n    image: c:1\n',
  ],
  invalid: [
    {
      name: 'moves services with their comments; blank lines stay',
      code: 'services:\n  # the front\n  web:\n    image: a:1 # pinned\n\n  api:\n    image: b:1\n    environment:\n      A: "1"\n  db:\n    image: c:1\nvolumes: {}\n',
      errors: [{ line: 6, column: 3, endColumn: 6, message: /`api` should come before `web`/ }],
      output:
        'services:\n  api:\n    image: b:1\n    environment:\n      A: "1"\n\n  db:\n    image: c:1\n  # the front\n  web:\n    image: a:1 # pinned\nvolumes: {}\n',
    },
    {
      name: 'no fix when an alias would move above its anchor',
      code: 'services:\n  b: &b\n    image: x:1\n  a:\n    <<: *b\n',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'flow map: reported without a fix',
      code: 'services: {b: {image: x}, a: {image: y}}\n',
      errors: [{ line: 1, column: 27 }],
    },
  ],
});
