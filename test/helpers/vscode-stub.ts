/**
 * Loads client code (which imports `vscode`) in mocha against a stand-in for the `vscode` module:
 * `require('vscode')` resolves to `stub` until the returned function is called.
 */
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

type ResolveFn = (request: string, ...rest: unknown[]) => string;
const M = Module as unknown as { _resolveFilename: ResolveFn };

/** Installs `stub` as the `vscode` module; returns the function that removes it again. */
export function installVscodeStub(stub: object, name = 'berth-vscode-stub'): () => void {
  const id = path.join(os.tmpdir(), `${name}.js`);
  const originalResolve = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : originalResolve.call(this, request, ...rest);
  };
  require.cache[id] = { id, filename: id, loaded: true, exports: stub } as NodeModule;
  return () => {
    M._resolveFilename = originalResolve;
    delete require.cache[id];
  };
}
