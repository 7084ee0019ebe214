/**
 * Property-based and mutation fuzzing (fast-check) of the engine over real files: random deletions,
 * insertions, truncations, duplicated lines, stray quotes and backslashes, CR/LF/CRLF mixes, a BOM, tabs,
 * unicode and NUL bytes. For every mutant: lintText never throws (nor does any rule), finishes within a
 * time bound, and every fix or suggestion it offers applies cleanly (valid positions, no overlapping edits)
 * to a text that re-lints without throwing; "fix all" terminates.
 *
 * Bounded for `npm test` (FUZZ_RUNS per property, default 40, fixed seed). `npm run fuzz` runs the same with
 * many more runs and a random seed (scripts/fuzz.mjs); a failure prints the seed and the shrunk input:
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx mocha test/unit/fuzz.test.ts` replays it.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixAllText } from '../../server/src/core/actions';
import { applyEdits } from '../../server/src/core/fix';
import { lintText } from '../../server/src/core/engine';
import { LineIndex } from '../../server/src/core/text';
import type { Fix } from '../../server/src/core/types';
import {
  BUILTIN_SAMPLES,
  corpusDir,
  loadCorpus,
  NO_CORPUS_MESSAGE,
  sample,
  type CorpusKind,
} from '../helpers/corpus';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 20261128;
/** Files per kind taken from the corpus (spread over it). */
const FILES = Number(process.env.FUZZ_FILES ?? 12);
/** One analysis of a mutant of a real file must finish within this (generous: the machine may be busy). */
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 3000);
const CONFIG = { rules: {}, allRules: true };

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

const NASTY = [
  '"',
  "'",
  '\\',
  '\\\n',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\0',
  '\uFEFF',
  '$',
  '${',
  '}',
  '$(',
  '`',
  '<<EOF\n',
  'EOF\n',
  '#',
  '# hadolint ignore=DL3008\n',
  ':',
  '- ',
  '&a ',
  '*a',
  '<<: *a\n',
  '[',
  ']',
  '{',
  '|\n',
  '>-\n',
  '---\n',
  '!reset ',
  '\u00e9',
  '\u{1F433}',
  '\uD800',
  '\u202E',
  ' '.repeat(9),
  'FROM ',
  'RUN ',
  'COPY --from=',
  'ARG X=',
  'services:\n',
];

type Op =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate-line'; at: number; times: number }
  | { op: 'eol'; style: 'crlf' | 'cr' | 'lf' | 'mixed'; seed: number }
  | { op: 'bom' }
  | { op: 'tabs' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(
        fc.constantFrom(...NASTY),
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('duplicate-line' as const),
      at: fc.nat(),
      times: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('eol' as const),
      style: fc.constantFrom('crlf' as const, 'cr' as const, 'lf' as const, 'mixed' as const),
      seed: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'tabs' as const }) },
);

