import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-top-level-order', {
  valid: ['x-a: 1\nname: p\nservices:\n  w:\n    image: a:1\nnetworks: {}\nvolumes: {}\n'],
  invalid: [
    {
      name: 'keeps models and unknown keys',
      code: 'volumes:\n  data: {}\nservices:\n  w:\n    image: a:1\nmodels:\n  llm:\n    model: ai/smollm2\nx-b: 2\nname: p\n',
      errors: [{ line: 9, column: 1, message: /`x-b` should come before `volumes`/ }],
      output:
        'x-b: 2\nname: p\nservices:\n  w:\n    image: a:1\nmodels:\n  llm:\n    model: ai/smollm2\nvolumes:\n  data: {}\n',
    },
  ],
});
