/**
 * Snippet tests: every snippet is well-formed VS Code snippet JSON, expands with its defaults (first
 * choice, placeholder text, mirrored tabstops, known variables) without leftover snippet syntax, and the
 * expanded file lints clean with Berth's default rules. Fragments (a HEALTHCHECK, one compose service)
 * are linted inside a small clean file made for them below.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../server/src/core/engine';

const ROOT = path.resolve(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  scope?: string;
}

// ---------------------------------------------------------------------------------------------
// A small VS Code snippet expander (the grammar of vscode's snippetParser, defaults only).
// ---------------------------------------------------------------------------------------------

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[] | undefined; choices?: string[] }
  | { kind: 'variable'; name: string; children: Node[] | undefined };

/** Stands for a `$` the snippet escaped (`\$`), so that leftover checks only see unescaped syntax. */
const ESCAPED_DOLLAR = '\u0000';

class SnippetSyntaxError extends Error {}

function parseSnippet(src: string): Node[] {
  let pos = 0;

  function parseNodes(inPlaceholder: boolean): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (pos < src.length) {
      const c = src[pos];
      if (c === '\\' && pos + 1 < src.length && '$}\\'.includes(src[pos + 1])) {
        text += src[pos + 1] === '$' ? ESCAPED_DOLLAR : src[pos + 1];
        pos += 2;
        continue;
      }
      if (inPlaceholder && c === '}') break;
      if (c === '$') {
        const start = pos;
        const node = parseDollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
        // Not snippet syntax: VS Code inserts the `$` as it is.
        pos = start + 1;
        text += '$';
        continue;
      }
      text += c;
      pos++;
    }
    flush();
    return out;
  }

  function parseDollar(): Node | undefined {
    // At a `$`. Returns undefined (position unspecified) when this is not snippet syntax.
    pos++;
    const digits = /^\d+/.exec(src.slice(pos));
    if (digits) {
      pos += digits[0].length;
      return { kind: 'tabstop', index: Number(digits[0]), children: undefined };
    }
    const name = /^[A-Za-z_]\w*/.exec(src.slice(pos));
    if (name) {
      pos += name[0].length;
      return { kind: 'variable', name: name[0], children: undefined };
    }
    if (src[pos] !== '{') return undefined;
    pos++;
    const idx = /^\d+/.exec(src.slice(pos));
    if (idx) {
      pos += idx[0].length;
      const index = Number(idx[0]);
      if (src[pos] === '}') {
        pos++;
        return { kind: 'tabstop', index, children: undefined };
      }
      if (src[pos] === ':') {
        pos++;
        const children = parseNodes(true);
        if (src[pos] !== '}') return undefined;
        pos++;
        return { kind: 'tabstop', index, children };
      }
      if (src[pos] === '|') {
        pos++;
        const choices: string[] = [];
        let cur = '';
        while (pos < src.length) {
          const c = src[pos];
          if (c === '\\' && pos + 1 < src.length && ',|\\$}'.includes(src[pos + 1])) {
            cur += src[pos + 1] === '$' ? ESCAPED_DOLLAR : src[pos + 1];
            pos += 2;
          } else if (c === ',') {
            choices.push(cur);
            cur = '';
            pos++;
          } else if (c === '|' && src[pos + 1] === '}') {
            choices.push(cur);
            pos += 2;
            return { kind: 'tabstop', index, children: [{ kind: 'text', value: choices[0] }], choices };
          } else {
            cur += c;
            pos++;
          }
        }
        return undefined;
      }
      if (src[pos] === '/')
        throw new SnippetSyntaxError(`transforms are not supported by this test (tabstop ${index})`);
      return undefined;
    }
    const v = /^[A-Za-z_]\w*/.exec(src.slice(pos));
    if (!v) return undefined;
    pos += v[0].length;
    if (src[pos] === '}') {
      pos++;
      return { kind: 'variable', name: v[0], children: undefined };
    }
    if (src[pos] === ':') {
      pos++;
      const children = parseNodes(true);
      if (src[pos] !== '}') return undefined;
      pos++;
      return { kind: 'variable', name: v[0], children };
    }
    if (src[pos] === '/') throw new SnippetSyntaxError(`transforms are not supported by this test (${v[0]})`);
    return undefined;
  }

  return parseNodes(false);
}

