import { ruleTester } from '../../helpers/rule-tester';

ruleTester('compose-invalid-ignore-comment', {
  valid: [
    '# berth-ignore no-version-field\nversion: "3"\nservices: {}\n',
    'version: "3" # dclint disable-line no-version-field\nservices: {}\n',
    'services: {} # a comment mentioning dclint\n',
  ],
  invalid: [
    {
      name: 'an unknown rule',
      code: '# berth-ignore no-such-rule\nservices: {}\n',
      errors: [{ line: 1, column: 1, message: 'Unknown rule "no-such-rule" in suppression comment' }],
    },
    {
      name: 'a dclint comment that is not one of its forms',
      code: 'services: {}\n# dclint disable-everything now\n',
      errors: [{ line: 2, column: 1, message: /Malformed suppression comment/ }],
    },
  ],
});
