import assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../server/src/core/compose/memory-fs';
import { parseCompose } from '../../server/src/core/compose/model';
import { buildProject, setShellEnv } from '../../server/src/core/compose/project';
import { nameCompletions, symbolHover, varHover } from '../../server/src/features/compose-assist';
import type { NavFile } from '../../server/src/features/compose-nav';

describe('features: compose hover and name completion', () => {
  const TEXT = [
    'services:',
    '  app:',
    '    image: "${IMG:?set IMG}:${TAG-latest}"',
    '    environment:',
    '      HOME_DIR: $HOME_X',
    '    volumes:',
    '      - ',
    '    secrets:',
    '      - source: ',
    '  db:',
    '    image: postgres',
    'volumes:',
    '  pgdata:',
    'secrets:',
    '  token:',
    '    file: t.txt',
    '',
  ].join('\n');
  const fs = new MemoryFileSystem({ '/p/compose.yaml': TEXT, '/p/.env': 'TAG=\n' });
  const model = parseCompose(TEXT);
  const project = buildProject(model, '/p/compose.yaml', fs);
  const files: NavFile[] = [{ path: '/p/compose.yaml', uri: 'file:///p/compose.yaml', model, role: 'self' }];
  const off = (needle: string) => TEXT.indexOf(needle);

  before(() => setShellEnv({ HOME_X: '/home/x' }));
  after(() => setShellEnv(process.env));

  it('`${VAR:?msg}` unset: the error Compose stops with', () => {
    const h = varHover(model, project, off('IMG'))!;
    assert.match(h.markdown, /`IMG` is not set neither in the shell environment nor in `\.env`/);
    assert.match(h.markdown, /Compose stops with: `set IMG`/);
    assert.deepEqual([h.start, h.end], [off('${IMG'), off(':${TAG')]);
  });

  it('`${VAR-default}` set to empty in .env: empty wins over the default', () => {
    const h = varHover(model, project, off('TAG'))!;
    assert.match(h.markdown, /→ ``/);
    assert.match(h.markdown, /`TAG` = `` from \[\.env:1\]/);
    assert.doesNotMatch(h.markdown, /default/);
  });

  it('`$VAR` from the shell', () => {
    const h = varHover(model, project, off('$HOME_X') + 2)!;
    assert.match(h.markdown, /`\$HOME_X`\*\* → `\/home\/x`/);
    assert.match(h.markdown, /from the shell environment/);
  });

  it('a definition key lists nothing defined elsewhere but says it is unused', () => {
    const h = symbolHover(files, off('pgdata'));
    assert.equal(h?.markdown, '**volume `pgdata`**');
  });

  it('volumes and secrets: names at the start of an item and in `source:`', () => {
    const line = (needle: string) => TEXT.slice(0, off(needle)).split('\n').length - 1;
    const vol = nameCompletions(
      { files, project, fs },
      { line: line('      - \n    secrets'), character: 8 },
    );
    assert.deepEqual(
      vol.map((i) => i.label),
      ['pgdata'],
    );
    const sec = nameCompletions({ files, project, fs }, { line: line('      - source: '), character: 16 });
    assert.deepEqual(
      sec.map((i) => [i.label, i.detail]),
      [['token', 'secret']],
    );
    const none = nameCompletions({ files, project, fs }, { line: 2, character: 10 });
    assert.deepEqual(none, []);
  });
});
