import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';

ruleTester('compose-image-tag', {
  valid: [
    'services:\n  a:\n    image: postgres:16.4\n  b:\n    image: registry:5000/team/app:1.2\n  c:\n    image: nginx@sha256:0123456789abcdef\n  d:\n    image: me/app\n    build: .\n  e:\n    image: ${IMAGE}\n',
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: postgres\n  b:\n    image: "redis:latest"\n  c:\n    image: registry:5000/app\n  d:\n    image: node:lts\n',
      errors: [
        { line: 3, column: 12, endColumn: 20, message: /no tag, so it means `latest`/ },
        { line: 5, column: 19, endColumn: 25, message: /`latest` moves/ },
        { line: 7, column: 12, message: /no tag/ },
        { line: 9, column: 17, message: /`lts`/ },
      ],
    },
    {
      name: 'prohibitedTags option',
      code: 'services:\n  a:\n    image: app:main\n',
      options: { config: { rules: { 'compose-image-tag': ['warning', { prohibitedTags: ['main'] }] } } },
      errors: [{ line: 3, column: 16 }],
    },
  ],
});

describe('compose-image-tag suggestions', () => {
  it('offers a known tag for well-known images, never as a fix-all fix', () => {
    const f = lintText('services:\n  a:\n    image: "postgres"\n  b:\n    image: redis:latest\n', 'compose', {
      only: ['compose-image-tag'],
    });
    assert.equal(f[0].fix, undefined);
    assert.equal(f[0].suggestions?.[0].edits[0].newText, ':17');
    assert.deepEqual(f[0].suggestions?.[0].edits[0].range.start, { line: 2, character: 20 });
    assert.equal(f[1].suggestions?.[0].edits[0].newText, '7.4');
    assert.equal(f[1].suggestions?.[0].notForFixAll, true);
  });
});
