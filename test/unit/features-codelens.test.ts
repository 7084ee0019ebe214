import assert from 'node:assert/strict';
import { parseCompose } from '../../server/src/core/compose/model';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { composeCodeLenses, dockerfileCodeLenses } from '../../server/src/features/codelens';

describe('features: code lenses', () => {
  it('unnamed intermediate stages cannot be targeted: no lens', () => {
    const m = parseDockerfile('FROM a AS x\nFROM b\nfrom c\n');
    assert.deepEqual(
      dockerfileCodeLenses(m, '/p/Dockerfile').map((l) => [l.range.start.line, l.command!.title]),
      [
        [0, 'Build stage x'],
        [2, 'Build image'],
      ],
    );
  });

  it('a compose file without services has no lens', () => {
    assert.deepEqual(composeCodeLenses(parseCompose('services: {}\n'), '/p/compose.yaml'), []);
    assert.deepEqual(composeCodeLenses(parseCompose('networks:\n  a:\n'), '/p/compose.yaml'), []);
  });
});
