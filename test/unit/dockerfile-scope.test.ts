import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { scopeOf } from '../../server/src/core/dockerfile/scope';
import type { DockerfileModel, Instruction } from '../../server/src/core/dockerfile/model';

function at(m: DockerfileModel, line: number): Instruction {
  const i = m.instructions.find((x) => x.line === line - 1);
  assert.ok(i, `no instruction on line ${line}`);
  return i;
}

describe('dockerfile scope (ARG/ENV evaluation)', () => {
  it('evaluates global ARG defaults in FROM, with ${x:-y} and ${x:+y}', () => {
    const m = parseDockerfile(
      'ARG PY=3.12\nARG V=${PY:-3}-slim\nARG E\nARG W=${E:+set}x\nFROM python:${V}\nRUN echo\n',
    );
    const s = scopeOf(m);
    assert.equal(s.valueAt(at(m, 5), 'V'), '3.12-slim');
    assert.equal(s.valueAt(at(m, 5), 'W'), 'x');
    assert.equal(m.stages[0].imageResolved, 'python:3.12-slim');
    // Global ARGs are not visible inside a stage without re-declaration.
    assert.equal(s.isDefinedAt(at(m, 6), 'PY'), false);
  });

  it('re-declaring a global ARG in a stage imports its default; a new default wins', () => {
    const m = parseDockerfile('ARG A=1\nARG B=2\nFROM x\nARG A\nARG B=3\nRUN echo\n');
    const s = scopeOf(m);
    assert.equal(s.valueAt(at(m, 6), 'A'), '1');
    assert.equal(s.valueAt(at(m, 6), 'B'), '3');
    assert.equal(s.bindingAt(at(m, 6), 'A')?.kind, 'arg');
  });

  it('a definition is visible only after its instruction', () => {
    const m = parseDockerfile('FROM x\nENV A=1\nENV A=2\nRUN echo\n');
    const s = scopeOf(m);
    assert.equal(s.valueAt(at(m, 2), 'A'), undefined);
    assert.equal(s.valueAt(at(m, 3), 'A'), '1');
    assert.equal(s.valueAt(at(m, 4), 'A'), '2');
  });

  it('values of one ENV see the environment before it; one ARG sees its earlier pairs', () => {
    const m = parseDockerfile('FROM x\nENV A=old\nENV A=new B=$A\nARG C=1 D=$C\nRUN echo\n');
    const s = scopeOf(m);
    assert.equal(s.valueAt(at(m, 5), 'B'), 'old');
    assert.equal(s.valueAt(at(m, 5), 'D'), '1');
  });

  it('ENV is inherited through FROM <stage>; ARG is not', () => {
    const m = parseDockerfile('FROM x AS base\nENV E=1\nARG G=2\nFROM base\nRUN echo\nFROM x\nRUN echo\n');
    const s = scopeOf(m);
    assert.equal(s.valueAt(at(m, 5), 'E'), '1');
    assert.equal(s.isDefinedAt(at(m, 5), 'G'), false);
    assert.equal(s.isDefinedAt(at(m, 7), 'E'), false);
    assert.deepEqual(s.namesAt(at(m, 5)).sort(), ['E']);
  });

  it('ENV wins over ARG of the same name', () => {
    const m = parseDockerfile('FROM x\nENV V=env\nARG V=arg\nRUN echo\n');
    assert.equal(scopeOf(m).valueAt(at(m, 4), 'V'), 'env');
  });

  it('predefined platform args in FROM, proxy args in RUN only, quotes in values', () => {
    const m = parseDockerfile(
      'FROM --platform=$BUILDPLATFORM x\nRUN echo $HTTP_PROXY\nENV P="a b" Q=\'$P\' R="$P"\nENV LEG v w\nLABEL l=$HTTP_PROXY\nRUN x\n',
    );
    const s = scopeOf(m);
    assert.equal(s.isDefinedAt(at(m, 1), 'BUILDPLATFORM'), true);
    assert.equal(s.isDefinedAt(at(m, 2), 'HTTP_PROXY'), true);
    assert.equal(s.isDefinedAt(at(m, 5), 'HTTP_PROXY'), false);
    assert.equal(s.isDefinedAt(at(m, 2), 'TARGETARCH'), false);
    assert.equal(s.valueAt(at(m, 6), 'P'), 'a b');
    assert.equal(s.valueAt(at(m, 6), 'Q'), '$P');
    // P is not defined before that ENV: no known value.
    assert.equal(s.valueAt(at(m, 6), 'R'), undefined);
    assert.equal(s.valueAt(at(m, 6), 'LEG'), 'v w');
  });

  it('an ARG without a default is defined but has no value', () => {
    const m = parseDockerfile('ARG TAG\nFROM alpine:$TAG\nARG X\nRUN echo\n');
    const s = scopeOf(m);
    assert.equal(s.isDefinedAt(at(m, 2), 'TAG'), true);
    assert.equal(s.valueAt(at(m, 2), 'TAG'), undefined);
    assert.equal(m.stages[0].imageResolved, undefined);
    assert.equal(s.isDefinedAt(at(m, 4), 'X'), true);
    assert.equal(s.evalAt(at(m, 4), '${X:-dflt}'), 'dflt');
  });

  it('knows when a stage has an unknown base image environment', () => {
    const m = parseDockerfile('FROM scratch AS a\nFROM a AS b\nFROM debian AS c\nFROM c\n');
    const s = scopeOf(m);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => s.hasUnknownBaseEnv(i)),
      [false, false, true, true],
    );
  });

  it('is computed once per model, also on big files (speed: npm run bench)', () => {
    const lines = ['FROM x'];
    for (let i = 0; i < 10000; i++) lines.push(`ENV V${i % 50}=$V${(i + 1) % 50}x`);
    const m = parseDockerfile(lines.join('\n'));
    const s = scopeOf(m);
    assert.equal(scopeOf(m), s);
    const last = m.instructions[m.instructions.length - 1];
    assert.equal(s.isDefinedAt(last, 'V1'), true);
    assert.equal(s.isDefinedAt(last, 'V50'), false);
  });
});
