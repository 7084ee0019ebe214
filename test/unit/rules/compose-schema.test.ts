import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';

ruleTester('compose-schema', {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    {
      name: 'interpolated values are not judged as text',
      code: 'services:\n  web:\n    image: nginx\n    cpus: ${CPUS:-1}\n    ports:\n      - target: 80\n        published: ${PORT}\n    privileged: ${PRIV}\n',
    },
    { name: 'x- extensions', code: 'x-common: 1\nservices:\n  web:\n    image: nginx\n    x-owner: me\n' },
    {
      name: 'merge keys applied before validation',
      code: 'x-d: &d\n  restart: always\nservices:\n  web:\n    <<: *d\n    image: nginx\n',
    },
    {
      name: '!reset and !override',
      code: 'services:\n  web:\n    image: nginx\n    ports: !reset []\n    environment: !override\n      A: b\n',
    },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'typo in a service key',
      code: 'services:\n  web:\n    image: nginx\n    dependson: [db]\n  db:\n    image: postgres\n',
      errors: [
        {
          line: 4,
          column: 5,
          endColumn: 14,
          message: /Unknown key `dependson` in services\.web\. Did you mean `depends_on`\?/,
        },
      ],
    },
    {
      name: 'typo in a top-level key, lists the allowed keys',
      code: 'services: {}\nvolumess: {}\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: /Did you mean `volumes`\? Allowed: `version`, `name`, `include`, `services`/,
        },
      ],
    },
    {
      name: 'wrong type at the value',
      code: 'services:\n  web:\n    image: nginx\n    restart: 3\n',
      errors: [{ line: 4, column: 14, message: /must be a string, not number `3`/ }],
    },
    {
      name: 'unknown key in a long port',
      code: 'services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        publishd: 8080\n',
      errors: [{ line: 6, column: 9, message: /Did you mean `published`/ }],
    },
    {
      name: 'a key reached through a merge is reported where it is written',
      code: 'x-d: &d\n  restat: always\nservices:\n  web:\n    <<: *d\n    image: nginx\n',
      errors: [{ line: 2, column: 3, message: /Did you mean `restart`/ }],
    },
  ],
});

describe('compose-schema suggestion', () => {
  it('offers the closest key as a suggestion, not as a fix-all fix', () => {
    const f = lintText('services:\n  web:\n    image: nginx\n    enviroment: {A: b}\n', 'compose', {
      only: ['compose-schema'],
    });
    assert.equal(f.length, 1);
    assert.equal(f[0].fix, undefined);
    assert.equal(f[0].suggestions?.[0].edits[0].newText, 'environment');
  });
});
