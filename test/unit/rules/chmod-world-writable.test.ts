import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { worldWritable } from '../../../server/src/core/rules/dockerfile/chmod-world-writable';

describe('worldWritable', () => {
  it('reads octal and symbolic modes', () => {
    for (const m of ['777', '0777', '666', '772', 'a+w', 'o+rwx', 'a=rwx', 'u+x,o+w', 'ugo+rwX'])
      assert.ok(worldWritable(m), m);
    for (const m of [
      '755',
      '644',
      '1777',
      '0775',
      '4755',
      'u+x',
      'g+w',
      '+x',
      'o-w',
      'a+rX',
      'a+w,+t',
      '$MODE',
    ])
      assert.ok(!worldWritable(m), m);
  });
});

ruleTester('chmod-world-writable', {
  valid: [
    'FROM debian:12\nRUN chmod 755 /app && chmod -R g+w /data\n',
    'FROM debian:12\nRUN mkdir -p /tmp/x && chmod 1777 /tmp/x\n',
    'FROM debian:12\nRUN chmod "$MODE" /x\n',
    'FROM debian:12\nRUN echo chmod 777\n',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN chmod 777 /app\n',
      errors: [{ line: 2, column: 11, endColumn: 14, message: /`chmod 777`/ }],
    },
    {
      name: 'recursive, symbolic, sudo, ONBUILD',
      code: 'FROM debian:12\nRUN sudo chmod -R a+rwX /srv\nONBUILD RUN chmod o+w /x\n',
      errors: [
        { line: 2, column: 19, endColumn: 24 },
        { line: 3, column: 19, endColumn: 22 },
      ],
    },
  ],
});
