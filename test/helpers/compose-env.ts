/**
 * Rule tests about interpolation: a compose file at `/p/compose.yaml` next to a `.env`, linted with an empty
 * shell environment (so the machine's variables do not leak into the results).
 */
import { MemoryFileSystem } from '../../server/src/core/compose/memory-fs';
import { setShellEnv } from '../../server/src/core/compose/project';

/** Lint options: the file is `/p/compose.yaml`, `/p/.env` holds `dotenv` (no `.env` when undefined). */
export function withDotenv(dotenv?: string): { path: string; fs: MemoryFileSystem } {
  return {
    path: '/p/compose.yaml',
    fs: new MemoryFileSystem(dotenv === undefined ? {} : { '/p/.env': dotenv }),
  };
}

/** A describe block whose tests see an empty shell environment. */
export function inEmptyShell(title: string, body: () => void): void {
  describe(title, () => {
    before(() => setShellEnv({}));
    after(() => setShellEnv(process.env));
    body();
  });
}