/** Values VS Code would give the variables snippets may use, for a file named `fileName`. */
function variableValues(fileName: string): Record<string, string> {
  return {
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_FILENAME: fileName,
    TM_FILENAME_BASE: fileName.replace(/\.[^.]*$/, ''),
    TM_DIRECTORY: '/work/project',
    TM_FILEPATH: `/work/project/${fileName}`,
    RELATIVE_FILEPATH: fileName,
    WORKSPACE_NAME: 'project',
    WORKSPACE_FOLDER: '/work/project',
    CLIPBOARD: '',
    CURRENT_YEAR: '2025',
    CURRENT_YEAR_SHORT: '25',
    CURRENT_MONTH: '01',
    CURRENT_DATE: '01',
    LINE_COMMENT: '#',
    BLOCK_COMMENT_START: '#',
    BLOCK_COMMENT_END: '',
    UUID: '00000000-0000-4000-8000-000000000000',
    RANDOM: '123456',
    RANDOM_HEX: 'abc123',
  };
}

/** Expand with defaults, as accepting every placeholder unchanged would. Escaped `$` stay ESCAPED_DOLLAR. */
function expandRaw(body: string, fileName: string): string {
  const nodes = parseSnippet(body);
  const vars = variableValues(fileName);
  // The first occurrence of a tabstop that has content (placeholder text or a choice) gives its value;
  // bare `$n` / `${n}` occurrences mirror it.
  const defaults = new Map<number, Node[]>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' && n.children && !defaults.has(n.index)) defaults.set(n.index, n.children);
      if (n.kind !== 'text' && n.children) collect(n.children);
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string =>
    list
      .map((n) => {
        if (depth > 20)
          throw new SnippetSyntaxError('placeholders nest too deep (a tabstop mirrors itself?)');
        if (n.kind === 'text') return n.value;
        if (n.kind === 'tabstop') {
          if (n.index === 0) return n.children ? render(n.children, depth + 1) : '';
          const value = n.children ?? defaults.get(n.index);
          return value ? render(value, depth + 1) : '';
        }
        if (n.name in vars) return vars[n.name];
        if (n.children) return render(n.children, depth + 1);
        // VS Code would insert the name as a placeholder: almost always a `$` that should be `\$`.
        throw new SnippetSyntaxError(`unknown variable $${n.name} (escape a literal dollar as \\$)`);
      })
      .join('');
  return render(nodes, 0);
}

function expand(body: string, fileName: string): string {
  return expandRaw(body, fileName).split(ESCAPED_DOLLAR).join('$');
}

function bodyText(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

function prefixes(s: Snippet): string[] {
  return Array.isArray(s.prefix) ? s.prefix : [s.prefix];
}

// ---------------------------------------------------------------------------------------------
// Where fragments are linted: a small file that is clean by itself. `{}` marks where the snippet goes.
// ---------------------------------------------------------------------------------------------

const PYTHON_IMAGE = [
  'FROM python:3.12-slim',
  'ENV PYTHONDONTWRITEBYTECODE=1 \\',
  '    PYTHONUNBUFFERED=1',
  'WORKDIR /app',
];
const NODE_IMAGE = ['FROM node:22-alpine', 'ENV NODE_ENV=production', 'WORKDIR /app'];
const GO_BUILD = [
  'FROM golang:1.23 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/app .',
  '',
];

const dockerfileContexts: Record<string, string[]> = {
  'healthcheck-curl': [
    ...PYTHON_IMAGE,
    'COPY . .',
    'USER 10001:10001',
    '{}',
    'CMD ["python", "-m", "http.server"]',
  ],
  'healthcheck-wget': [
    ...PYTHON_IMAGE,
    'COPY . .',
    'USER 10001:10001',
    '{}',
    'CMD ["python", "-m", "http.server"]',
  ],
  'healthcheck-python': [
    ...PYTHON_IMAGE,
    'COPY . .',
    'USER 10001:10001',
    '{}',
    'CMD ["python", "-m", "http.server"]',
  ],
  'healthcheck-node': [...NODE_IMAGE, 'COPY . .', 'USER 1000:1000', '{}', 'CMD ["node", "server.js"]'],
  'healthcheck-binary': [
    ...GO_BUILD,
    'FROM gcr.io/distroless/static-debian12:nonroot',
    'COPY --from=build /out/app /app',
    'USER 65532:65532',
    '{}',
    'ENTRYPOINT ["/app"]',
  ],
  'user-debian': ['FROM debian:12-slim', '{}', 'CMD ["bash"]'],
  'user-alpine': ['FROM alpine:3.20', '{}', 'CMD ["sh"]'],
  'user-distroless': [
    ...GO_BUILD,
    'FROM gcr.io/distroless/static-debian12:nonroot',
    '{}',
    'ENTRYPOINT ["/app"]',
  ],
  'run-cache-apt': ['FROM debian:12-slim', '{}', 'USER 10001:10001', 'CMD ["bash"]'],
  'run-cache-pip': [
    ...PYTHON_IMAGE,
    'COPY requirements.txt .',
    '{}',
    'COPY . .',
    'USER 10001:10001',
    'CMD ["python", "app.py"]',
  ],
  'run-cache-npm': [
    ...NODE_IMAGE,
    'COPY package.json package-lock.json ./',
    '{}',
    'COPY . .',
    'USER 1000:1000',
    'CMD ["node", "server.js"]',
  ],
  'run-heredoc': ['FROM debian:12-slim', '{}', 'USER 10001:10001', 'CMD ["bash"]'],
};

/** Compose fragments are one service: they go under `services:`. */
const COMPOSE_SERVICE_CONTEXT = ['name: demo', 'services:', '{}'];

function placeInContext(context: string[], snippet: string, indent = ''): string {
  const at = context.indexOf('{}');
  assert.ok(at >= 0);
  const body = snippet
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? indent + l : l));
  return [...context.slice(0, at), ...body, ...context.slice(at + 1)].join('\n') + '\n';
}

