import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeRefactors } from '../../../server/src/core/refactors/index';
import { parseDockerfile } from '../../../server/src/core/dockerfile/parser';
import { KNOWN_TAGS } from '../../../server/src/core/refactors/known-tags';
import { lintText } from '../../../server/src/core/engine';
import { parseDockerignore } from '../../../server/src/core/dockerignore/model';
import { matchPath } from '../../../server/src/core/dockerignore/matcher';
import {
  CORPUS,
  apply,
  assertIdempotent,
  assertProperties,
  corpusFiles,
  fixture,
  lineRange,
  memoryFs,
  offered,
  wholeRange,
} from '../../fixtures/refactors/harness';

const webapp = readFileSync(join(__dirname, '../../../examples/python-webapp/Dockerfile'), 'utf8');

/** Apply, check the properties and idempotence, return the result. */
function roundTrip(before: string, id: string, pick = 0, ctx = {}): string {
  const rs = offered(before, id, ctx);
  assert.ok(rs.length > pick, `${id} not offered`);
  const after = apply(before, rs[pick]);
  assertProperties(before, after, { ctx });
  assertIdempotent(after, id, ctx);
  return after;
}

describe('refactor run-as-non-root', () => {
  const ID = 'run-as-non-root';
  it('Debian family: groupadd/useradd, chown of the WORKDIR, numeric USER before EXPOSE/CMD', () => {
    const after = roundTrip(fixture('non-root/debian-seed.before.Dockerfile'), ID);
    assert.match(
      after,
      /^COPY \. \.\nRUN groupadd --system --gid 10001 app \\\n && useradd --system --no-log-init --uid 10001 --gid app --create-home app \\\n && chown -R app:app \/app\nUSER 10001:10001\nEXPOSE 8000\n/m,
    );
  });
  it('official node image: its own node user (uid 1000)', () => {
    const after = roundTrip(fixture('non-root/alpine.before.Dockerfile'), ID);
    assert.match(
      after,
      /^COPY \. \.\nRUN chown -R node:node \/srv\nUSER 1000:1000\n\n# The API listens here\n/m,
    );
  });
  it('Alpine family: addgroup -S / adduser -S', () => {
    const after = roundTrip(
      'FROM alpine:3.24\nWORKDIR /opt/app\nCOPY app /opt/app/app\nCMD ["/opt/app/app"]\n',
      ID,
    );
    assert.match(
      after,
      /RUN addgroup -S -g 10001 app \\\n && adduser -S -D -u 10001 -G app app \\\n && chown -R app:app \/opt\/app\nUSER 10001:10001\nCMD/,
    );
  });
  it('distroless and scratch: USER 65532:65532, no RUN', () => {
    const after = roundTrip(
      'FROM golang:1.27 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT ["/app"]',
      ID,
    );
    assert.ok(after.endsWith('COPY --from=b /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]'));
    assert.deepEqual(offered('FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n', ID), []);
  });
  it('replaces a final USER root, and is offered on that line', () => {
    const src = 'FROM debian:trixie-slim\nRUN apt-get update\nUSER root\nCMD ["bash"]\n';
    assert.equal(offered(src, ID, {}, lineRange(2)).length, 1);
    const after = roundTrip(src, ID);
    assert.match(after, /USER root\nRUN groupadd[^]*USER 10001:10001\nCMD/);
  });
  it('not offered for images that start as root and drop privileges themselves (nginx...), nor ubi-micro', () => {
    for (const img of [
      'nginx:1.30',
      'nginx:1.30-alpine',
      'httpd:2.4',
      'postgres:18',
      'php:8.4-apache',
      'redhat/ubi9-micro',
    ])
      assert.deepEqual(offered(`FROM ${img}\nCOPY site/ /srv/\nCMD ["x"]\n`, ID), [], img);
  });
  it('ubi-minimal has no useradd: a numeric USER, the WORKDIR chowned by number', () => {
    const after = roundTrip(
      'FROM redhat/ubi9-minimal\nWORKDIR /app\nCOPY app /app/app\nCMD ["/app/app"]\n',
      ID,
    );
    assert.equal(
      after,
      'FROM redhat/ubi9-minimal\nWORKDIR /app\nCOPY app /app/app\nRUN chown -R 10001:10001 /app\nUSER 10001:10001\nCMD ["/app/app"]\n',
    );
    assert.doesNotMatch(
      roundTrip('FROM registry.access.redhat.com/ubi9/ubi-minimal:9.6\nCOPY app /app\nCMD ["/app"]\n', ID),
      /useradd/,
    );
    // With shadow-utils installed, useradd is there.
    assert.match(
      roundTrip(
        'FROM redhat/ubi9-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all\nCMD ["/app"]\n',
        ID,
      ),
      /useradd/,
    );
  });
  it('VOLUME directories exist and belong to the user (a new volume would be root-owned)', () => {
    const after = roundTrip(
      'FROM python:3.12-alpine\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nVOLUME /app/data\nVOLUME ["/var/lib/app"]\nEXPOSE 5000\nCMD ["python", "app.py"]\n',
      ID,
    );
    assert.match(
      after,
      / && mkdir -p \/app\/data \/var\/lib\/app \\\n && chown -R app:app \/app \/var\/lib\/app\nUSER 10001:10001\nVOLUME/,
    );
  });
  it('not offered when a non-root USER is already there, or for unknown families', () => {
    assert.deepEqual(offered('FROM debian:trixie\nUSER 1000\n', ID), []);
    assert.deepEqual(offered('FROM mcr.microsoft.com/windows/nanoserver:ltsc2025\nCMD ["cmd"]\n', ID), []);
  });
  it('on the example project', () => {
    const after = roundTrip(webapp, ID);
    // Right after a RUN: that RUN continues (one layer, no consecutive-run finding).
    assert.match(
      after,
      /RUN pip install -r requirements\.txt \\\n && groupadd --system --gid 10001 app \\\n && useradd [^\n]*\\\n && chown -R app:app \/app\nUSER 10001:10001\n\nENV DATABASE_PASSWORD/,
    );
  });
});

