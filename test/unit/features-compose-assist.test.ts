import assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../server/src/core/compose/memory-fs';
import { parseCompose } from '../../server/src/core/compose/model';
import { buildProject, setShellEnv } from '../../server/src/core/compose/project';
import {
  nameCompletions,
  symbolHover,
  valueCompletions,
  varHover,
} from '../../server/src/features/compose-assist';
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

describe('features: compose value completion', () => {
  const at = (text: string) => {
    const i = text.indexOf('|');
    const t = text.slice(0, i) + text.slice(i + 1);
    const lines = t.slice(0, i).split('\n');
    return valueCompletions(t, { line: lines.length - 1, character: lines[lines.length - 1].length });
  };

  it('restart: the four policies, `no` quoted, replacing the typed word', () => {
    const items = at('services:\n  web:\n    image: a:1\n    restart: u|\n');
    assert.deepEqual(
      items.map((i) => i.label),
      ['no', 'always', 'on-failure', 'unless-stopped'],
    );
    assert.deepEqual(items[0].textEdit, {
      range: { start: { line: 3, character: 13 }, end: { line: 3, character: 14 } },
      newText: '"no"',
    });
    assert.equal((items[3].textEdit as any).newText, 'unless-stopped');
    // Inside quotes the user opened, `no` goes in as is.
    assert.equal((at('services:\n  web:\n    restart: "|')[0].textEdit as any).newText, 'no');
  });

  it('pull_policy, network_mode and deploy.restart_policy.condition; nothing elsewhere', () => {
    assert.ok(at('services:\n  web:\n    pull_policy: |\n').some((i) => i.label === 'missing'));
    assert.deepEqual(
      at('services:\n  web:\n    network_mode: |\n').map((i) => i.label),
      ['bridge', 'host', 'none'],
    );
    assert.deepEqual(
      at('services:\n  web:\n    deploy:\n      restart_policy:\n        condition: |\n').map((i) => i.label),
      ['none', 'on-failure', 'any'],
    );
    assert.deepEqual(at('services:\n  web:\n    image: |\n'), []);
    assert.deepEqual(at('x-restart: |\n'), []);
    assert.deepEqual(at('services:\n  web:\n    restart: [|\n'), []);
  });
});
