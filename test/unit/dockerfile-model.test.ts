import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { flagOptions, keyValuePairs } from '../../server/src/core/dockerfile/model';

describe('dockerfile parser', () => {
  it('honours # escape=` (backtick continuations, backslashes literal)', () => {
    const m = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows\nWORKDIR C:\\app\\\nRUN dir `\n  /s\n',
    );
    assert.equal(m.escapeChar, '`');
    assert.deepEqual(
      m.instructions.map((i) => [i.keyword, i.argsText]),
      [
        ['FROM', 'mcr.microsoft.com/windows'],
        ['WORKDIR', 'C:\\app\\'],
        ['RUN', 'dir   /s'],
      ],
    );
    assert.deepEqual(
      m.directives.map((d) => [d.name, d.value]),
      [['escape', '`']],
    );
  });

  it('reads syntax, escape and check directives only at the top', () => {
    const m = parseDockerfile(
      '# syntax=docker/dockerfile:1\n# check=skip=StageNameCasing;error=true\n\n# escape=`\nFROM x\n',
    );
    assert.deepEqual(
      m.directives.map((d) => d.name),
      ['syntax', 'check'],
    );
    assert.equal(m.escapeChar, '\\');
  });

  it('parses heredocs: several per line, <<-, quoted delimiters, a program after the marker', () => {
    const src =
      'FROM x\nRUN <<EOF bash && cat <<-\'B\'\necho $A\nEOF\n\tb\n\tB\nCOPY <<"C" /c\nc\nC\nRUN echo $((1<<2)) done\n';
    const m = parseDockerfile(src);
    const [, run, copy, run2] = m.instructions;
    assert.deepEqual(
      run.heredocs.map((h) => [h.delimiter, h.stripTabs, h.quoted, h.body, h.terminated]),
      [
        ['EOF', false, false, 'echo $A\n', true],
        ['B', true, true, '\tb\n', true],
      ],
    );
    assert.equal(src.slice(run.heredocs[1].markerStart, run.heredocs[1].markerEnd), "<<-'B'");
    assert.equal(run.endLine, 5);
    assert.equal(copy.heredocs[0].body, 'c\n');
    assert.equal(run2.heredocs.length, 0, 'arithmetic shift is no heredoc');
    assert.equal(m.problems.length, 0);
  });

  it('reports an unterminated heredoc and keeps going', () => {
    const m = parseDockerfile('FROM x\nRUN <<EOF\necho\n');
    assert.equal(m.instructions[1].heredocs[0].terminated, false);
    assert.match(m.problems[0].message, /not terminated/);
  });

  it('drops comments and empty lines inside continuations, and records the empty ones', () => {
    const m = parseDockerfile('FROM x\nRUN a \\\n# note\n\n  && b\nUSER me\n');
    const run = m.instructions[1];
    assert.equal(run.argsText, 'a   && b');
    assert.deepEqual(run.emptyContinuationLines, [3]);
    assert.equal(m.instructions[2].keyword, 'USER');
    assert.ok(m.comments.some((c) => c.text === 'note'));
  });

  it('an escaped escape at the end of a line is no continuation; `\\` stays inside double quotes', () => {
    const m = parseDockerfile('FROM w:1\nCOPY a \\\n  C:\\\\dir\\\\\n\nWORKDIR "c:\\app"\n');
    assert.deepEqual(
      m.instructions.map((i) => i.keyword),
      ['FROM', 'COPY', 'WORKDIR'],
    );
    assert.equal(m.instructions[2].args[0].value, 'c:\\app');
  });

  it('handles CRLF and a BOM, with exact offsets', () => {
    const src = '\ufeffFROM alpine:3 AS a\r\nRUN echo \\\r\n  hi\r\n';
    const m = parseDockerfile(src);
    assert.equal(m.instructions[0].keyword, 'FROM');
    assert.equal(m.stages[0].name, 'a');
    assert.equal(src.slice(m.stages[0].imageStart, m.stages[0].imageEnd), 'alpine:3');
    assert.equal(m.instructions[1].argsText, 'echo   hi');
    assert.equal(m.instructions[1].endLine, 2);
  });

  it('parses ONBUILD, flags, exec form, key/value pairs and mount options', () => {
    const src =
      'FROM x\nONBUILD COPY --from=b --chown=1:1 a /b\nRUN --mount=type=cache,target=/root/.cache,from=b --bogus x\nCMD ["a", "b c"]\nENV A=1 B="x y"\nENV L legacy value\n';
    const m = parseDockerfile(src);
    const ob = m.instructions[1].onbuild!;
    assert.equal(ob.keyword, 'COPY');
    assert.deepEqual(
      ob.flags.map((f) => [f.name, f.value]),
      [
        ['from', 'b'],
        ['chown', '1:1'],
      ],
    );
    const run = m.instructions[2];
    assert.deepEqual(
      run.flags.map((f) => f.name),
      ['mount', 'bogus'],
    );
    const opts = flagOptions(run.flags[0]);
    assert.deepEqual(
      opts.map((o) => [o.key, o.value, src.slice(o.valueStart, o.valueEnd)]),
      [
        ['type', 'cache', 'cache'],
        ['target', '/root/.cache', '/root/.cache'],
        ['from', 'b', 'b'],
      ],
    );
    assert.deepEqual(m.instructions[3].json?.values, ['a', 'b c']);
    assert.deepEqual(
      keyValuePairs(m.instructions[4]).map((p) => [
        p.key,
        p.value,
        src.slice(p.valueStart, p.valueEnd),
        p.legacy,
      ]),
      [
        ['A', '1', '1', false],
        ['B', 'x y', '"x y"', false],
      ],
    );
    assert.deepEqual(
      keyValuePairs(m.instructions[5]).map((p) => [p.key, p.value, p.legacy]),
      [['L', 'legacy value', true]],
    );
  });

  it('keeps stages, names, platform and base stages', () => {
    const m = parseDockerfile('ARG V=3\nFROM --platform=$BUILDPLATFORM golang:${V} AS Build\nFROM build\n');
    assert.equal(m.globalArgs.length, 1);
    assert.equal(m.stages[0].imageResolved, 'golang:3');
    assert.equal(m.stages[0].platform?.value, '$BUILDPLATFORM');
    assert.equal(m.stages[1].baseStage, 0);
  });

  it('never throws on garbage, and offsets stay inside the text', () => {
    const alphabet = fc.constantFrom(
      'FROM ',
      'RUN ',
      'COPY ',
      'ONBUILD ',
      'ENV ',
      'ARG ',
      ' AS ',
      '\\',
      '`',
      '\n',
      '\r\n',
      '\r',
      '<<EOF',
      '<<-',
      'EOF',
      '"',
      "'",
      '[',
      ']',
      ',',
      '--',
      '=',
      '$',
      '{',
      '}',
      '#',
      ' ',
      '\t',
      'a',
      '\ufeff',
      '# escape=`\n',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const m = parseDockerfile(text);
        for (const i of m.instructions) {
          assert.ok(i.start >= 0 && i.end <= text.length && i.start <= i.end);
          for (const a of i.args) assert.ok(a.start >= 0 && a.end <= text.length);
          keyValuePairs(i);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parses a 10,000-line file completely (its speed is measured by npm run bench)', () => {
    const lines = ['FROM debian:12 AS base'];
    for (let i = 0; i < 10000; i++) lines.push(i % 3 ? `RUN echo ${i} \\\n  && true` : `ENV K${i}=v${i}`);
    const text = lines.join('\n');
    const m = parseDockerfile(text);
    assert.equal(m.instructions.length, 10001);
  });
});