interface SnippetFile {
  file: string;
  kind: 'dockerfile' | 'compose';
  language: string;
  fileName: string;
  isWholeFile: (expanded: string) => boolean;
  contextFor: (prefix: string) => { context: string[]; indent: string } | undefined;
}

const files: SnippetFile[] = [
  {
    file: 'snippets/dockerfile.code-snippets',
    kind: 'dockerfile',
    language: 'dockerfile',
    fileName: 'Dockerfile',
    isWholeFile: (t) => /^(#[^\n]*\n|\s*\n)*FROM\s/i.test(t),
    contextFor: (p) => (dockerfileContexts[p] ? { context: dockerfileContexts[p], indent: '' } : undefined),
  },
  {
    file: 'snippets/compose.code-snippets',
    kind: 'compose',
    language: 'dockercompose',
    fileName: 'compose.yaml',
    isWholeFile: (t) => /^services:/m.test(t),
    contextFor: () => ({ context: COMPOSE_SERVICE_CONTEXT, indent: '  ' }),
  },
];

/**
 * Snippet files are JSONC, as VS Code reads them (Prettier formats them with trailing commas):
 * drop comments and trailing commas outside strings, then parse strictly.
 */
function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === ',' && /^\s*[}\]]/.test(text.slice(i + 1))) {
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}

