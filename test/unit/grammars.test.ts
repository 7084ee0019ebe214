/**
 * TextMate grammar tests: the .dockerignore grammar and the shell injection into VS Code's Dockerfile
 * grammar, tokenized with vscode-textmate + vscode-oniguruma (the engine VS Code itself uses).
 *
 * The base grammars are VS Code's own, from the `tm-grammars` package (MIT): `docker.json` is VS Code's
 * extensions/docker grammar (scope source.dockerfile), `shellscript.json` its shell grammar (source.shell).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'grammars');
const INJECTION_FILE = path.join(ROOT, 'syntaxes', 'dockerfile-shell.injection.tmLanguage.json');
const DOCKERIGNORE_FILE = path.join(ROOT, 'syntaxes', 'dockerignore.tmLanguage.json');
const CONTINUATION_FILE = path.join(
  ROOT,
  'syntaxes',
  'dockerfile-shell-continuation.injection.tmLanguage.json',
);
const INJECTION_SCOPE = 'berth.injection.dockerfile-shell';
const CONTINUATION_SCOPE = 'berth.injection.dockerfile-shell-continuation';

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const grammarFiles: Record<string, string> = {
  'source.dockerfile': require.resolve('tm-grammars/grammars/docker.json'),
  'source.shell': require.resolve('tm-grammars/grammars/shellscript.json'),
  [INJECTION_SCOPE]: INJECTION_FILE,
  [CONTINUATION_SCOPE]: CONTINUATION_FILE,
  'source.dockerignore': DOCKERIGNORE_FILE,
};

let registry: vsctm.Registry | undefined;
async function getRegistry(): Promise<vsctm.Registry> {
  if (registry) return registry;
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = grammarFiles[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    // What VS Code does for the grammar contributions with `injectTo: ["source.dockerfile"]`.
    getInjections: (scopeName: string) =>
      scopeName === 'source.dockerfile' ? [INJECTION_SCOPE, CONTINUATION_SCOPE] : undefined,
  });
  return registry;
}

interface Token {
  text: string;
  scopes: string[];
}
interface Tokenized {
  lines: string[];
  tokens: Token[][];
}

async function tokenize(scopeName: string, text: string): Promise<Tokenized> {
  const grammar = await (await getRegistry()).loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} loads`);
  const lines = text.split(/\r?\n/);
  const tokens: Token[][] = [];
  let state = vsctm.INITIAL;
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    assert.equal(r.stoppedEarly, false, `tokenizing stopped early on ${JSON.stringify(line)}`);
    tokens.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return { lines, tokens };
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Index of the only line equal to `line` (after trimming the end). */
function lineIndex(doc: Tokenized, line: string): number {
  const hits = doc.lines.flatMap((l, i) => (l.trimEnd() === line ? [i] : []));
  assert.equal(
    hits.length,
    1,
    `exactly one line ${JSON.stringify(line)} in the fixture (found ${hits.length})`,
  );
  return hits[0];
}

/** Scopes of the token that holds the `occurrence`-th `text` on `line` (tokens are split on scope changes). */
function scopesOf(doc: Tokenized, line: string, text: string, occurrence = 1): string[] {
  const i = lineIndex(doc, line);
  const source = doc.lines[i];
  let from = -1;
  for (let n = 0; n < occurrence; n++) {
    from = source.indexOf(text, from + 1);
    assert.ok(from >= 0, `${JSON.stringify(text)} (#${occurrence}) on line ${JSON.stringify(line)}`);
  }
  let offset = 0;
  for (const t of doc.tokens[i]) {
    if (from >= offset && from < offset + t.text.length) {
      assert.ok(
        from + text.length <= offset + t.text.length,
        `${JSON.stringify(text)} spans several tokens on ${JSON.stringify(line)}: ${JSON.stringify(doc.tokens[i])}`,
      );
      return t.scopes;
    }
    offset += t.text.length;
  }
  assert.fail(`no token for ${JSON.stringify(text)} on ${JSON.stringify(line)}`);
}

/** Scope-selector-like check: each expected scope equals a scope of the token or is a dotted prefix of one. */
function hasScope(scopes: string[], expected: string): boolean {
  return scopes.some((s) => s === expected || s.startsWith(expected + '.'));
}

