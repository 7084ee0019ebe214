// esbuild plugins shared by the build (scripts/build.mjs) and the benchmark (scripts/bench.mjs).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** yaml-language-server imports prettier for YAML formatting, which Berth does not offer for compose files: stub it. */
export const stubPrettier = {
  name: 'stub-prettier',
  setup(b) {
    b.onResolve({ filter: /^prettier(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'module.exports = { format: async (s) => s };',
      loader: 'js',
    }));
  },
};

/**
 * `import { isMap } from 'yaml'` of the package's CommonJS build goes, in an esbuild bundle, through an
 * interop getter on every call: walks over the tens of thousands of nodes of a large compose file pay
 * for it. The package ships the same code as ES modules (`yaml/browser`, no Node-only code in it):
 * bundling that one makes imports plain bindings. It also has none of the CommonJS build's per-token
 * `process.env.LOG_TOKENS` reads (on Node each is a call into the environment: a fifth of the parse time
 * of a large compose file). Only the bare `yaml` specifier is redirected.
 */
export const yamlAsEsm = {
  name: 'yaml-as-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.pluginData === 'yaml-as-esm') return undefined;
      // The package's exports map does not list its browser folder: find the package, then the file.
      const pkg = await b.resolve('yaml/package.json', {
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: 'yaml-as-esm',
      });
      if (pkg.errors.length) return undefined;
      const esm = join(dirname(pkg.path), 'browser', 'index.js');
      return existsSync(esm) ? { path: esm } : undefined;
    });
  },
};

/**
 * In an esbuild bundle, `import * as vscode from 'vscode'` in each client module becomes its own
 * `__toESM(require("vscode"))`: a copy of the API object's ~400 names per importing module, at load
 * (10 modules: ~5 ms of the extension's activation). With this plugin the modules import one shim,
 * `export * from 'vscode'`, which copies them once. CommonJS `require('vscode')` (vscode-languageclient's
 * ~40 modules) stays a plain external require: through the shim each would copy the names again.
 */
export const vscodeOnce = {
  name: 'vscode-once',
  setup(b) {
    b.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' || args.kind === 'require-call'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-once' },
    );
    b.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};
