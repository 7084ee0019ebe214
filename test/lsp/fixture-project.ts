/**
 * A real compose project on disk for the LSP tests: compose.yaml + override + include + extends + .env,
 * a Dockerfile with stages, and a .dockerignore.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const COMPOSE = `name: shop
include:
  - ./infra/compose.db.yaml
x-common: &common
  restart: unless-stopped
services:
  web:
    <<: *common
    build:
      context: ./web
      target: runtime
    image: \${BERTH_T_REGISTRY:-docker.io}/shop/web:\${BERTH_T_TAG}
    depends_on:
      - db
      - cache
    networks: [front]
    volumes:
      - static:/srv/static
    secrets:
      - api_key
    env_file: .env.web
  worker:
    extends:
      file: ./common.yaml
      service: base
    depends_on:
      db:
        condition: service_healthy
    network_mode: service:web
networks:
  front: {}
volumes:
  static:
secrets:
  api_key:
    file: ./secrets/api_key.txt
`;

export const OVERRIDE = 'services:\n  web:\n    ports:\n      - "8080:80"\n  cache:\n    image: redis:7\n';
export const DB = 'services:\n  db:\n    image: postgres:16\n';
export const COMMON = 'services:\n  base:\n    image: busybox:1.36\n';
export const DOTENV = '# build settings\nBERTH_T_TAG=1.2.3\n';
export const DOCKERFILE =
  'FROM node:20 AS deps\nRUN echo deps\nFROM deps AS build\nRUN echo build\nFROM nginx:1.27 AS runtime\nCOPY --from=build /a /b\n';
export const DOCKERIGNORE = '# context\nnode_modules\n*.log\n!keep.log\ndist/**\nnothing-here\n';

export interface Fixture {
  dir: string;
  file(rel: string): string;
  uri(rel: string): string;
  cleanup(): void;
}

export function makeProject(): Fixture {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-proj-')));
  const files: Record<string, string> = {
    'compose.yaml': COMPOSE,
    'compose.override.yaml': OVERRIDE,
    'infra/compose.db.yaml': DB,
    'common.yaml': COMMON,
    '.env': DOTENV,
    '.env.web': 'A=1\n',
    'secrets/api_key.txt': 's3cret\n',
    'web/Dockerfile': DOCKERFILE,
    'web/.dockerignore': DOCKERIGNORE,
    'web/app.log': 'x',
    'web/keep.log': 'x',
    'web/src/main.js': 'x',
    'web/src/debug.log': 'x',
    'web/dist/a.js': 'x',
    'web/dist/sub/b.js': 'x',
    'web/node_modules/left-pad/index.js': 'x',
  };
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return {
    dir,
    file: (rel) => path.join(dir, rel),
    uri: (rel) => 'file://' + path.join(dir, rel),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The LSP range of the `n`-th occurrence of `needle` on 0-based `line` of `text`. */
export function rangeOf(text: string, line: number, needle: string, n = 0) {
  const l = text.split('\n')[line];
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = l.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found ${n + 1} times on line ${line}: ${l}`);
  }
  return { start: { line, character: at }, end: { line, character: at + needle.length } };
}
