/**
 * The shared real-world corpus (`../shared/corpus` next to the repository, or `$BERTH_CORPUS`) and
 * generated inputs, for the fuzz, hostile-input and fix-safety tests and for `scripts/bench.mjs` (which
 * bundles this file). Corpus files are read in place: never copy them into the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type CorpusKind = 'dockerfile' | 'compose';

export interface CorpusFile {
  /** File name inside the corpus (`<owner>__<repo>__<path>`). */
  name: string;
  path: string;
  kind: CorpusKind;
  text: string;
}

/** Where the corpus is, or undefined when it is absent. */
export function corpusDir(repoRoot = path.resolve(__dirname, '../..')): string | undefined {
  const dir = process.env.BERTH_CORPUS || path.resolve(repoRoot, '../shared/corpus');
  return fs.existsSync(path.join(dir, 'dockerfiles')) || fs.existsSync(path.join(dir, 'compose'))
    ? dir
    : undefined;
}

export const NO_CORPUS_MESSAGE =
  'corpus absent (looked for ../shared/corpus next to the repository, or $BERTH_CORPUS): skipped';

function listDir(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort();
  } catch {
    return [];
  }
}

/** Every corpus file of a kind (compose: the `.yml`/`.yaml` files, not the `env/` folder), sorted by name. */
export function loadCorpus(kind: CorpusKind, dir = corpusDir()): CorpusFile[] {
  if (!dir) return [];
  const sub = path.join(dir, kind === 'dockerfile' ? 'dockerfiles' : 'compose');
  return listDir(sub)
    .filter((f) => kind === 'dockerfile' || /\.ya?ml$/i.test(f))
    .map((name) => {
      const p = path.join(sub, name);
      return { name, path: p, kind, text: fs.readFileSync(p, 'utf8') };
    });
}

/** A deterministic sample of `n` files spread over the whole (sorted) list. */
export function sample<T>(items: T[], n: number): T[] {
  if (n >= items.length) return items.slice();
  const out: T[] = [];
  const step = items.length / n;
  for (let i = 0; i < n; i++) out.push(items[Math.floor(i * step)]);
  return out;
}

/** Small built-in inputs, so that the property tests always run something. */
export const BUILTIN_SAMPLES: { name: string; kind: CorpusKind; text: string }[] = [
  {
    name: 'builtin: multi-stage Dockerfile',
    kind: 'dockerfile',
    text: [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=debian:12',
      'FROM ${BASE} AS build',
      'MAINTAINER Jane <jane@example.com>',
      'ENV APP_HOME=/app PATH=/app/bin:$PATH',
      'WORKDIR $APP_HOME',
      'RUN apt-get update && apt-get install -y curl ca-certificates \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN pip install flask==3.0.0 requests',
      'COPY --chown=app:app . /app',
      'RUN <<EOF',
      'set -e',
      'make build',
      'EOF',
      'FROM alpine:latest',
      'RUN apk add --no-cache python3',
      'COPY --from=build /app /app',
      'USER root',
      'EXPOSE 8080/tcp',
      'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1',
      'CMD python3 /app/main.py',
      '',
    ].join('\n'),
  },
  {
    name: 'builtin: windows escape Dockerfile',
    kind: 'dockerfile',
    text: [
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'SHELL ["powershell", "-Command"]',
      'RUN Invoke-WebRequest -Uri https://example.com/x.zip -OutFile x.zip; `',
      '    Expand-Archive x.zip -DestinationPath C:\\x',
      'ENTRYPOINT ["C:\\\\x\\\\app.exe"]',
      '',
    ].join('\r\n'),
  },
  {
    name: 'builtin: compose with anchors',
    kind: 'compose',
    text: [
      'version: "3.8"',
      'x-common: &common',
      '  restart: unless-stopped',
      '  environment:',
      '    TZ: UTC',
      'services:',
      '  web:',
      '    <<: *common',
      '    image: nginx:latest',
      '    ports:',
      '      - 80:80',
      '      - "443:443"',
      '    depends_on: [db]',
      '    volumes:',
      '      - ./html:/usr/share/nginx/html:ro',
      '  db:',
      '    <<: *common',
      '    image: postgres',
      '    environment:',
      '      POSTGRES_PASSWORD: secret',
      '    volumes:',
      '      - dbdata:/var/lib/postgresql/data',
      'volumes:',
      '  dbdata: {}',
      '',
    ].join('\n'),
  },
];

// ---------------------------------------------------------------------------------------------
// Generated inputs (scaling benchmarks and hostile tests): deterministic, realistic in shape.
// ---------------------------------------------------------------------------------------------

