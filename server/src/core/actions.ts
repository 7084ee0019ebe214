/**
 * Edits behind the generic code actions: fix all (repeated passes), ignore for a line, ignore in a file.
 */
import { applyEdits, compatibleFixes } from './fix';
import { lintModel, parseModel, type AnyModel, type LintOptions } from './engine';
import type { FileKind, TextEdit } from './types';

export interface FixAllResult {
  text: string;
  /** Number of fixes applied. */
  applied: number;
}

/** Apply every auto-fix (optionally of some rules only), pass after pass, until none is left (at most 10 passes). */
export function fixAllText(
  text: string,
  kind: FileKind,
  options: LintOptions = {},
  ruleIds?: string[],
): FixAllResult {
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const model = parseModel(text, kind);
    let findings = lintModel(model, options);
    if (ruleIds) findings = findings.filter((f) => ruleIds.includes(f.ruleId));
    const fixes = compatibleFixes(findings, model.lines);
    if (!fixes.length) break;
    try {
      text = applyEdits(
        text,
        fixes.flatMap((f) => f.edits),
        model.lines,
      );
    } catch {
      break;
    }
    applied += fixes.length;
  }
  return { text, applied };
}

/** One edit that turns `before` into `after` (common prefix and suffix kept): a minimal replacement. */
export function diffEdit(before: string, after: string, model: AnyModel): TextEdit | undefined {
  if (before === after) return undefined;
  let s = 0;
  const max = Math.min(before.length, after.length);
  while (s < max && before.charCodeAt(s) === after.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && before.charCodeAt(before.length - 1 - e) === after.charCodeAt(after.length - 1 - e))
    e++;
  return { range: model.lines.range(s, before.length - e), newText: after.slice(s, after.length - e) };
}

const IGNORE_LINE = /^(\s*)#\s*berth-ignore(?::|\s)\s*(.*)$/;

/** "Ignore <rule> for this line": a `# berth-ignore <rule>` comment above the instruction / line. */
export function ignoreLineEdit(model: AnyModel, ruleId: string, line: number): TextEdit {
  let target = line;
  if (model.kind === 'dockerfile') {
    const instr = model.instructions.find((i) => i.line <= line && line <= i.endLine);
    if (instr) target = instr.line;
  }
  const eol = model.lines.eol;
  const targetText = model.lines.lineText(target);
  const indent = /^\s*/.exec(targetText)![0];
  if (target > 0) {
    const prev = model.lines.lineText(target - 1);
    const m = IGNORE_LINE.exec(prev);
    if (m) {
      const end = model.lines.lineEnd(target - 1);
      return { range: model.lines.range(end, end), newText: `, ${ruleId}` };
    }
  }
  const at = model.lines.lineStarts[target];
  return { range: model.lines.range(at, at), newText: `${indent}# berth-ignore ${ruleId}${eol}` };
}

/** "Ignore <rule> in this file": a `# berth-ignore-file <rule>` comment at the top (after parser directives). */
export function ignoreFileEdit(model: AnyModel, ruleId: string): TextEdit {
  let line = 0;
  if (model.kind === 'dockerfile' && model.directives.length) {
    line = Math.max(...model.directives.map((d) => d.range.end.line)) + 1;
  }
  const eol = model.lines.eol;
  if (line >= model.lines.lineCount) {
    const end = model.text.length;
    return { range: model.lines.range(end, end), newText: `${eol}# berth-ignore-file ${ruleId}${eol}` };
  }
  const at = model.lines.lineStarts[line];
  return { range: model.lines.range(at, at), newText: `# berth-ignore-file ${ruleId}${eol}` };
}
