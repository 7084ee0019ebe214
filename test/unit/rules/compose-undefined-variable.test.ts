import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { lintText } from '../../../server/src/core/engine';
import { MemoryFileSystem } from '../../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../../server/src/core/compose/project';

const opts = () => ({
  path: '/p/compose.yaml',
  fs: new MemoryFileSystem({ '/p/.env': '# settings\nTAG=1.2\nexport PORT=8080\nEMPTY=\n' }),
});

describe('with an empty shell environment', () => {
  before(() => setShellEnv({}));
  after(() => setShellEnv(process.env));

  ruleTester('compose-undefined-variable', {
    valid: [
      {
        code: 'services:\n  web:\n    image: "app:${TAG}"\n    ports: ["$PORT:80", "${HOST_PORT:-8081}:80", "${X-1}:81"]\n    command: echo $$HOME ${EMPTY}\n    environment:\n      A: ${OPT:+on}\n',
        options: opts(),
      },
      { name: 'says nothing without a file system', code: 'services:\n  web:\n    image: "app:${TAG}"\n' },
    ],
    invalid: [
      {
        code: 'services:\n  web:\n    image: "app:${VERSION}"\n    command: sh -c "echo $HOME"\n    environment:\n      KEY: ${API_KEY:?set API_KEY in .env}\n',
        options: opts(),
        errors: [
          {
            line: 3,
            column: 17,
            endColumn: 27,
            message: /`VERSION` has no value in .env or the environment: Compose substitutes an empty string/,
          },
          { line: 4, column: 26, endColumn: 31, message: /write `\$\$` for a literal `\$`/ },
          {
            line: 6,
            column: 12,
            message: /`API_KEY` is required here .*Compose stops with "set API_KEY in .env"/,
          },
        ],
      },
    ],
  });

  describe('compose-undefined-variable suggestion', () => {
    it('adds the variable to .env', () => {
      const o = opts();
      const [f] = lintText('services:\n  web:\n    image: "app:${VERSION}"\n', 'compose', {
        ...o,
        only: ['compose-undefined-variable'],
      });
      const s = f.suggestions![0];
      assert.equal(s.notForFixAll, true);
      assert.deepEqual(
        s.otherFiles!.map((x) => [x.path, x.edits[0].newText]),
        [['/p/.env', 'VERSION=\n']],
      );
    });

    it('the shell environment counts', () => {
      setShellEnv({ VERSION: '2' });
      try {
        assert.equal(
          lintText('services:\n  web:\n    image: "app:${VERSION}"\n', 'compose', {
            ...opts(),
            only: ['compose-undefined-variable'],
          }).length,
          0,
        );
      } finally {
        setShellEnv({});
      }
    });
  });
});
