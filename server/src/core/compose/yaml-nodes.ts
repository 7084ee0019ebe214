/**
 * The `yaml` package's node predicates, read once from the package.
 *
 * The bundles load `yaml` (a CommonJS package) through esbuild's interop, which turns every call of an
 * imported function (`isMap(x)`) into a getter call on the module object. In walks over the tens of thousands
 * of nodes of a large compose file that doubles the cost of the walk; these constants are plain functions.
 * Code that runs once per node or per service imports the predicates from here. (The bundles now take
 * yaml's ES module build, which has no such getters (`scripts/esbuild-plugins.mjs`); the constants still
 * spare the CommonJS path, used by the tests and by anyone loading the sources with ts-node.)
 */
import * as yaml from 'yaml';

export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const isMap: typeof yaml.isMap = yaml.isMap;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
