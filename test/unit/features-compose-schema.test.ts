import assert from 'node:assert/strict';
import { keyPathAt, preferOwnDescription } from '../../server/src/features/compose-schema';

describe('features: compose schema hover text', () => {
  const text =
    'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: 1\n    depends_on: [db]\n    ports:\n      - "80:80"\n';

  it('finds the key path at a key, at a scalar value, and inside a sequence', () => {
    assert.deepEqual(keyPathAt(text, text.indexOf('environment') + 2), ['services', 'web', 'environment']);
    assert.deepEqual(keyPathAt(text, text.indexOf('nginx')), ['services', 'web', 'image']);
    assert.deepEqual(keyPathAt(text, text.indexOf('"80')), ['services', 'web', 'ports', '0']);
    assert.equal(keyPathAt(text, text.length), undefined);
  });

  it("replaces the generic description of a form with the key's own", () => {
    const generic = '#### Compose Specification\n\nA dictionary mapping keys to values.';
    assert.equal(
      preferOwnDescription(generic, ['services', 'web', 'environment']),
      '#### Compose Specification\n\nAdd environment variables. You can use either an array or a list of KEY=VAL pairs.',
    );
    assert.equal(
      preferOwnDescription('#### Compose Specification\n\nA list of unique string values.', [
        'services',
        'web',
        'depends_on',
      ]),
      '#### Compose Specification\n\nExpress dependency between services. Service dependencies cause services to be started in dependency order. The dependent service will wait for the dependency to be ready before starting.',
    );
    // Already the key's own text, or no description of its own: unchanged.
    const image = '#### Compose Specification\n\nSpecify the image';
    assert.equal(preferOwnDescription(image, ['services', 'web', 'image']), image);
    assert.equal(preferOwnDescription(generic, ['services', 'web']), generic);
    assert.equal(preferOwnDescription(generic, ['nope', 'x']), generic);
  });
});
