import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/core/dockerfile/parser';
import { graphOf } from '../../server/src/core/dockerfile/graph';

describe('dockerfile stage graph', () => {
  const src = [
    'ARG BASE=deps',
    'FROM node:20 AS Deps',
    'RUN npm ci',
    'FROM deps AS build',
    'RUN --mount=type=cache,target=/root/.npm --mount=type=bind,from=tools,target=/t make',
    'FROM alpine AS tools',
    'FROM alpine AS unused',
    'FROM ${BASE} AS final2',
    'COPY --from=build /out /out',
    'COPY --from=0 /a /a',
    'COPY --from=nginx:latest /etc/nginx /etc/nginx',
    '',
  ].join('\n');
  const m = parseDockerfile(src);
  const g = graphOf(m);

  it('resolves FROM <stage> (case-insensitively, through ARG defaults)', () => {
    assert.equal(m.stages[1].baseStage, 0);
    assert.equal(m.stages[4].baseStage, 0);
    assert.deepEqual(
      g.baseChain(1).map((s) => s.index),
      [1, 0],
    );
    assert.equal(g.rootStage(4).index, 0);
  });

  it('records COPY --from and RUN --mount from= edges with offsets', () => {
    const copies = g.edges.filter((e) => e.kind === 'copy');
    assert.deepEqual(
      copies.map((e) => [e.ref, e.toStage, e.byIndex]),
      [
        ['build', 1, false],
        ['0', 0, true],
        ['nginx:latest', undefined, false],
      ],
    );
    const mount = g.edges.find((e) => e.kind === 'mount')!;
    assert.equal(mount.toStage, 2);
    assert.equal(mount.forward, true);
    assert.equal(src.slice(mount.start, mount.end), 'tools');
    assert.equal(src.slice(copies[0].start, copies[0].end), 'build');
  });

  it('knows which stages the final stage needs', () => {
    assert.equal(g.finalStage, 4);
    assert.deepEqual(g.reachable, [true, true, true, false, true]);
  });

  it('reachability from another target, in-edges', () => {
    assert.deepEqual(g.reachableFrom(1), [true, true, true, false, false]);
    assert.deepEqual(g.in[0].map((e) => e.kind).sort(), ['copy', 'from', 'from']);
    assert.equal(g.stageByName('DEPS')?.index, 0);
    assert.equal(g.resolveRef('9'), undefined);
    assert.equal(graphOf(m), g);
  });

  it('survives cycles and self references', () => {
    const c = parseDockerfile(
      'FROM a AS a\nCOPY --from=a / /\nFROM b AS b\nCOPY --from=c / /\nFROM x AS c\nCOPY --from=b / /\n',
    );
    const cg = graphOf(c);
    assert.deepEqual(cg.reachable, [false, true, true]);
    assert.equal(cg.edges[0].toStage, 0);
    assert.equal(cg.edges[0].forward, true);
  });
});
