import assert from 'node:assert/strict';
import { Lru } from '../../server/src/features/lru';

describe('Lru (the language server keeps the models of recently used documents)', () => {
  it('drops the least recently used entry beyond its capacity; get() counts as a use, peek() does not', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    assert.equal(lru.get('a'), 1); // a is now the most recent
    lru.set('c', 3); // drops b
    assert.equal(lru.peek('b'), undefined);
    assert.equal(lru.peek('a'), 1);
    assert.equal(lru.peek('c'), 3);
    assert.equal(lru.peek('a'), 1); // peek does not refresh: a is still older than c
    lru.set('d', 4); // drops a
    assert.equal(lru.get('a'), undefined);
    assert.deepEqual([lru.peek('c'), lru.peek('d')], [3, 4]);
    assert.equal(lru.size, 2);
  });

  it('set() on an existing key replaces and refreshes it; delete and clear forget', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('a', 10);
    lru.set('c', 3); // drops b, not a
    assert.equal(lru.get('a'), 10);
    assert.equal(lru.get('b'), undefined);
    lru.delete('a');
    assert.equal(lru.get('a'), undefined);
    lru.clear();
    assert.equal(lru.size, 0);
  });

  it('refuses a capacity below one', () => {
    assert.throws(() => new Lru(0), RangeError);
  });
});
