import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/dockerfile/parser';
import { convertToMultiStageText } from '../../../server/src/core/refactors/convert-to-multi-stage';
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
} from '../../fixtures/refactors/harness';

const ID = 'convert-to-multi-stage';

/** Instructions each pattern rewrites on purpose (the rest must survive byte for byte). */
const CHANGED: Record<string, RegExp[]> = {
  'python-seed': [/^FROM /, /pip install --no-cache-dir -r/],
  'python-poetry': [/^FROM /],
  'node-npm': [/^FROM /, /npm run build/],
  go: [/^FROM /, /go build/],
  'generic-make': [/^FROM /],
  // The tool's own `run` is not in the final stage: the program runs from the venv on PATH.
  'python-uv': [/^FROM /, /^CMD \["uv", "run"/],
  'python-pipenv': [/^FROM /, /^CMD \["pipenv", "run"/],
  'python-poetry-run': [/^FROM /, /^CMD poetry run/],
  'node-yarn': [/^FROM /, /yarn build/],
};

describe('refactor convert-to-multi-stage', () => {
  for (const name of Object.keys(CHANGED)) {
    it(`${name}: before -> after, properties, idempotent`, () => {
      const before = fixture(`multi-stage/${name}.before.Dockerfile`);
      const rs = offered(before, ID);
      assert.equal(rs.length, 1);
      const after = apply(before, rs[0]);
      assert.equal(after, fixture(`multi-stage/${name}.after.Dockerfile`));
      assertProperties(before, after, { changed: CHANGED[name] });
      assert.deepEqual(offered(after, ID), [], 'offered again on a multi-stage file');
      assertIdempotent(after, ID);
    });
  }

  it('examples/python-webapp/Dockerfile: pip wheels with the build packages in the builder', () => {
    const before = readFileSync(join(__dirname, '../../../examples/python-webapp/Dockerfile'), 'utf8');
    const [r] = offered(before, ID);
    assert.match(r.title, /Python: pip wheels/);
    const after = apply(before, r);
    assertProperties(before, after, { changed: [/^FROM /, /pip install -r/] });
    assert.match(after, /^FROM python:latest AS base$/m);
    assert.match(
      after,
      /^FROM base AS builder\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCOPY requirements.txt \.\nRUN pip wheel --no-cache-dir --wheel-dir \/wheels -r requirements.txt\n/m,
    );
    assert.match(
      after,
      /^COPY --from=builder \/wheels \/wheels\nRUN pip install --no-cache-dir --no-index \/wheels\/\*\nCOPY \. \.$/m,
    );
    assert.match(after, /^CMD gunicorn --bind 0\.0\.0\.0:8000 app\.main:app\n$/m);
  });

  it('uv: the uv image copy and every uv sync go to the builder, none is left in the final stage', () => {
    const after = fixture('multi-stage/python-uv.after.Dockerfile');
    const [builder, final] = after.split(/^FROM base$/m);
    assert.match(builder, /^COPY --from=ghcr\.io\/astral-sh\/uv:0\.9 \/uv \/uvx \/bin\/$/m);
    assert.match(builder, /^COPY \. \.\nRUN uv sync --frozen --no-dev\n/m);
    assert.doesNotMatch(final, /\buv\b/);
    // uv sync without --no-install-project needs the source in the builder.
    const src =
      'FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.9.5 /uv /uvx /bin/\nWORKDIR /app\nCOPY . .\nRUN uv sync --frozen --no-cache\nCMD ["/app/.venv/bin/fastapi", "run", "app/main.py"]\n';
    const out = apply(src, offered(src, ID)[0]);
    assert.match(
      out,
      /^FROM base AS builder\nCOPY --from=ghcr[^\n]*\nCOPY \. \.\nRUN uv sync --frozen --no-cache\n/m,
    );
    assertProperties(src, out, { changed: [/^FROM /] });
  });

  it('not offered when the final stage would still need poetry / pipenv / uv', () => {
    const base =
      'FROM python:3.12-slim\nRUN pip install poetry\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\n';
    assert.deepEqual(
      offered(base + 'RUN poetry run python manage.py collectstatic\nCMD ["python", "-m", "app"]\n', ID),
      [],
    );
    assert.deepEqual(offered(base + 'CMD ["poetry", "run", "--directory", "x", "app"]\n', ID), []);
    assert.deepEqual(offered(base + 'ENTRYPOINT ["sh", "-c", "poetry run app"]\n', ID), []);
  });

  it('Yarn 2+ (no `yarn install --production` to prune with): not offered', () => {
    const src = fixture('multi-stage/node-yarn.before.Dockerfile');
    assert.deepEqual(offered(src.replace('--frozen-lockfile', '--immutable'), ID), []);
    const ctx = {
      path: '/p/Dockerfile',
      fs: memoryFs({ '/p/Dockerfile': src, '/p/package.json': '{"packageManager":"yarn@4.9.1"}' }),
    };
    assert.deepEqual(offered(src, ID, ctx), []);
  });

  it('Go: no note about USER nobody or nonroot (both exist in distroless), one for a user it lacks', () => {
    const src = (u: string) =>
      `FROM golang:1.27\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nUSER ${u}\nENTRYPOINT ["/out/app"]\n`;
    for (const u of ['nobody', 'nonroot', '65534'])
      assert.doesNotMatch(apply(src(u), offered(src(u), ID)[0]), /# Berth: user/, u);
    assert.match(
      apply(src('app'), offered(src('app'), ID)[0]),
      /# Berth: user app does not exist in gcr\.io\/distroless\/static-debian12:nonroot \(it has root, nobody and nonroot\)/,
    );
  });

  it('is offered on the FROM line only', () => {
    const before = fixture('multi-stage/python-seed.before.Dockerfile');
    assert.equal(offered(before, ID, {}, lineRange(2)).length, 1);
    assert.equal(offered(before, ID, {}, lineRange(20)).length, 0);
  });

  it('keeps CRLF line breaks and lower-case keywords', () => {
    const src = fixture('multi-stage/python-seed.before.Dockerfile')
      .replace(/^([A-Z]+) /gm, (_m, k: string) => `${k.toLowerCase()} `)
      .replace(/\n/g, '\r\n');
    const [r] = offered(src, ID);
    const after = apply(src, r);
    assert.ok(!/[^\r]\n/.test(after), 'a bare \\n was written');
    assert.match(after, /\r\nfrom base as builder\r\n/);
    assert.match(after, /\r\ncopy --from=builder \/wheels \/wheels\r\n/);
    assertProperties(src, after, { changed: [/^from /, /pip install --no-cache-dir -r/] });
  });

  it('keeps the user stage name on the final stage (compose build.target)', () => {
    const src =
      'FROM python:3.13-slim AS app\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "main.py"]\n';
    const after = apply(src, offered(src, ID)[0]);
    assert.match(after, /^FROM python:3\.13-slim AS base$/m);
    assert.match(after, /^FROM base AS app$/m);
    assertProperties(src, after, { changed: [/^FROM /, /pip install/] });
  });

  it('carries a stage ARG into the stages that use it', () => {
    const src =
      'FROM golang:1.27\nARG VERSION=dev\nWORKDIR /src\nCOPY . .\nRUN go build -ldflags "-X main.version=${VERSION}" -o /out/app .\nLABEL version=$VERSION\nENTRYPOINT ["/out/app"]\n';
    const after = apply(src, offered(src, ID)[0]);
    const stages = after.split(/^FROM /m);
    assert.match(stages[1], /ARG VERSION=dev/);
    assert.match(stages[2], /ARG VERSION=dev/);
    assertProperties(src, after, { changed: [/^FROM /, /go build/] });
  });

  it('is not offered for multi-stage, scratch, Windows or nothing to split', () => {
    assert.deepEqual(offered('FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n', ID), []);
    assert.deepEqual(offered(fixture('multi-stage/go.after.Dockerfile'), ID), []);
    assert.deepEqual(offered('FROM nginx:1.30\nCOPY site/ /usr/share/nginx/html/\n', ID), []);
    assert.deepEqual(offered('FROM mcr.microsoft.com/windows/servercore:ltsc2025\nRUN make\n', ID), []);
  });

  const files = corpusFiles();
  (files.length ? describe : describe.skip)(
    `corpus (${files.length ? CORPUS : 'absent: ../shared/corpus not found, skipped'})`,
    () => {
      it('every conversion the corpus allows keeps the three properties and is not offered twice', () => {
        let n = 0;
        for (const f of files) {
          const text = readFileSync(join(CORPUS, f), 'utf8');
          const res = convertToMultiStageText(parseDockerfile(text));
          if (!res) continue;
          n++;
          assertProperties(text, res.text, {
            changed: [/^FROM/i, /pip[0-9.]* install|python[0-9.]* -m pip|go build|npm|yarn|pnpm/],
          });
          assert.equal(convertToMultiStageText(parseDockerfile(res.text)), undefined, f);
        }
        assert.ok(n >= 1, 'the corpus should hold at least one single-stage Python file');
      });
    },
  );
});
