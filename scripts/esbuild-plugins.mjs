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