function loadSnippets(file: string): Record<string, Snippet> {
  return parseJsonc(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>;
}

function describeFindings(text: string, findings: ReturnType<typeof lintText>): string {
  const lines = text.split('\n');
  return findings
    .map(
      (f) =>
        `  ${f.ruleId} [${f.severity}] line ${f.range.start.line + 1}: ${f.message}\n    > ${lines[f.range.start.line] ?? ''}`,
    )
    .join('\n');
}

describe('snippets', () => {
  it('reads JSONC like VS Code: comments and trailing commas, but not inside strings', () => {
    assert.deepEqual(parseJsonc('{\n  // c\n  "a": ["x, ]", "// y",],\n  /* z */ "b": 1,\n}'), {
      a: ['x, ]', '// y'],
      b: 1,
    });
    assert.throws(() => parseJsonc('{"a": }'));
  });

  describe('expander', () => {
    it('takes placeholder text, the first choice, mirrors and escapes', () => {
      assert.equal(expand('a ${1:x} ${2|p,q|} $1 ${1} \\$HOME \\} $0', 'Dockerfile'), 'a x p x x $HOME } ');
      assert.equal(expand('${1:outer ${2:inner}} $2', 'Dockerfile'), 'outer inner inner');
      assert.equal(expand('${TM_FILENAME} ${NOPE_VAR:fallback}', 'compose.yaml'), 'compose.yaml fallback');
      assert.equal(expand('${1|a\\,b,c|}', 'Dockerfile'), 'a,b');
      assert.throws(() => expand('echo $HOME', 'Dockerfile'), /unknown variable \$HOME/);
      assert.equal(expandRaw('${1:unclosed', 'Dockerfile'), '${1:unclosed');
    });
  });

  for (const sf of files) {
    describe(sf.file, () => {
      const snippets = loadSnippets(sf.file);
      const entries = Object.entries(snippets);

      it('is valid JSON with prefix, body and description in every snippet', () => {
        assert.ok(entries.length > 0);
        for (const [name, s] of entries) {
          assert.ok(
            prefixes(s).length > 0 &&
              prefixes(s).every((p) => typeof p === 'string' && /^[a-z][a-z0-9-]*$/.test(p)),
            `${name}: prefix`,
          );
          assert.ok(
            typeof s.body === 'string' ||
              (Array.isArray(s.body) && s.body.every((l) => typeof l === 'string')),
            `${name}: body`,
          );
          assert.ok(bodyText(s).trim().length > 0, `${name}: empty body`);
          assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
          assert.equal(s.scope, undefined, `${name}: the language comes from the contribution, not a scope`);
        }
      });

      it('has unique prefixes, no tabs (YAML forbids them; VS Code re-indents) and no trailing blanks', () => {
        const seen = new Set<string>();
        for (const [name, s] of entries) {
          for (const p of prefixes(s)) {
            assert.ok(!seen.has(p), `duplicate prefix ${p}`);
            seen.add(p);
          }
          for (const line of bodyText(s).split('\n')) {
            assert.ok(!line.includes('\t'), `${name}: tab in ${JSON.stringify(line)}`);
            assert.ok(!/[ ]+$/.test(line), `${name}: trailing blank in ${JSON.stringify(line)}`);
          }
        }
      });

      for (const [name, s] of entries) {
        const prefix = prefixes(s)[0];
        describe(`${prefix} (${name})`, () => {
          it('expands with its defaults and leaves no snippet syntax behind', () => {
            const raw = expandRaw(bodyText(s), sf.fileName);
            assert.ok(!/\$\{/.test(raw), `leftover \${ in:\n${raw}`);
            assert.ok(!/\$\d/.test(raw), `leftover tabstop in:\n${raw}`);
            const tabstops = [...bodyText(s).matchAll(/\$\{?(\d+)/g)].map((m) => Number(m[1]));
            assert.ok(
              tabstops.length > 0,
              'a snippet without placeholders is just text: give it at least one',
            );
          });

          it('lints clean with the default rules', () => {
            const expanded = expand(bodyText(s), sf.fileName);
            let text: string;
            if (sf.isWholeFile(expanded)) {
              text = expanded.endsWith('\n') ? expanded : expanded + '\n';
            } else {
              const ctx = sf.contextFor(prefix);
              assert.ok(ctx, `fragment ${prefix}: add a context for it in snippets.test.ts`);
              text = placeInContext(ctx.context, expanded, ctx.indent);
            }
            const findings = lintText(text, sf.kind);
            assert.deepEqual(
              findings,
              [],
              `findings in ${prefix}:\n${describeFindings(text, findings)}\n--- file ---\n${text}`,
            );
          });
        });
      }

      it('is listed in docs/dev/snippets.md', () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'dev', 'snippets.md'), 'utf8');
        for (const s of Object.values(snippets)) {
          for (const p of prefixes(s))
            assert.ok(doc.includes('`' + p + '`'), `docs/dev/snippets.md lists ${p}`);
        }
      });
    });
  }

  it('the contexts used for fragments lint clean themselves', () => {
    for (const [prefix, ctx] of Object.entries(dockerfileContexts)) {
      const text = placeInContext(ctx, '');
      // The non-root-user snippets are what makes their context right: without them it runs as root.
      const findings = lintText(text, 'dockerfile').filter(
        (f) => !(prefix.startsWith('user-') && f.ruleId === 'final-stage-runs-as-root'),
      );
      assert.deepEqual(findings, [], `context of ${prefix}:\n${describeFindings(text, findings)}\n${text}`);
    }
    const compose = placeInContext(COMPOSE_SERVICE_CONTEXT, 'web:\n  image: nginx:1.27-alpine\n', '  ');
    assert.deepEqual(lintText(compose, 'compose'), []);
  });
});
