import { ruleTester } from '../../helpers/rule-tester';

ruleTester('instruction-before-from', {
  valid: ['# syntax=docker/dockerfile:1\nARG V=1\nFROM a:$V\nRUN x\n'],
  invalid: [
    { code: 'ENV A=1\nARG V=1\nFROM a:1\n', errors: [{ line: 1, column: 1, endColumn: 4 }] },
    { code: 'LABEL a=b\n', errors: [{ line: 1, column: 1 }] },
  ],
});