export function mutate(text: string, ops: Op[]): string {
  let t = text;
  for (const o of ops) {
    const at = t.length ? ('at' in o ? o.at % (t.length + 1) : 0) : 0;
    switch (o.op) {
      case 'delete':
        t = t.slice(0, at) + t.slice(at + o.len);
        break;
      case 'insert':
        t = t.slice(0, at) + o.text + t.slice(at);
        break;
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'duplicate-line': {
        const lines = t.split('\n');
        const i = o.at % lines.length;
        lines.splice(i, 0, ...Array<string>(o.times).fill(lines[i]));
        t = lines.join('\n');
        break;
      }
      case 'eol': {
        const lines = t.split(/\r\n|\r|\n/);
        if (o.style !== 'mixed') t = lines.join(o.style === 'crlf' ? '\r\n' : o.style === 'cr' ? '\r' : '\n');
        else {
          let x = o.seed | 1;
          t = lines
            .map((l, i) => {
              x = (x * 1103515245 + 12345) & 0x7fffffff;
              return i === lines.length - 1 ? l : l + ['\n', '\r\n', '\r'][x % 3];
            })
            .join('');
        }
        break;
      }
      case 'bom':
        t = '\uFEFF' + t;
        break;
      case 'tabs':
        t = t.replace(/ {2,4}/g, '\t');
        break;
    }
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

/** Positions of a fix that are not inside the document (LineIndex would clamp them silently). */
function badPositions(text: string, fix: Fix): string[] {
  const lines = new LineIndex(text);
  const out: string[] = [];
  for (const e of fix.edits)
    for (const p of [e.range.start, e.range.end]) {
      if (p.line < 0 || p.line >= lines.lineCount) out.push(`line ${p.line} of ${lines.lineCount}`);
      else if (p.character < 0 || p.character > lines.lineEnd(p.line) - lines.lineStarts[p.line])
        out.push(`${p.line}:${p.character} beyond the line's end`);
    }
  return out;
}

/** Checks one input; throws an assertion error describing what broke. */
export function checkInput(text: string, kind: CorpusKind, maxFixes = 8): void {
  const ruleErrors: string[] = [];
  const t0 = performance.now();
  const findings = lintText(text, kind, {
    config: CONFIG,
    onRuleError: (id, e) =>
      ruleErrors.push(`${id}: ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' ') ?? e}`),
  });
  const elapsed = performance.now() - t0;
  assert.deepEqual(ruleErrors, [], 'a rule threw');
  assert.ok(elapsed < TIME_LIMIT_MS, `analysis took ${elapsed.toFixed(0)} ms (limit ${TIME_LIMIT_MS} ms)`);
  let checked = 0;
  for (const f of findings) {
    for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
      if (!fix || checked >= maxFixes) continue;
      checked++;
      assert.deepEqual(
        badPositions(text, fix),
        [],
        `${f.ruleId} fix "${fix.title}" has positions outside the text`,
      );
      let out: string;
      try {
        out = applyEdits(text, fix.edits);
      } catch (e) {
        assert.fail(`${f.ruleId} fix "${fix.title}" does not apply: ${(e as Error).message}`);
      }
      const errs: string[] = [];
      lintText(out, kind, { config: CONFIG, onRuleError: (id) => errs.push(id) });
      assert.deepEqual(errs, [], `after ${f.ruleId} fix "${fix.title}", a rule threw`);
    }
  }
  const all = fixAllText(text, kind, { config: CONFIG });
  assert.equal(typeof all.text, 'string');
}

function inputs(): { name: string; kind: CorpusKind; text: string }[] {
  const dir = corpusDir();
  const files = dir
    ? [...sample(loadCorpus('dockerfile', dir), FILES), ...sample(loadCorpus('compose', dir), FILES)]
    : [];
  return [...BUILTIN_SAMPLES, ...files];
}

describe('fuzz: the engine on mutated real files', function () {
  // Long runs (`npm run fuzz`) take as long as they take.
  this.timeout(RUNS > 100 ? 0 : 120000);

  it('never throws, stays within its time bound, and offers fixes that apply (built-in samples)', () => {
    for (const s of BUILTIN_SAMPLES) {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 6 }), (ops) =>
          checkInput(mutate(s.text, ops), s.kind),
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });

  it('never throws, stays within its time bound, and offers fixes that apply (corpus files)', function () {
    if (!corpusDir()) {
      console.log(`      fuzz: ${NO_CORPUS_MESSAGE}`);
      this.skip();
    }
    const files = inputs().filter((i) => !i.name.startsWith('builtin'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(opArb, { minLength: 1, maxLength: 6 }),
        (i, ops) => checkInput(mutate(files[i].text, ops), files[i].kind),
      ),
      { numRuns: RUNS * 4, seed: SEED },
    );
  });

  it('any string at all, as a Dockerfile and as a compose file', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.array(fc.constantFrom(...NASTY), { maxLength: 60 }).map((a) => a.join('')),
        ),
        (text) => {
          checkInput(text, 'dockerfile');
          checkInput(text, 'compose');
        },
      ),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });
});
