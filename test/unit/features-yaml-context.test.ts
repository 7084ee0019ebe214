import assert from 'node:assert/strict';
import { lineShape, yamlContextAt } from '../../server/src/features/yaml-context';

describe('features: yamlContextAt', () => {
  const at = (text: string) => {
    const i = text.indexOf('|');
    const t = text.slice(0, i) + text.slice(i + 1);
    const before = t.slice(0, i).split('\n');
    return yamlContextAt(t, before.length - 1, before[before.length - 1].length);
  };

  it('a value after `key:` on the same line', () => {
    assert.deepEqual(at('services:\n  web:\n    image: ngi|\n'), {
      path: ['services', 'web'],
      key: 'image',
      inSeqItem: false,
      keyPosition: false,
      valuePrefix: 'ngi',
    });
  });

  it('a flow list value keeps its prefix', () => {
    const c = at('services:\n  web:\n    depends_on: [db, ca|]\n');
    assert.equal(c.key, 'depends_on');
    assert.equal(c.valuePrefix, '[db, ca');
  });

  it('a block sequence item, indented or compact', () => {
    const a = at('services:\n  web:\n    depends_on:\n      - db\n      - |\n');
    assert.deepEqual([a.path, a.inSeqItem, a.valuePrefix], [['services', 'web', 'depends_on'], true, '']);
    const b = at('services:\n  web:\n    depends_on:\n    - |\n');
    assert.deepEqual(b.path, ['services', 'web', 'depends_on']);
    const root = at('include:\n- |\n');
    assert.deepEqual(root.path, ['include']);
  });

  it('a key position below a key, blank lines and comments skipped', () => {
    const c = at('services:\n  web:\n    depends_on:\n\n      # the db\n      |\n');
    assert.deepEqual([c.path, c.keyPosition], [['services', 'web', 'depends_on'], true]);
  });

  it('`- key: value` in a sequence of maps', () => {
    const c = at('services:\n  web:\n    secrets:\n      - source: |\n');
    assert.deepEqual([c.path, c.key], [['services', 'web', 'secrets'], 'source']);
    const d = at('services:\n  web:\n    secrets:\n      - source: a\n        target: |\n');
    assert.deepEqual([d.path, d.key], [['services', 'web', 'secrets'], 'target']);
  });

  it('quoted keys and values with colons', () => {
    assert.deepEqual(lineShape('  "my svc": x').key, 'my svc');
    assert.deepEqual(lineShape('    image: nginx:1.27').key, 'image');
    const c = at('services:\n  web:\n    network_mode: service:w|\n');
    assert.deepEqual([c.key, c.valuePrefix], ['network_mode', 'service:w']);
  });
});
