/**
 * Complete before -> after outputs of the refactorings other than the multi-stage conversion
 * (which has its own test): every `<dir>/<name>.before.Dockerfile` under test/fixtures/refactors
 * has the result of the first action offered next to it, `<name>.after.Dockerfile` (for
 * .dockerignore: the created file, `<name>.after.dockerignore`). The whole text is compared, so any
 * byte the refactoring changes, adds or loses shows.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES,
  apply,
  assertIdempotent,
  assertProperties,
  fixture,
  memoryFs,
  offered,
} from '../../fixtures/refactors/harness';

/** Fixture folder -> refactoring id, and the instructions it changes on purpose. */
const DIRS: Record<string, { id: string; changed?: RegExp[] }> = {
  'non-root': { id: 'run-as-non-root', changed: [/^RUN (pip|microdnf|npm)/] },
  healthcheck: { id: 'add-healthcheck' },
  'layer-cache': { id: 'order-for-layer-cache' },
  dockerignore: { id: 'generate-dockerignore' },
  pin: { id: 'pin-base-image-tag', changed: [/^FROM/] },
};

/** Set BERTH_WRITE_FIXTURES=1 to (re)write the after files, then review them. */
const WRITE = process.env.BERTH_WRITE_FIXTURES === '1';

describe('refactorings: complete before -> after fixtures', () => {
  for (const [dir, { id, changed }] of Object.entries(DIRS)) {
    const names = readdirSync(join(FIXTURES, dir))
      .filter((f) => f.endsWith('.before.Dockerfile'))
      .map((f) => f.slice(0, -'.before.Dockerfile'.length));
    it(`${dir}: fixtures are there`, () => assert.ok(names.length >= 2, dir));
    for (const name of names) {
      it(`${dir}/${name}`, () => {
        const before = fixture(`${dir}/${name}.before.Dockerfile`);
        // .dockerignore needs the context (it is offered only when none exists).
        const ctx =
          id === 'generate-dockerignore'
            ? { path: '/p/Dockerfile', fs: memoryFs({ '/p/Dockerfile': before }) }
            : {};
        const rs = offered(before, id, ctx);
        assert.ok(rs.length >= 1, `${id} not offered`);
        const ext = id === 'generate-dockerignore' ? 'dockerignore' : 'Dockerfile';
        const afterName = `${dir}/${name}.after.${ext}`;
        let got: string;
        if (id === 'generate-dockerignore') {
          assert.deepEqual(rs[0].fix.edits, [], 'the Dockerfile is not edited');
          const [f] = rs[0].fix.otherFiles!;
          assert.equal(f.path, '/p/.dockerignore');
          got = f.edits.map((e) => e.newText).join('');
        } else {
          got = apply(before, rs[0]);
          assertProperties(before, got, { changed });
          if (id !== 'pin-base-image-tag') assertIdempotent(got, id);
          else assert.deepEqual(offered(got, id), [], 'pinned: not offered again');
        }
        if (WRITE) writeFileSync(join(FIXTURES, afterName), got);
        assert.ok(
          existsSync(join(FIXTURES, afterName)),
          `${afterName} is missing (BERTH_WRITE_FIXTURES=1 writes it)`,
        );
        assert.equal(got, fixture(afterName));
      });
    }
  }
});