describe('refactor add-healthcheck', () => {
  const ID = 'add-healthcheck';
  it('curl when the image has it (python full image), before CMD; the client selects /health', () => {
    const rs = offered(webapp, ID, { path: '/w/Dockerfile' });
    assert.equal(rs[0].title, 'Add a HEALTHCHECK (curl, port 8000)');
    const after = roundTrip(webapp, ID);
    assert.match(
      after,
      /EXPOSE 8000\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\\n {4}CMD \["curl", "-fsS", "-o", "\/dev\/null", "http:\/\/localhost:8000\/health"\]\nCMD gunicorn/,
    );
    const sel = rs[0].command!.arguments![1] as { start: { line: number; character: number } };
    const line = after.split('\n')[sel.start.line];
    assert.equal(line.slice(sel.start.character, sel.start.character + 7), '/health');
  });
  it('curl installed by a RUN in a slim image', () => {
    const after = roundTrip(fixture('non-root/debian-seed.before.Dockerfile'), ID);
    assert.match(after, /CMD \["curl", "-fsS", "-o", "\/dev\/null", "http:\/\/localhost:8000\/health"\]/);
  });
  it('busybox wget on Alpine', () => {
    const after = roundTrip(fixture('non-root/alpine.before.Dockerfile'), ID);
    assert.match(
      after,
      /# The API listens here\nEXPOSE 3000\nHEALTHCHECK [^\n]*\n {4}CMD \["wget", "-q", "--spider", "http:\/\/localhost:3000\/health"\]\nCMD \["node"/,
    );
  });
  it('a Python one-liner when neither curl nor wget is installed', () => {
    const src = 'FROM python:3.14-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 5000\nCMD ["python", "app.py"]\n';
    const after = roundTrip(src, ID);
    assert.match(
      after,
      /CMD \["python", "-c", "import urllib\.request; urllib\.request\.urlopen\('http:\/\/localhost:5000\/health', timeout=4\)"\]/,
    );
  });
  it('a Node one-liner for node slim images', () => {
    const after = roundTrip('FROM node:24-slim\nCOPY . .\nEXPOSE 3000\nCMD ["node", "index.js"]', ID);
    assert.match(after, /CMD \["node", "-e", "fetch\('http:\/\/localhost:3000\/health'\)/);
    assert.ok(after.endsWith('\nCMD ["node", "index.js"]'));
  });
  it('not offered without EXPOSE, or with a HEALTHCHECK', () => {
    assert.deepEqual(offered('FROM python:3.14-slim\nCMD ["python"]\n', ID), []);
    assert.deepEqual(offered('FROM nginx:1.30\nEXPOSE 80\nHEALTHCHECK NONE\n', ID), []);
  });
  it('no tool known: a placeholder command, selected by the client to be typed over', () => {
    for (const src of [
      'FROM debian:trixie-slim\nEXPOSE 80\nCMD ["srv"]\n',
      'FROM golang:1.27 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\nEXPOSE 80\nENTRYPOINT ["/app"]\n',
    ]) {
      const rs = offered(src, ID, { path: '/w/Dockerfile' });
      assert.equal(rs[0].title, 'Add a HEALTHCHECK (a command to fill in, port 80)');
      const after = roundTrip(src, ID);
      assert.match(
        after,
        /EXPOSE 80\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\\n {4}CMD \["\/path\/to\/healthcheck", "http:\/\/localhost:80\/health"\]\n(CMD|ENTRYPOINT)/,
      );
      const sel = rs[0].command!.arguments![1] as {
        start: { line: number; character: number };
        end: { line: number; character: number };
      };
      const line = after.split('\n')[sel.start.line];
      assert.equal(
        line.slice(sel.start.character, sel.end.character),
        '"/path/to/healthcheck", "http://localhost:80/health"',
      );
      assert.equal(rs[0].command!.title, 'Select the health check command');
    }
  });
  it('official database images: their own check, nothing to select', () => {
    const src = 'FROM postgres:17\nCOPY init.sql /docker-entrypoint-initdb.d/\nEXPOSE 5432\n';
    const [r] = offered(src, ID, { path: '/w/Dockerfile' });
    assert.equal(r.title, 'Add a HEALTHCHECK (pg_isready)');
    assert.equal(r.command, undefined);
    assert.match(roundTrip(src, ID), /\n {4}CMD \["pg_isready", "-q"\]\n$/);
    assert.match(roundTrip('FROM redis:8\nEXPOSE 6379\n', ID), /CMD \["redis-cli", "ping"\]/);
  });
});

describe('refactor order-for-layer-cache', () => {
  const ID = 'order-for-layer-cache';
  it('pip: requirements.txt and the install above COPY . . (the example project)', () => {
    const after = roundTrip(webapp, ID);
    assert.match(
      after,
      /WORKDIR \/app\nCOPY requirements\.txt \.\nRUN pip install -r requirements\.txt\n\nCOPY \. \.\n\nENV/,
    );
  });
  it('npm: package*.json, comments move with the RUN', () => {
    const after = roundTrip(fixture('layer-cache/node.before.Dockerfile'), ID);
    assert.equal(
      after,
      'FROM node:24-slim\nWORKDIR /app\nCOPY package*.json ./\n# Production dependencies\nRUN npm ci --omit=dev\n\n# Everything at once: any change to the code reinstalls every package\nCOPY . .\n\nEXPOSE 3000\nCMD ["node", "index.js"]\n',
    );
  });
  it('go: go.sum only when the context has it (with a file system), a glob otherwise', () => {
    const src = fixture('layer-cache/go.before.Dockerfile');
    assert.match(
      roundTrip(src, ID),
      /WORKDIR \/src\nCOPY go\.mod go\.sum\* \.\/\nRUN go mod download\n\nCOPY \. \.\nRUN CGO/,
    );
    const ctx = { path: '/p/Dockerfile', fs: memoryFs({ '/p/Dockerfile': src, '/p/go.mod': 'module x' }) };
    assert.match(roundTrip(src, ID, 0, ctx), /COPY go\.mod \.\/\nRUN go mod download/);
  });
  it('a RUN that also builds is split: only the install moves (npm, go, pip + collectstatic)', () => {
    const changed = { changed: [/npm install &&|go mod download &&|collectstatic/] };
    const cases: [string, string][] = [
      [
        'FROM node:22\nWORKDIR /app\nCOPY . /app\nRUN npm install && npm run build\nCMD ["node", "dist/index.js"]\n',
        'FROM node:22\nWORKDIR /app\nCOPY package*.json /app/\nRUN npm install\n\nCOPY . /app\nRUN npm run build\nCMD ["node", "dist/index.js"]\n',
      ],
      [
        'FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go mod download && \\\n    go build -o /app .\nCMD ["/app"]\n',
        'FROM golang:1.27\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\n\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      ],
      [
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n# deps and static files\nRUN --mount=type=cache,target=/root/.cache pip install --upgrade pip && pip install -r requirements.txt && python manage.py collectstatic --noinput\nCMD ["gunicorn", "app.wsgi"]\n',
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n# deps and static files\nRUN --mount=type=cache,target=/root/.cache pip install --upgrade pip && pip install -r requirements.txt\n\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache python manage.py collectstatic --noinput\nCMD ["gunicorn", "app.wsgi"]\n',
      ],
    ];
    for (const [src, want] of cases) {
      const rs = offered(src, ID);
      assert.equal(rs.length, 1, src);
      assert.match(rs[0].title, /the rest of the RUN stays after it/);
      const after = apply(src, rs[0]);
      assert.equal(after, want);
      assertProperties(src, after, changed);
      assertIdempotent(after, ID);
    }
  });
  it('never moves an install above another RUN (compilers installed after COPY . .), nor commands that need the source', () => {
    assert.deepEqual(
      offered(
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y gcc libpq-dev\nRUN pip install -r requirements.txt\n',
        ID,
      ),
      [],
    );
    assert.deepEqual(offered('FROM node:24\nCOPY . .\nRUN npm run build && npm ci\n', ID), []);
    assert.deepEqual(offered('FROM node:24\nCOPY . .\nRUN cp .npmrc.ci .npmrc && npm ci\n', ID), []);
    assert.deepEqual(
      offered('FROM node:24\nCOPY . .\nCOPY --from=cfg /npmrc /root/.npmrc\nRUN npm ci\n', ID),
      [],
    );
    const rm = 'FROM node:24\nWORKDIR /app\nCOPY . .\nRUN npm ci && rm -rf /app/tmp\n';
    assert.match(apply(rm, offered(rm, ID)[0]), /^COPY \. \.\nRUN rm -rf \/app\/tmp\n$/m);
    assert.deepEqual(offered('FROM node:24\nCOPY . .\nRUN npm ci || npm install\n', ID), []);
  });
  it('with file access: not offered when the manifests need more of the context', () => {
    const at = (src: string, files: Record<string, string>) =>
      offered(src, ID, { path: '/p/Dockerfile', fs: memoryFs({ '/p/Dockerfile': src, ...files }) });
    const npm = 'FROM node:24\nWORKDIR /app\nCOPY . .\nRUN npm ci\n';
    assert.equal(at(npm, { '/p/package.json': '{"scripts":{"start":"node ."}}' }).length, 1);
    assert.deepEqual(
      at(npm, { '/p/package.json': '{"scripts":{"postinstall":"node scripts/patch.js"}}' }),
      [],
    );
    assert.deepEqual(at(npm, { '/p/package.json': '{"dependencies":{"lib":"file:./lib"}}' }), []);
    assert.deepEqual(at(npm, { '/p/package.json': '{"workspaces":["packages/*"]}' }), []);
    assert.deepEqual(at(npm, { '/p/package.json': '{}', '/p/node_modules/x/index.js': '' }), []);
    assert.equal(
      at(npm, {
        '/p/package.json': '{}',
        '/p/node_modules/x/index.js': '',
        '/p/.dockerignore': 'node_modules\n',
      }).length,
      1,
    );
    const go = 'FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go mod download\n';
    assert.deepEqual(at(go, { '/p/go.mod': 'module x\nreplace example.com/y => ./y\n' }), []);
    const pip = 'FROM python:3.13\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n';
    assert.equal(at(pip, { '/p/requirements.txt': 'flask==3.1\n' }).length, 1);
    assert.deepEqual(at(pip, { '/p/requirements.txt': 'flask==3.1\n-e .\n' }), []);
    assert.deepEqual(at(pip, { '/p/requirements.txt': '-r base.txt\n' }), []);
    const gem = 'FROM ruby:3.4\nWORKDIR /app\nCOPY . .\nRUN bundle install\n';
    assert.deepEqual(at(gem, { '/p/Gemfile': "source 'https://rubygems.org'\ngemspec\n" }), []);
  });
  it('not offered when a barrier (ENV, WORKDIR, USER) is in between, or when manifests are copied first', () => {
    assert.deepEqual(offered('FROM node:24\nCOPY . .\nENV NODE_ENV=production\nRUN npm ci\n', ID), []);
    assert.deepEqual(offered('FROM node:24\nCOPY package.json .\nCOPY . .\nRUN npm ci\n', ID), []);
    assert.deepEqual(offered('FROM python:3.14\nCOPY . .\nRUN pip install .\n', ID), []);
  });
});

describe('refactor generate-dockerignore', () => {
  const ID = 'generate-dockerignore';
  const ctxFor = (files: Record<string, string>) => ({ path: '/p/Dockerfile', fs: memoryFs(files) });
  it('Python: creates /p/.dockerignore with the language patterns; no edit in the Dockerfile', () => {
    const [r] = offered(webapp, ID, ctxFor({ '/p/Dockerfile': webapp }));
    assert.deepEqual(r.fix.edits, []);
    const f = r.fix.otherFiles![0];
    assert.equal(f.path, '/p/.dockerignore');
    assert.equal(f.create, true);
    const text = f.edits[0].newText;
    for (const p of [
      '.git',
      '**/.env',
      '.vscode',
      '.idea',
      '**/__pycache__',
      '**/*.py[cod]',
      '.venv',
      '**/.pytest_cache',
      '**/.coverage',
    ])
      assert.ok(text.split('\n').includes(p), p);
    assert.ok(!text.split('\n').includes('**/node_modules'));
  });
  it('the generated file lints clean with every rule on, and its patterns match anywhere where meant', () => {
    const sources = [
      webapp,
      'FROM node:24\nCOPY .env.production ./\nCOPY . .\nRUN npm ci\n',
      'FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n',
    ];
    for (const src of sources) {
      const [r] = offered(src, ID, ctxFor({ '/p/Dockerfile': src }));
      const text = r.fix.otherFiles![0].edits[0].newText;
      const fs = memoryFs({ '/p/Dockerfile': src, '/p/.dockerignore': text, '/p/app/main.py': '' });
      const config = { rules: {}, allRules: true };
      const findings = lintText(text, 'dockerignore', { path: '/p/.dockerignore', fs, config });
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        text,
      );
      const model = parseDockerignore(text);
      for (const [path, excluded] of [
        ['Dockerfile', false],
        ['src/pkg/__pycache__/m.cpython-313.pyc', src === webapp],
        ['tests/.pytest_cache/v/cache', src === webapp],
        ['packages/web/node_modules/x/index.js', src.includes('RUN npm')],
        ['app/main.py', false],
      ] as const)
        assert.equal(matchPath(model.patterns, path).excluded, excluded, `${path} in\n${text}`);
    }
  });
  it('Node: node_modules; never a file the Dockerfile copies', () => {
    const src =
      'FROM node:24\nCOPY .env.production ./\nCOPY coverage/report.json /srv/\nCOPY . .\nRUN npm ci\n';
    const [r] = offered(src, ID, ctxFor({ '/p/Dockerfile': src }));
    const lines = r.fix.otherFiles![0].edits[0].newText.split('\n');
    assert.ok(lines.includes('**/node_modules'));
    assert.ok(!lines.includes('**/.env.*'), '.env.* would ignore .env.production');
    assert.ok(!lines.includes('!**/.env.example'), 'an exception without its pattern');
    assert.ok(!lines.includes('coverage'));
    assert.ok(lines.includes('**/.env'));
  });
  it('not offered when a .dockerignore exists (applying twice is not possible), or without a file system', () => {
    assert.deepEqual(
      offered(webapp, ID, ctxFor({ '/p/Dockerfile': webapp, '/p/.dockerignore': '.git\n' })),
      [],
    );
    assert.deepEqual(
      offered(webapp, ID, ctxFor({ '/p/Dockerfile': webapp, '/p/Dockerfile.dockerignore': '' })),
      [],
    );
    assert.deepEqual(offered(webapp, ID), []);
  });
});

describe('refactor pin-base-image-tag', () => {
  const ID = 'pin-base-image-tag';
  it('one action per known tag, replacing latest', () => {
    const rs = offered(webapp, ID);
    assert.deepEqual(
      rs.map((r) => r.title),
      [...KNOWN_TAGS.python.map((t) => `Pin python to ${t}`), 'Pick a tag for `python`…'],
    );
    // The last one is the quick pick: no edit, a client command with the known tags.
    const pick = rs[rs.length - 1];
    assert.deepEqual(pick.fix.edits, []);
    assert.equal(pick.command?.command, 'berth.pickImageTag');
    const after = apply(webapp, rs[1]);
    assert.match(after, /^FROM python:3\.13-slim$/m);
    assertProperties(webapp, after, { changed: [/^FROM/] });
    assert.deepEqual(offered(after, ID), []);
  });
  it('inserts a tag when there is none, keeps the stage name and platform', () => {
    const src = 'FROM --platform=$BUILDPLATFORM docker.io/library/node AS web\nRUN npm ci\n';
    const rs = offered(src, ID);
    assert.equal(
      apply(src, rs[0]),
      'FROM --platform=$BUILDPLATFORM docker.io/library/node:24-slim AS web\nRUN npm ci\n',
    );
  });
  it('only on the FROM line; tags only for known official images, the pick for any image', () => {
    assert.equal(offered(webapp, ID, {}, lineRange(5)).length, 0);
    assert.deepEqual(
      offered('FROM myorg/python\n', ID).map((r) => [r.title, r.fix.edits.length, r.command?.arguments]),
      [
        [
          'Pick a tag for `myorg/python`…',
          0,
          [
            {
              image: 'myorg/python',
              range: { start: { line: 0, character: 17 }, end: { line: 0, character: 17 } },
              tags: [],
            },
          ],
        ],
      ],
    );
    assert.deepEqual(offered('FROM python:3.12\n', ID), []);
    assert.deepEqual(offered('ARG IMG=python\nFROM $IMG\n', ID), []);
    assert.deepEqual(offered('FROM scratch\n', ID), []);
  });
  it('every table entry is a valid tag', () => {
    for (const [name, tags] of Object.entries(KNOWN_TAGS)) {
      assert.ok(tags.length >= 2, name);
      for (const t of tags) assert.match(t, /^[\w][\w.-]{0,127}$/);
    }
  });
  it('suggests no floating tag (pinning to `stable` or `lts` would move like `latest`)', () => {
    const floating = /^(latest|stable|mainline|edge|lts|current|rolling|nightly|dev|beta|canary)(-|$)/;
    for (const [name, tags] of Object.entries(KNOWN_TAGS))
      for (const t of tags) assert.doesNotMatch(t, floating, `${name}:${t}`);
  });
});

describe('computeRefactors', () => {
  it('every refactoring on every corpus file: no crash, each edit keeps the properties', function () {
    const files = corpusFiles();
    if (!files.length) this.skip(); // ../shared/corpus is absent
    this.timeout(120000);
    const counts = new Map<string, number>();
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const ctx = { path: '/c/Dockerfile', fs: memoryFs({ '/c/Dockerfile': text }) };
      for (const r of computeRefactors(parseDockerfile(text), wholeRange(text), ctx)) {
        if (r.id === 'pin-base-image-tag' && (counts.get(r.id) ?? 0) > 20) continue;
        counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
        if (!r.fix.edits.length) continue;
        const after = apply(text, r);
        try {
          assertProperties(text, after, { changed: [/^FROM/i, /pip[0-9.]* install|go build|npm run/] });
          if (r.id !== 'pin-base-image-tag') assertIdempotent(after, r.id, ctx);
        } catch (e) {
          throw new Error(`${f}: ${r.title}: ${(e as Error).message}`, { cause: e });
        }
      }
    }
    assert.ok(counts.size >= 4, JSON.stringify([...counts]));
  });
});
