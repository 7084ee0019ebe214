/**
 * The rule tester: valid / invalid cases for one rule, each invalid case with the expected line
 * and column (1-based) and the output after applying the rule's fixes. For every fix it proves:
 * the result parses, the rule's own finding is gone, and no new finding appears from any rule.
 */
import assert from 'node:assert/strict';
import { applyEdits, compatibleFixes } from '../../server/src/core/fix';
import {
  findRule,
  lintModel,
  parseModel,
  type AnyModel,
  type LintOptions,
} from '../../server/src/core/engine';
import type { FileEdit, Finding, FileSystem } from '../../server/src/core/types';
import { emptyConfig, type BerthConfig } from '../../server/src/core/config';

export interface InvalidCase {
  code: string;
  errors: { line: number; column: number; endLine?: number; endColumn?: number; message?: RegExp | string }[];
  /** Text after applying every fix of this rule (repeatedly, as "fix all" does). Omit when no fix is offered. */
  output?: string;
  /**
   * Other files after applying the `otherFiles` edits of the first fix (or, when the finding has no fix
   * with `otherFiles`, its first suggestion with them): path -> expected text. The base text is the
   * file's content in `options.fs`, or '' for a file the fix creates. Every edited path must be listed.
   */
  otherFilesOutput?: Record<string, string>;
  /**
   * Suggestions to apply, each on its own to the original text: the first suggestion (of any finding) whose
   * title matches gives `output`. Every suggestion of every finding is also checked to leave a file that parses.
   */
  suggestions?: { title: string | RegExp; output: string }[];
  options?: Omit<LintOptions, 'only' | 'config'> & { config?: Partial<BerthConfig> };
  name?: string;
}

export interface ValidCase {
  code: string;
  options?: Omit<LintOptions, 'only' | 'config'> & { config?: Partial<BerthConfig> };
  name?: string;
}

function config(ruleId: string, extra?: Partial<BerthConfig>): BerthConfig {
  const rule = findRule(ruleId)!;
  return {
    ...emptyConfig(),
    ...extra,
    rules: { [ruleId]: rule.meta.defaultSeverity, ...(extra?.rules ?? {}) },
  };
}

function parseErrors(m: AnyModel): number {
  if (m.kind === 'dockerfile') return m.problems.length;
  if (m.kind === 'compose') return m.errors.filter((e) => e.severity === 'error').length;
  return 0;
}

/** The `otherFiles` edits of the first finding that has some: its fix's, else its first suggestion's. */
function firstOtherFiles(found: Finding[]): FileEdit[] | undefined {
  for (const f of found) {
    const fix = [f.fix, ...(f.suggestions ?? [])].find((x) => x?.otherFiles?.length);
    if (fix) return fix.otherFiles;
  }
  return undefined;
}

/** Apply `otherFiles` edits to the files of `fs` (or '' for files to create): path -> new text. */
function applyOtherFiles(edits: FileEdit[], fs: FileSystem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of edits) {
    const base = out[e.path] ?? fs?.readFile(e.path);
    assert.ok(base !== undefined || e.create, `${e.path} does not exist and the edit does not create it`);
    out[e.path] = applyEdits(base ?? '', e.edits);
  }
  return out;
}