function expectScopes(
  doc: Tokenized,
  line: string,
  text: string,
  want: string[],
  not: string[] = [],
  occurrence = 1,
) {
  const scopes = scopesOf(doc, line, text, occurrence);
  for (const w of want) {
    assert.ok(
      hasScope(scopes, w),
      `${JSON.stringify(text)} on ${JSON.stringify(line)}: want ${w}, got ${scopes.join(' ')}`,
    );
  }
  for (const n of not) {
    assert.ok(
      !hasScope(scopes, n),
      `${JSON.stringify(text)} on ${JSON.stringify(line)}: unwanted ${n} in ${scopes.join(' ')}`,
    );
  }
}

/** Every token of the line is outside the embedded shell and outside any heredoc. */
function expectPlainDockerfileLine(doc: Tokenized, line: string) {
  const i = lineIndex(doc, line);
  for (const t of doc.tokens[i]) {
    assert.ok(
      !t.scopes.some((s) => s.includes('shell') || s.includes('heredoc')),
      `${JSON.stringify(line)}: ${JSON.stringify(t.text)} has ${t.scopes.join(' ')}`,
    );
  }
}

const SHELL = 'meta.embedded.block.shell';
const COMMAND = 'entity.name.command.shell';
const KEYWORD = 'keyword.other.special-method.dockerfile';

