/**
 * Quick-fix safety over the real-world corpus: every fix (and every suggestion) offered on every corpus
 * file, applied alone, must
 *   - apply: positions inside the document, no overlapping edits, a change to the text;
 *   - leave a file that parses (no new Dockerfile parse problem / YAML error);
 *   - make its own finding go (fixes; suggestions may be alternatives);
 *   - add no finding of any other rule;
 *   - change nothing outside its edit ranges, and write the file's own line breaks (no `\n` into a CRLF file).
 * Bounded: FIX_SAFETY_FILES corpus files per kind (default all), and at most FIX_SAFETY_PER_RULE fixes
 * per rule per file. One test per fixable rule; a rule whose fixes are known to fail is `it.skip`ped
 * below with the bug, so that the rest stays green.
 */
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/fix';
import { lintModel, parseModel, type Model } from '../../server/src/core/engine';
import { allRules } from '../../server/src/core/rules/index';
import { LineIndex } from '../../server/src/core/text';
import type { Finding, Fix } from '../../server/src/core/types';
import { corpusDir, loadCorpus, NO_CORPUS_MESSAGE, sample, type CorpusFile } from '../helpers/corpus';

const FILES = Number(process.env.FIX_SAFETY_FILES ?? 100000);
const PER_RULE = Number(process.env.FIX_SAFETY_PER_RULE ?? 5);
const CONFIG = { rules: {}, allRules: true };

/**
 * Rules whose fixes fail on the corpus (found by this test; each with one example). Remove an entry
 * once the rule is fixed: the test then runs and guards it.
 */
const KNOWN_BROKEN: Record<string, string> = {};

interface Failure {
  rule: string;
  what: 'fix' | 'suggestion';
  problem: string;
  file: string;
  line: number;
  title: string;
}

function parseErrors(m: Model): number {
  return m.kind === 'dockerfile' ? m.problems.length : m.errors.filter((e) => e.severity === 'error').length;
}

function counts(fs: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/** Check one fix on one file; returns the problems found (empty: safe). */
export function checkFix(
  text: string,
  kind: 'dockerfile' | 'compose',
  model: Model,
  before: Map<string, number>,
  finding: Finding,
  fix: Fix,
  what: 'fix' | 'suggestion',
): string[] {
  const problems: string[] = [];
  const lines = new LineIndex(text);
  for (const e of fix.edits)
    for (const p of [e.range.start, e.range.end])
      if (p.line >= lines.lineCount || p.character > lines.lineEnd(p.line) - lines.lineStarts[p.line])
        problems.push(`position ${p.line + 1}:${p.character + 1} is outside the document`);
  if (lines.eol === '\r\n' && fix.edits.some((e) => /(^|[^\r])\n/.test(e.newText)))
    problems.push('writes a bare \\n into a CRLF file');
  let out: string;
  try {
    out = applyEdits(text, fix.edits, lines);
  } catch (e) {
    return [...problems, `does not apply: ${(e as Error).message}`];
  }
  if (out === text) return [...problems, 'changes nothing'];
  // Nothing outside the edit ranges changed: the text before the first edit and after the last is intact.
  const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]);
  const first = Math.min(...spans.map((s) => s[0]));
  const last = Math.max(...spans.map((s) => s[1]));
  if (
    out.slice(0, first) !== text.slice(0, first) ||
    out.slice(out.length - (text.length - last)) !== text.slice(last)
  )
    problems.push('changes text outside its edit ranges');
  const after = parseModel(out, kind);
  const errs: string[] = [];
  const found = lintModel(after, { config: CONFIG, onRuleError: (id) => errs.push(id) });
  if (errs.length) problems.push(`a rule throws on the result: ${errs.join(', ')}`);
  if (parseErrors(after) > parseErrors(model)) {
    const msgs = after.kind === 'dockerfile' ? after.problems : after.errors;
    problems.push(`the result does not parse: ${msgs[msgs.length - 1]?.message}`);
  }
  const c = counts(found);
  if (what === 'fix' && (c.get(finding.ruleId) ?? 0) >= (before.get(finding.ruleId) ?? 0))
    problems.push('its own finding is still there');
  for (const [id, n] of c)
    if (id !== finding.ruleId && n > (before.get(id) ?? 0)) problems.push(`adds a ${id} finding`);
  return problems;
}

describe('fix safety: every offered fix on every corpus file', function () {
  this.timeout(120000);
  const dir = corpusDir();
  const files: CorpusFile[] = dir
    ? [...sample(loadCorpus('dockerfile', dir), FILES), ...sample(loadCorpus('compose', dir), FILES)]
    : [];
  const failures: Failure[] = [];
  const checked = new Map<string, number>();

  before(function () {
    if (!dir) {
      console.log(`      fix safety: ${NO_CORPUS_MESSAGE}`);
      this.skip();
    }
    for (const f of files) {
      const kind = f.kind;
      const model = parseModel(f.text, kind);
      const findings = lintModel(model, { config: CONFIG });
      const before = counts(findings);
      const perRule = new Map<string, number>();
      for (const finding of findings) {
        const offered: [Fix | undefined, 'fix' | 'suggestion'][] = [
          [finding.fix, 'fix'],
          ...(finding.suggestions ?? []).map((s) => [s, 'suggestion'] as [Fix, 'suggestion']),
        ];
        for (const [fix, what] of offered) {
          // A command-only suggestion (the image tag quick pick) edits nothing itself: image-tag-pick.test.ts.
          if (!fix || (!fix.edits.length && !fix.otherFiles?.length && fix.command)) continue;
          const n = perRule.get(finding.ruleId) ?? 0;
          if (n >= PER_RULE) continue;
          perRule.set(finding.ruleId, n + 1);
          checked.set(finding.ruleId, (checked.get(finding.ruleId) ?? 0) + 1);
          for (const problem of checkFix(f.text, kind, model, before, finding, fix, what))
            failures.push({
              rule: finding.ruleId,
              what,
              problem,
              file: f.name,
              line: finding.range.start.line + 1,
              title: fix.title,
            });
        }
      }
    }
  });

  after(() => {
    if (!failures.length) return;
    // One example per rule and problem: the report the rule authors need.
    const seen = new Set<string>();
    console.log('\n      Unsafe fixes found on the corpus (one example each):');
    for (const f of failures) {
      const key = `${f.rule} ${f.what} ${f.problem.replace(/:.*/, '')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const n = failures.filter((x) => `${x.rule} ${x.what} ${x.problem.replace(/:.*/, '')}` === key).length;
      console.log(
        `      - ${f.rule} (${f.what} "${f.title}"): ${f.problem} [${n}x; e.g. ${f.file}:${f.line}]`,
      );
    }
  });

  // Every rule: suggestions come from rules that are not `fixable` too.
  for (const rule of allRules.filter((r) => r.meta.kind !== 'dockerignore')) {
    const id = rule.meta.id;
    const title = `${id}: its fixes and suggestions are safe on the corpus`;
    if (KNOWN_BROKEN[id]) {
      it.skip(`${title} (KNOWN BUG: ${KNOWN_BROKEN[id]})`);
      continue;
    }
    it(title, () => {
      const mine = failures.filter((f) => f.rule === id);
      assert.deepEqual(
        mine.slice(0, 5).map((f) => `${f.file}:${f.line} ${f.what} "${f.title}": ${f.problem}`),
        [],
        `${mine.length} unsafe fix(es) of ${id} (checked ${checked.get(id) ?? 0})`,
      );
    });
  }
});