function counts(fs: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

function short(code: string): string {
  const s = code.replace(/\n/g, '⏎');
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

export function ruleTester(ruleId: string, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }) {
  const rule = findRule(ruleId);
  describe(`rule ${ruleId}`, () => {
    it('is registered under its id', () => {
      assert.ok(rule, `rule ${ruleId} is not in the registry`);
      assert.equal(rule.meta.id, ruleId);
    });
    const kind = rule?.meta.kind ?? 'dockerfile';

    for (const v of cases.valid) {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid: ${c.name ?? short(c.code)}`, () => {
        const found = lintModel(parseModel(c.code, kind), {
          ...c.options,
          config: config(ruleId, c.options?.config),
          only: [ruleId],
        });
        assert.deepEqual(
          found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`),
          [],
        );
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${c.name ?? short(c.code)}`, () => {
        const opts = { ...c.options, config: config(ruleId, c.options?.config) };
        const model = parseModel(c.code, kind);
        const found = lintModel(model, { ...opts, only: [ruleId] });
        assert.deepEqual(
          found.map((f) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1 })),
          c.errors.map((e) => ({ line: e.line, column: e.column })),
          'findings at the expected positions',
        );
        c.errors.forEach((e, i) => {
          if (e.endLine !== undefined) assert.equal(found[i].range.end.line + 1, e.endLine, 'endLine');
          if (e.endColumn !== undefined)
            assert.equal(found[i].range.end.character + 1, e.endColumn, 'endColumn');
          if (e.message instanceof RegExp) assert.match(found[i].message, e.message);
          else if (typeof e.message === 'string') assert.equal(found[i].message, e.message);
        });

        if (c.otherFilesOutput !== undefined) {
          const other = firstOtherFiles(found);
          assert.ok(other, 'an `otherFilesOutput` is expected but no fix or suggestion edits other files');
          assert.deepEqual(
            applyOtherFiles(other, c.options?.fs),
            c.otherFilesOutput,
            'other files after fix',
          );
        }

        // Suggestions are applied one at a time by the user: each must leave a file that parses.
        for (const f of found)
          for (const sg of f.suggestions ?? []) {
            if (!sg.edits.length) continue;
            const out = applyEdits(c.code, sg.edits, model.lines);
            assert.ok(
              parseErrors(parseModel(out, kind)) <= parseErrors(model),
              `the suggestion "${sg.title}" leaves a file that parses:\n${out}`,
            );
          }
        for (const exp of c.suggestions ?? []) {
          const sg = found
            .flatMap((f) => f.suggestions ?? [])
            .find((x) => (typeof exp.title === 'string' ? x.title === exp.title : exp.title.test(x.title)));
          assert.ok(sg, `no suggestion titled ${String(exp.title)}`);
          const out = applyEdits(c.code, sg.edits, model.lines);
          assert.equal(out, exp.output, `output after the suggestion "${sg.title}"`);
          const n = lintModel(model, { ...opts, only: [ruleId] }).length;
          assert.ok(
            lintModel(parseModel(out, kind), { ...opts, only: [ruleId] }).length < n,
            `the suggestion "${sg.title}" removes a finding`,
          );
        }

        const hasFix = found.some((f) => f.fix);
        if (c.output === undefined) {
          assert.ok(!hasFix, 'a fix is offered: give the expected `output`');
          return;
        }
        assert.ok(hasFix, 'an `output` is expected but no fix is offered');
        // Apply fixes as "fix all" does: compatible fixes per pass, until none is left.
        let text = c.code;
        for (let pass = 0; pass < 10; pass++) {
          const m = parseModel(text, kind);
          const fs = lintModel(m, { ...opts, only: [ruleId] });
          const fixes = compatibleFixes(fs, m.lines);
          if (!fixes.length) break;
          text = applyEdits(
            text,
            fixes.flatMap((f) => f.edits),
            m.lines,
          );
        }
        assert.equal(text, c.output, 'output after fix');
        const after = parseModel(text, kind);
        assert.ok(parseErrors(after) <= parseErrors(model), 'the fixed file parses');
        const afterFindings = lintModel(after, { ...opts, config: { ...opts.config, allRules: false } });
        assert.equal(
          afterFindings.filter((f) => f.ruleId === ruleId && f.fix).length,
          0,
          'its own fixable finding is gone',
        );
        const before = counts(lintModel(model, { ...opts, config: { ...opts.config, allRules: false } }));
        for (const [id, n] of counts(afterFindings)) {
          if (id === ruleId) continue;
          assert.ok(n <= (before.get(id) ?? 0), `the fix adds a new ${id} finding`);
        }
      });
    }
  });
}