describe('grammars', () => {
  describe('grammar files', () => {
    it('are valid JSON with the expected scope names', () => {
      const injection = readJson(INJECTION_FILE);
      assert.equal(injection.scopeName, INJECTION_SCOPE);
      assert.match(injection.injectionSelector, /^L:source\.dockerfile\b/);
      const continuation = readJson(CONTINUATION_FILE);
      assert.equal(continuation.scopeName, CONTINUATION_SCOPE);
      assert.match(continuation.injectionSelector, /^L:meta\.embedded\.block\.shell\.dockerfile$/);
      const ignore = readJson(DOCKERIGNORE_FILE);
      assert.equal(ignore.scopeName, 'source.dockerignore');
    });

    it('every include of a repository rule points at an existing rule', () => {
      for (const file of [INJECTION_FILE, CONTINUATION_FILE, DOCKERIGNORE_FILE]) {
        const g = readJson(file);
        const names = new Set(Object.keys(g.repository ?? {}));
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) return node.forEach(walk);
          if (!node || typeof node !== 'object') return;
          const inc = (node as Record<string, unknown>).include;
          if (typeof inc === 'string' && inc.startsWith('#')) {
            assert.ok(names.has(inc.slice(1)), `${path.basename(file)}: include ${inc} has no rule`);
          }
          Object.values(node).forEach(walk);
        };
        walk(g);
      }
    });

    it('package.json declares the language, grammars and snippets consistently', () => {
      const c = readJson(path.join(ROOT, 'package.json')).contributes;
      const lang = c.languages.find((l: any) => l.id === 'dockerignore');
      assert.ok(lang, 'dockerignore language');
      assert.deepEqual([...lang.filenames].sort(), ['.containerignore', '.dockerignore']);
      assert.ok(lang.filenamePatterns.includes('*.dockerignore'));
      const conf = readJson(path.join(ROOT, lang.configuration));
      assert.equal(conf.comments.lineComment, '#');

      const byScope = new Map<string, any>(c.grammars.map((g: any) => [g.scopeName, g]));
      for (const [scope, file] of [
        ['source.dockerignore', DOCKERIGNORE_FILE],
        [INJECTION_SCOPE, INJECTION_FILE],
        [CONTINUATION_SCOPE, CONTINUATION_FILE],
      ]) {
        const g = byScope.get(scope);
        assert.ok(g, `grammar contribution for ${scope}`);
        assert.equal(path.resolve(ROOT, g.path), file);
        assert.equal(readJson(file).scopeName, scope);
      }
      assert.equal(byScope.get('source.dockerignore').language, 'dockerignore');
      const inj = byScope.get(INJECTION_SCOPE);
      assert.deepEqual(inj.injectTo, ['source.dockerfile']);
      assert.equal(inj.embeddedLanguages[SHELL], 'shellscript');
      assert.deepEqual(byScope.get(CONTINUATION_SCOPE).injectTo, ['source.dockerfile']);

      const snippetLangs = c.snippets.map((s: any) => s.language).sort();
      assert.deepEqual(snippetLangs, ['dockercompose', 'dockerfile']);
      for (const s of c.snippets) assert.ok(fs.existsSync(path.join(ROOT, s.path)), `${s.path} exists`);
    });
  });

  describe('dockerignore', () => {
    let doc: Tokenized;
    before(async () => {
      doc = await tokenize('source.dockerignore', fixture('sample.dockerignore'));
    });

    it('a # in the first column starts a comment', () => {
      expectScopes(doc, '# Build context hygiene', '#', [
        'comment.line.number-sign.dockerignore',
        'punctuation.definition.comment.dockerignore',
      ]);
      expectScopes(doc, '# Build context hygiene', 'hygiene', ['comment.line.number-sign.dockerignore']);
    });

    it('an indented # is a pattern, as Docker reads it', () => {
      expectScopes(
        doc,
        '  # indented: a pattern, not a comment',
        'indented',
        ['meta.pattern.dockerignore'],
        ['comment'],
      );
    });

    it('! negates a pattern, with or without a blank after it', () => {
      expectScopes(doc, '!README.md', '!', ['keyword.operator.negation.dockerignore']);
      expectScopes(doc, '!README.md', 'README.md', ['meta.pattern.dockerignore'], ['keyword']);
      expectScopes(doc, '! docs/keep.md', '!', ['keyword.operator.negation.dockerignore']);
    });

    it('** , * and ? are glob operators', () => {
      expectScopes(doc, '**/node_modules', '**', ['keyword.operator.glob.double-star.dockerignore']);
      expectScopes(doc, '**/*.pyc', '*', ['keyword.operator.glob.wildcard.dockerignore'], [], 3);
      expectScopes(doc, 'build?/', '?', ['keyword.operator.glob.wildcard.dockerignore']);
    });

    it('character classes, escapes and path separators', () => {
      expectScopes(doc, '[a-c]*.log', '[', ['punctuation.definition.character-class.begin.dockerignore']);
      expectScopes(doc, '[a-c]*.log', '-', [
        'meta.character-class.dockerignore',
        'keyword.operator.range.dockerignore',
      ]);
      expectScopes(doc, '[^x]y', '^', ['keyword.operator.negation.dockerignore']);
      expectScopes(doc, 'file\\*name', '\\*', ['constant.character.escape.dockerignore']);
      expectScopes(doc, '/dist/', '/', ['punctuation.separator.path.dockerignore']);
      expectScopes(doc, '.git', '.git', ['meta.pattern.dockerignore'], ['keyword', 'comment']);
    });
  });

  describe('shell in Dockerfile RUN (injection)', () => {
    let doc: Tokenized;
    before(async () => {
      doc = await tokenize('source.dockerfile', fixture('run-shell.Dockerfile'));
    });

    it('the instruction keyword keeps the Dockerfile scope; the body is shell', () => {
      const line = 'RUN apt-get update \\';
      expectScopes(doc, line, 'RUN', [KEYWORD], [SHELL]);
      expectScopes(doc, line, 'apt-get', [SHELL, COMMAND]);
      expectScopes(doc, line, 'update', [SHELL, 'string.unquoted.argument.shell']);
      expectScopes(doc, line, '\\', [SHELL, 'constant.character.escape.line-continuation.dockerfile']);
    });

    it('continuation lines stay shell; a comment line inside the continuation is skipped', () => {
      expectScopes(doc, '    # headers for psycopg', 'headers', [
        SHELL,
        'comment.line.number-sign.dockerfile',
      ]);
      const line = '    && apt-get install -y --no-install-recommends build-essential libpq-dev \\';
      expectScopes(doc, line, '&&', [SHELL, 'punctuation.separator.statement.and.shell']);
      expectScopes(doc, line, 'apt-get', [SHELL, COMMAND]);
      expectScopes(doc, line, 'no-install-recommends', [SHELL, 'constant.other.option']);
      expectScopes(doc, '    && rm -rf /var/lib/apt/lists/*', 'rm', [SHELL, COMMAND]);
    });

    it('the RUN ends at the first line without a trailing backslash', () => {
      expectPlainDockerfileLine(doc, 'COPY requirements.txt .');
      expectScopes(doc, 'COPY requirements.txt .', 'COPY', [KEYWORD]);
      expectPlainDockerfileLine(doc, 'USER 10001:10001');
      expectPlainDockerfileLine(doc, 'CMD ["gunicorn", "app.wsgi:application"]');
    });

    it('RUN flags are Dockerfile flags, on the RUN line and on continuation lines', () => {
      const line =
        'RUN --mount=type=cache,target=/root/.cache/pip pip wheel --wheel-dir /wheels -r requirements.txt';
      expectScopes(doc, line, '--mount', ['variable.parameter.flag.dockerfile'], [SHELL]);
      expectScopes(doc, line, 'type', ['entity.other.attribute-name.dockerfile']);
      expectScopes(doc, line, 'pip', [SHELL, COMMAND], [], 2);
      expectScopes(doc, line, 'wheel-dir', [SHELL, 'constant.other.option']);
      const cont = '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\';
      expectScopes(doc, cont, '--mount', ['variable.parameter.flag.dockerfile'], [COMMAND]);
      expectScopes(doc, cont, 'sharing', ['entity.other.attribute-name.dockerfile']);
      const cmd = '    apt-get update && apt-get install -y --no-install-recommends libpq5';
      expectScopes(doc, cmd, 'apt-get', [SHELL, COMMAND]);
      expectScopes(doc, cmd, 'apt-get', [SHELL, COMMAND], [], 2);
    });

    it('shell control flow across continuation lines', () => {
      expectScopes(doc, 'RUN set -eux; \\', 'set', [SHELL, COMMAND]);
      const ifLine = '    if [ "$(id -u)" = "0" ]; then echo "root build"; fi; \\';
      expectScopes(doc, ifLine, 'if', [SHELL, 'keyword.control.if.shell']);
      expectScopes(doc, ifLine, 'fi', [SHELL, 'keyword.control.fi.shell']);
      const forLine = '    for d in /app/data /app/logs; do mkdir -p "$d"; done';
      expectScopes(doc, forLine, 'for', [SHELL, 'keyword.control.for.shell']);
      expectScopes(doc, forLine, 'mkdir', [SHELL, COMMAND]);
      expectScopes(doc, forLine, 'done', [SHELL, 'keyword.control.done.shell']);
    });

    it('a # after a command is a shell comment', () => {
      expectScopes(doc, 'RUN echo "done" # a shell comment', 'a shell comment', [
        SHELL,
        'comment.line.number-sign.shell',
      ]);
    });

    it('ONBUILD RUN and lower-case run are handled too', () => {
      expectScopes(doc, 'ONBUILD RUN make install', 'ONBUILD', ['keyword.control.dockerfile']);
      expectScopes(doc, 'ONBUILD RUN make install', 'make', [SHELL, COMMAND]);
      expectScopes(doc, 'run echo lowercase', 'run', [KEYWORD]);
      expectScopes(doc, 'run echo lowercase', 'echo', [SHELL, COMMAND]);
    });

    it('the exec form is left to the base grammar', () => {
      const line = 'RUN ["python", "-m", "compileall", "/app"]';
      expectPlainDockerfileLine(doc, line);
      expectScopes(doc, line, 'python', ['string.quoted.double.dockerfile']);
    });

    it('comments and other instructions are untouched', () => {
      expectScopes(
        doc,
        '# A realistic build: every RUN body below is shell.',
        'RUN',
        ['comment.line.number-sign.dockerfile'],
        [KEYWORD],
      );
      expectScopes(doc, 'FROM base AS build', 'AS', [KEYWORD]);
      expectPlainDockerfileLine(doc, 'ENV PYTHONDONTWRITEBYTECODE=1 \\');
      expectPlainDockerfileLine(doc, 'WORKDIR /app');
    });
  });

  describe('heredocs', () => {
    let doc: Tokenized;
    before(async () => {
      doc = await tokenize('source.dockerfile', fixture('heredocs.Dockerfile'));
    });

    it('RUN <<EOF: delimiters are tagged and the body is shell', () => {
      expectScopes(doc, 'RUN <<EOF', '<<', ['keyword.operator.heredoc.dockerfile'], [SHELL], 1);
      expectScopes(doc, 'set -eux', 'set', [SHELL, COMMAND]);
      expectScopes(doc, 'apt-get install -y --no-install-recommends \\', 'apt-get', [SHELL, COMMAND]);
      expectScopes(doc, '    curl \\', 'curl', [SHELL, 'string.unquoted.argument.shell'], [COMMAND]);
      expectScopes(doc, '    && rm -rf /var/lib/apt/lists/*', 'rm', [SHELL, COMMAND]);
      const ifLine = 'if [ -n "${HTTP_PROXY:-}" ]; then echo "proxy: $HTTP_PROXY"; fi';
      expectScopes(doc, ifLine, 'if', [SHELL, 'keyword.control.if.shell']);
      expectScopes(doc, ifLine, 'HTTP_PROXY', [SHELL, 'variable.other.normal.shell'], [], 2);
    });

    it('the closing delimiter ends the heredoc and the instruction', () => {
      const i = doc.lines.indexOf('SCRIPT');
      assert.ok(i > 0);
      assert.ok(hasScope(doc.tokens[i][0].scopes, 'entity.name.tag.heredoc.dockerfile'));
      expectPlainDockerfileLine(doc, 'USER 10001:10001');
      expectScopes(doc, 'USER 10001:10001', 'USER', [KEYWORD]);
    });

    it('quoted delimiters and flags before the heredoc', () => {
      const line = "RUN --mount=type=cache,target=/var/cache/apt <<'SCRIPT'";
      expectScopes(doc, line, '--mount', ['variable.parameter.flag.dockerfile']);
      expectScopes(doc, line, "'", ['punctuation.definition.string.heredoc.quote.dockerfile']);
      expectScopes(doc, line, 'SCRIPT', ['entity.name.tag.heredoc.dockerfile']);
      expectScopes(doc, 'echo "quoted delimiter"', 'echo', [SHELL, COMMAND]);
    });

    it('<<- allows a tab-indented body and closing delimiter', () => {
      expectScopes(doc, 'RUN <<-"INDENTED"', '<<-', ['keyword.operator.heredoc.dockerfile']);
      expectScopes(doc, '\techo "tab-indented body"', 'echo', [SHELL, COMMAND]);
      expectScopes(doc, '\tINDENTED', 'INDENTED', ['entity.name.tag.heredoc.dockerfile'], [SHELL]);
    });

    it('a heredoc fed to a command is a string, not shell nor instructions', () => {
      const line = 'RUN cat <<EOF > /etc/app.conf';
      expectScopes(doc, line, 'cat', ['meta.embedded.line.shell', COMMAND]);
      expectScopes(doc, line, 'EOF', ['entity.name.tag.heredoc.dockerfile']);
      expectScopes(doc, line, '>', ['keyword.operator.redirect.shell']);
      expectScopes(
        doc,
        'RUN this line is file content',
        'RUN',
        ['string.unquoted.heredoc.dockerfile'],
        [KEYWORD],
      );
      expectScopes(doc, 'user = app', 'user', ['string.unquoted.heredoc.dockerfile'], [SHELL]);
      expectScopes(
        doc,
        'print("python body stays a string")',
        'print',
        ['string.unquoted.heredoc.dockerfile'],
        [SHELL],
      );
    });

    it('COPY <<EOF: the body is file content', () => {
      expectScopes(doc, 'COPY <<EOF /app/version.txt', 'COPY', [KEYWORD]);
      expectScopes(
        doc,
        'FROM here on it is only text',
        'FROM',
        ['string.unquoted.heredoc.dockerfile'],
        [KEYWORD],
      );
    });

    it('shell state left open inside a heredoc does not swallow the closing delimiter', () => {
      expectScopes(doc, 'echo "an unclosed quote', 'an unclosed quote', [
        SHELL,
        'string.quoted.double.shell',
      ]);
      expectScopes(doc, 'DONE', 'DONE', ['entity.name.tag.heredoc.dockerfile'], [SHELL, 'string']);
    });
  });

  describe('recovery', () => {
    it('shell state left open in a RUN (unclosed quote, missing fi) stops at the next instruction', async () => {
      const doc = await tokenize('source.dockerfile', fixture('guard.Dockerfile'));
      expectScopes(doc, 'RUN echo "this quote is never closed', 'never', [
        SHELL,
        'string.quoted.double.shell',
      ]);
      expectPlainDockerfileLine(doc, 'USER 10001:10001');
      expectScopes(doc, 'USER 10001:10001', 'USER', [KEYWORD]);
      expectScopes(doc, '      echo "alpine"', 'echo', [SHELL, 'meta.scope.if-block.shell', COMMAND]);
      expectPlainDockerfileLine(doc, 'ENV MODE=prod');
      expectScopes(doc, 'RUN echo ok', 'echo', [SHELL, COMMAND]);
    });

    it('continuation lines inside a command keep their argument and option scopes', async () => {
      const doc = await tokenize(
        'source.dockerfile',
        [
          'FROM debian:12-slim',
          'RUN apt-get install -y \\',
          '    --no-install-recommends \\',
          '    curl',
          'USER 1000',
        ].join('\n'),
      );
      expectScopes(doc, '    --no-install-recommends \\', 'no-install-recommends', [
        SHELL,
        'constant.other.option',
      ]);
      expectScopes(doc, '    curl', 'curl', [SHELL, 'string.unquoted.argument.shell'], [COMMAND]);
      expectPlainDockerfileLine(doc, 'USER 1000');
    });

    it('tokenizes a large Dockerfile quickly', async () => {
      const text = Array.from(
        { length: 40 },
        () => fixture('run-shell.Dockerfile') + fixture('heredocs.Dockerfile'),
      ).join('\n');
      const start = performance.now();
      const doc = await tokenize('source.dockerfile', text);
      const ms = performance.now() - start;
      assert.ok(doc.lines.length > 2000);
      assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`);
    });
  });
});