/** A realistic Dockerfile of about `lines` lines: stages with ARG/ENV/RUN (apt, pip, continuations)/COPY. */
export function generateDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE_TAG=12-slim'];
  let stage = 0;
  while (out.length < lines) {
    const s = stage++;
    out.push('', `FROM debian:\${BASE_TAG} AS stage${s}`);
    out.push(`ARG VERSION_${s}=1.${s}.0`);
    out.push(`ENV APP_${s}=/opt/app${s} PATH=/opt/app${s}/bin:$PATH`);
    out.push(`WORKDIR /opt/app${s}`);
    for (let k = 0; k < 6 && out.length < lines; k++) {
      switch (k % 6) {
        case 0:
          out.push(
            'RUN apt-get update \\',
            `    && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates=20230311 pkg${s}-${k} \\`,
            '    && rm -rf /var/lib/apt/lists/*',
          );
          break;
        case 1:
          out.push(`COPY --chown=app:app src${s}/ /opt/app${s}/src/`);
          break;
        case 2:
          out.push(`RUN pip install --no-cache-dir flask==3.0.${s % 10} requests==2.31.0`);
          break;
        case 3:
          out.push(`# stage ${s}, step ${k}: build`, `RUN cd /opt/app${s} && make -j2 VERSION=$VERSION_${s}`);
          break;
        case 4:
          out.push(`LABEL org.opencontainers.image.version="$VERSION_${s}"`);
          break;
        default:
          out.push(s > 0 ? `COPY --from=stage${s - 1} /opt/app${s - 1}/bin /usr/local/bin/` : 'EXPOSE 8080');
      }
    }
  }
  out.push('USER 1000', 'CMD ["app", "--serve"]', '');
  return out.join('\n');
}

/** A realistic compose file with `n` services (images, ports, env, volumes, depends_on, healthchecks). */
export function generateCompose(n: number): string {
  const out: string[] = [
    'name: generated',
    'x-defaults: &defaults',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '    options:',
    '      max-size: "10m"',
    'services:',
  ];
  for (let i = 0; i < n; i++) {
    out.push(
      `  svc${i}:`,
      '    <<: *defaults',
      `    image: "registry.example.com/team/svc${i}:1.${i % 50}.0"`,
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    environment:',
      `      SERVICE_NAME: svc${i}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      '    volumes:',
      `      - data${i % 20}:/var/lib/svc`,
      '      - ./config:/etc/svc:ro',
      '    networks: [backend]',
    );
    if (i > 0) out.push('    depends_on:', `      - svc${i - 1}`);
    if (i % 3 === 0)
      out.push(
        '    healthcheck:',
        '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]',
        '      interval: 30s',
      );
  }
  out.push('networks:', '  backend: {}', 'volumes:');
  for (let v = 0; v < Math.min(n, 20); v++) out.push(`  data${v}: {}`);
  out.push('');
  return out.join('\n');
}

/** A YAML "billion laughs": `levels` levels of `width` aliases each (width^levels expanded values). */
export function aliasBomb(levels = 9, width = 9): string {
  const out = ['services:', '  web:', '    image: nginx:1.27', 'x-lol:', '  l0: &l0 "lol"'];
  for (let l = 1; l <= levels; l++) {
    const refs = Array.from({ length: width }, () => `*l${l - 1}`).join(', ');
    out.push(`  l${l}: &l${l} [${refs}]`);
  }
  out.push(`  bomb: *l${levels}`, '');
  return out.join('\n');
}

/** The same, through merge keys (`<<: [*a, *a, ...]`), which compose tools do expand. */
export function mergeBomb(levels = 8, width = 8): string {
  const out = ['x-m0: &m0', '  k0: v'];
  for (let l = 1; l <= levels; l++) {
    out.push(`x-m${l}: &m${l}`, `  <<: [${Array.from({ length: width }, () => `*m${l - 1}`).join(', ')}]`);
    out.push(`  k${l}: v`);
  }
  out.push('services:', '  web:', `    <<: *m${levels}`, '    image: nginx:1.27', '');
  return out.join('\n');
}

/** Deeply nested YAML: flow (`[[[...]]]`) or block mappings. */
export function deepYaml(depth: number, style: 'flow' | 'block'): string {
  if (style === 'flow')
    return `services:\n  web:\n    image: nginx:1.27\nx-deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  const out = ['services:', '  web:', '    image: nginx:1.27', 'x-deep:'];
  for (let i = 1; i <= depth; i++) out.push(`${' '.repeat(i)}k${i}:`);
  out.push(`${' '.repeat(depth + 1)}leaf: 1`, '');
  return out.join('\n');
}

/** One instruction continued over `lines` lines with backslashes. */
export function longContinuation(lines: number): string {
  const out = ['FROM debian:12', 'RUN echo start \\'];
  for (let i = 0; i < lines; i++) out.push(`    && echo line${i} \\`);
  out.push('    && echo end', '');
  return out.join('\n');
}

/** Deterministic pseudo-random bytes (as a latin1 string decoded like a binary file opened as text). */
export function binaryText(bytes: number, seed = 1): string {
  const b = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b.toString('utf8');
}
