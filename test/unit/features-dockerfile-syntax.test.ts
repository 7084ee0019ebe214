/**
 * dockerfile-utils' syntax diagnostics next to Berth's findings: a problem that a Berth rule reports
 * gets no second diagnostic from dockerfile-utils; what Berth does not check is still reported.
 */
import assert from 'node:assert/strict';
import { lintModel, parseModel } from '../../server/src/core/engine';
import { dockerfileSyntaxDiagnostics } from '../../server/src/features/dockerfile-service';

function both(text: string) {
  const model = parseModel(text, 'dockerfile');
  const syntax = dockerfileSyntaxDiagnostics(text, model.lines.lineCount, model);
  const berth = lintModel(model);
  return { syntax, berth };
}

describe('dockerfile-utils diagnostics do not repeat Berth findings', () => {
  const owned: [string, string, string][] = [
    ['unknown instruction', 'FROM debian:12\nFOO bar\n', 'unknown-instruction'],
    ['unknown COPY flag', 'FROM debian:12\nCOPY --foo=1 a /b\n', 'unknown-flag'],
    ['unknown ADD flag', 'FROM debian:12\nADD --foo=1 a /b\n', 'unknown-flag'],
    ['unknown FROM flag', 'FROM --foo=1 debian:12\n', 'unknown-flag'],
    ['unknown HEALTHCHECK flag', 'FROM debian:12\nHEALTHCHECK --foo=1 CMD ["true"]\n', 'unknown-flag'],
    ['duplicate stage name', 'FROM debian:12 AS a\nFROM debian:12 AS a\n', 'duplicate-stage-name'],
    ['ONBUILD FROM', 'FROM debian:12\nONBUILD FROM x\n', 'onbuild-invalid-instruction'],
    ['ONBUILD ONBUILD', 'FROM debian:12\nONBUILD ONBUILD RUN x\n', 'onbuild-invalid-instruction'],
    ['CMD before FROM', 'CMD ["x"]\nFROM debian:12\n', 'instruction-before-from'],
    [
      'COPY to a file with several sources',
      'FROM debian:12\nCOPY a b /c\n',
      'copy-multiple-sources-dest-slash',
    ],
    ['MAINTAINER', 'FROM debian:12\nMAINTAINER x\n', 'maintainer-deprecated'],
  ];
  for (const [name, text, rule] of owned)
    it(`${name}: only ${rule}`, () => {
      const { syntax, berth } = both(text);
      assert.ok(
        berth.some((f) => f.ruleId === rule),
        `Berth reports ${rule}`,
      );
      assert.deepEqual(
        syntax.map((d) => `${d.code} ${d.message}`),
        [],
      );
    });

  it('ADD --unpack is not an unknown flag (dockerfile-utils does not know it; Berth does)', () => {
    const { syntax, berth } = both('FROM debian:12\nADD --unpack=true https://example.com/a.tar /b\n');
    assert.deepEqual(syntax, []);
    assert.ok(!berth.some((f) => f.ruleId === 'unknown-flag'));
  });

  const kept: [string, string, number][] = [
    ['a file without FROM or any instruction', '# only a comment\n', 20],
    ['only ARGs, no FROM', 'ARG X=1\n', 20],
    ['ADD with several sources to a file (Berth checks COPY only)', 'FROM debian:12\nADD a b /c\n', 23],
    ['invalid STOPSIGNAL', 'FROM debian:12\nSTOPSIGNAL FOO\n', 27],
    ['SHELL not in JSON form', 'FROM debian:12\nSHELL /bin/bash\n', 31],
    ['instruction without arguments', 'FROM debian:12\nWORKDIR\n', 2],
  ];
  for (const [name, text, code] of kept)
    it(`kept: ${name}`, () => {
      assert.deepEqual(
        both(text).syntax.map((d) => d.code),
        [code],
      );
    });
});
