// esbuild plugins shared by the build (scripts/build.mjs) and the benchmark (scripts/bench.mjs).
import { readFile } from 'node:fs/promises';

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
 * The `yaml` package's parser and composer read `process.env.LOG_TOKENS` / `process.env.LOG_STREAM` (debug
 * switches) once per token: on Node every `process.env` read is a call into the environment, a fifth of
 * the parse time of a large compose file. Berth never sets them: the bundled copies test `false`.
 * The rewrite is checked: if a later yaml version changes these lines, the build fails instead of
 * silently keeping the slow path.
 */
export const yamlWithoutEnvLookups = {
  name: 'yaml-without-env-lookups',
  setup(b) {
    b.onLoad(
      { filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ },
      async (args) => {
        const src = await readFile(args.path, 'utf8');
        const out = src.replace(/\bnode_process\.env\.(LOG_TOKENS|LOG_STREAM)\b/g, 'false');
        if (out === src)
          throw new Error(`yaml-without-env-lookups: no LOG_TOKENS/LOG_STREAM lookup left in ${args.path}`);
        return { contents: out, loader: 'js' };
      },
    );
  },
};
