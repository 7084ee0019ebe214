import assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../server/src/core/compose/memory-fs';
import { parseCompose } from '../../server/src/core/compose/model';
import { composeLinks, dockerHubUrl } from '../../server/src/features/compose-links';

describe('features: compose document links', () => {
  it('Docker Hub pages for Docker Hub images only', () => {
    assert.equal(dockerHubUrl('nginx'), 'https://hub.docker.com/_/nginx');
    assert.equal(dockerHubUrl('nginx:1.27-alpine'), 'https://hub.docker.com/_/nginx');
    assert.equal(dockerHubUrl('library/redis@sha256:abc'), 'https://hub.docker.com/_/redis');
    assert.equal(dockerHubUrl('bitnami/postgresql:16'), 'https://hub.docker.com/r/bitnami/postgresql');
    assert.equal(dockerHubUrl('docker.io/grafana/grafana'), 'https://hub.docker.com/r/grafana/grafana');
    assert.equal(dockerHubUrl('ghcr.io/owner/app:1'), undefined);
    assert.equal(dockerHubUrl('localhost:5000/app'), undefined);
    assert.equal(dockerHubUrl('${REGISTRY}/app'), undefined);
  });

  it('links existing files only, build context to its Dockerfile, skips variables and URLs', () => {
    const text = [
      'services:',
      '  a:',
      '    build: ./a',
      '    env_file: [missing.env, { path: a.env }]',
      '  b:',
      '    build:',
      '      context: https://github.com/x/y.git',
      '  c:',
      '    build:',
      '      context: ${CTX}',
      '      dockerfile: Dockerfile',
      '  d:',
      '    build: ./nodockerfile',
      '',
    ].join('\n');
    const fs = new MemoryFileSystem({
      '/p/compose.yaml': text,
      '/p/a/Dockerfile': 'FROM x',
      '/p/a.env': 'A=1',
      '/p/nodockerfile/readme': 'x',
    });
    const links = composeLinks(parseCompose(text), '/p/compose.yaml', fs);
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.range.start.character, l.target, l.tooltip]),
      [
        [2, 11, 'file:///p/a/Dockerfile', 'Open a/Dockerfile'],
        [3, 36, 'file:///p/a.env', 'Open the env file'],
        [6, 15, 'https://github.com/x/y.git', 'Open the build context'],
        [12, 11, 'file:///p/nodockerfile', 'Reveal the build context'],
      ],
    );
  });
});
