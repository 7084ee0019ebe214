import { ruleTester } from '../../helpers/rule-tester';

ruleTester('workdir-relative-path', {
  valid: [
    'FROM a:1\nWORKDIR /app\nWORKDIR src\n',
    'FROM a:1\nWORKDIR $HOME/app\n',
    '# escape=`\nFROM w:1\nWORKDIR C:\\app\n',
    'FROM a:1\nWORKDIR "c:\\inetpub\\wwwroot"\n',
    { name: 'absolute WORKDIR in the base stage', code: 'FROM a:1 AS b\nWORKDIR /x\nFROM b\nWORKDIR y\n' },
  ],
  invalid: [
    { code: 'FROM a:1\nWORKDIR app\n', errors: [{ line: 2, column: 9, endColumn: 12, message: /`\/app`/ }] },
    { code: 'FROM a:1\nENV D=app\nWORKDIR $D\n', errors: [{ line: 3, column: 9 }] },
  ],
});
