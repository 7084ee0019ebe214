import { ruleTester } from '../../helpers/rule-tester';

ruleTester('stage-name-casing', {
  valid: ['FROM a:1 AS build\nFROM build\n', 'FROM a:1\n'],
  invalid: [
    {
      name: 'renames the references too',
      code: 'FROM a:1 AS Builder\nFROM Builder AS App\nCOPY --from=Builder /x /x\nRUN --mount=type=bind,from=Builder,target=/b true\n',
      errors: [
        { line: 1, column: 13, endColumn: 20 },
        { line: 2, column: 17, endColumn: 20 },
      ],
      output:
        'FROM a:1 AS builder\nFROM builder AS app\nCOPY --from=builder /x /x\nRUN --mount=type=bind,from=builder,target=/b true\n',
    },
    {
      name: 'no fix when the lower-case name belongs to an earlier stage',
      code: 'FROM a:1 AS build\nFROM a:1 AS BUILD\n',
      errors: [{ line: 2, column: 13 }],
    },
  ],
});
