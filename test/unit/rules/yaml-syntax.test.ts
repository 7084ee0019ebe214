import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';

ruleTester('yaml-syntax', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    'x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
    {
      name: 'compose tags are fine',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n',
    },
  ],
  invalid: [
    {
      name: 'tab indentation at the tab',
      code: 'services:\n  web:\n\timage: nginx\n',
      errors: [{ line: 3, column: 1, message: /Tabs/ }],
    },
    {
      name: 'unclosed flow sequence',
      code: 'services:\n  web:\n    ports: [80\n    image: nginx\n',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'undefined anchor',
      code: 'services:\n  web:\n    <<: *defaults\n    image: nginx\n',
      errors: [{ line: 3, column: 9, endColumn: 18, message: /no anchor `&defaults`/ }],
    },
    {
      name: 'several documents',
      code: 'services: {}\n---\nservices: {}\n',
      errors: [{ line: 2, column: 1, message: /several YAML documents/ }],
    },
  ],
});

describe('yaml-syntax: alias bombs', () => {
  it('reports a billion-laughs file quickly and without expanding it', () => {
    let t = 'x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i <= 9; i++)
      t += `x-a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(',')}]\n`;
    t += 'services:\n  web:\n    image: nginx:1.27\n    command: *a9\n';
    const start = Date.now();
    const found = lintText(t, 'compose');
    assert.ok(Date.now() - start < 2000, 'fast');
    const bomb = found.filter((f) => f.ruleId === 'yaml-syntax');
    assert.equal(bomb.length, 1);
    assert.match(bomb[0].message, /Too many aliases/);
    assert.equal(found.filter((f) => f.ruleId === 'compose-schema').length, 0);
  });

  it('accepts a file with hundreds of aliases to one anchor', () => {
    let t = 'x-d: &d\n  restart: always\n  logging: {driver: json-file}\nservices:\n';
    for (let i = 0; i < 500; i++) t += `  s${i}:\n    <<: *d\n    image: nginx:1.27\n`;
    assert.deepEqual(
      lintText(t, 'compose', { only: ['yaml-syntax', 'compose-schema'] }).map((f) => f.message),
      [],
    );
  });
});
