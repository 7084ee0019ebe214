import { ruleTester } from '../../helpers/rule-tester';

ruleTester('curl-and-wget', {
  valid: [
    'FROM debian:12\nRUN curl -fsSLO https://e.com/a && curl -fsSLO https://e.com/b\n',
    {
      name: 'different stages',
      code: 'FROM debian:12 AS a\nRUN curl -fsSLO https://e.com/a\nFROM debian:12\nRUN wget -q https://e.com/b\n',
    },
    'FROM debian:12\nRUN apt-get install -y curl wget && command -v wget\n',
  ],
  invalid: [
    {
      name: 'the tool used second is reported, every time',
      code: 'FROM debian:12\nRUN curl -fsSLO https://e.com/a\nRUN wget -q https://e.com/b && wget -q https://e.com/c\n',
      errors: [
        { line: 3, column: 5, endColumn: 9, message: /already downloads with `curl`/ },
        { line: 3, column: 32, endColumn: 36 },
      ],
    },
    {
      name: 'a stage built on another counts as its own stage; ONBUILD apart',
      code: 'FROM debian:12\nONBUILD RUN curl -O https://e.com/a\nRUN wget -q https://e.com/b\nONBUILD RUN wget -q https://e.com/c\n',
      errors: [{ line: 4, column: 13 }],
    },
  ],
});
