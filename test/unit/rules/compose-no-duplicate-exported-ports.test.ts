import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/core/engine';
import { ruleTester } from '../../helpers/rule-tester';
import { inEmptyShell, withDotenv } from '../../helpers/compose-env';

ruleTester('compose-no-duplicate-exported-ports', {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports: ["8080:80", "53:53/udp"]\n  b:\n    image: x:1\n    ports: ["8081:80", "53:53/tcp", 80, "127.0.0.1:9000:9000"]\n  c:\n    image: x:1\n    ports: ["127.0.0.2:9000:9000", "${PORT}:80"]\n',
  ],
  invalid: [
    {
      name: 'short and long syntax, ranges',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "8000-8010:8000-8010"\n  b:\n    image: x:1\n    ports:\n      - "8005:80"\n      - target: 80\n        published: "8010"\n',
      errors: [
        { line: 9, column: 9, message: /Host port 8005\/tcp is already published by service `a`/ },
        { line: 11, column: 20, message: /8010/ },
      ],
    },
    {
      name: 'all interfaces clash with a specific one',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:5432:5432"]\n  b:\n    image: x:1\n    ports: ["5432:5432"]\n',
      errors: [{ line: 7, column: 13 }],
    },
  ],
});

describe('compose-no-duplicate-exported-ports: scale', () => {
  const only = ['compose-no-duplicate-exported-ports'];
  const gen = (n: number, port: (i: number) => string) => {
    const out = ['services:'];
    for (let i = 0; i < n; i++) out.push(`  s${i}:`, '    image: x:1', '    ports:', `      - "${port(i)}"`);
    return out.join('\n') + '\n';
  };

  it('2,000 services on the same port but different host IPs: no clash, fast', () => {
    const t = performance.now();
    const f = lintText(
      gen(2000, (i) => `127.0.${i >> 8}.${i & 255}:80:80`),
      'compose',
      { only },
    );
    assert.equal(f.length, 0);
    assert.ok(performance.now() - t < 2000, `${(performance.now() - t).toFixed(0)} ms`);
  });

  it('2,000 services on port 80: each clashes with the first', () => {
    const f = lintText(
      gen(2000, () => '80:80'),
      'compose',
      { only },
    );
    assert.equal(f.length, 1999);
    assert.ok(f.every((x) => /Host port 80\/tcp is already published by service `s0`/.test(x.message)));
  });

  it('the earliest clash is named: all interfaces after a specific IP, a specific IP after all interfaces', () => {
    const f = lintText(
      gen(4, (i) => ['127.0.0.2:80:80', '127.0.0.1:80:80', '0.0.0.0:80:80', '127.0.0.1:80:80'][i]),
      'compose',
      { only },
    );
    assert.deepEqual(
      f.map((x) => /service `(\w+)`/.exec(x.message)?.[1]),
      ['s0', 's1'],
    );
  });

  it('ranges of ports, wide ranges and protocols', () => {
    const f = lintText(
      gen(5, (i) => ['9000-9100:9000-9100', '9050:80/udp', '9050:80', '1-60000:1-60000', '59999:1'][i]),
      'compose',
      { only },
    );
    assert.deepEqual(
      f.map((x) =>
        /Host port (\S+) is already published by service `(\w+)`/.exec(x.message)?.slice(1).join(' '),
      ),
      ['9050/tcp s0', '9000/tcp s0', '59999/tcp s3'],
    );
  });
});

inEmptyShell('compose-no-duplicate-exported-ports with interpolation', () => {
  const env = withDotenv('WEB_PORT=8080\n');
  ruleTester('compose-no-duplicate-exported-ports', {
    valid: [
      { code: 'services:\n  a:\n    ports: ["${NOPE}:80"]\n  b:\n    ports: ["${NOPE}:80"]\n', options: env },
    ],
    invalid: [
      {
        code: 'services:\n  a:\n    ports: ["${WEB_PORT}:80"]\n  b:\n    ports: ["${OTHER:-8080}:80"]\n',
        options: env,
        errors: [{ line: 5, column: 13, message: /Host port 8080\/tcp is already published by service `a`/ }],
      },
    ],
  });
});
