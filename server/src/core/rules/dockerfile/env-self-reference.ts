import { keyValuePairs, type Instruction, type KeyValue } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import { wordVarRefs } from '../../dockerfile/vars';
import type { Fix } from '../../types';
import { defineDockerfileRule, type RuleContext } from '../rule';
import type { DockerfileModel } from '../../dockerfile/model';

/**
 * "Split the ENV before `pairs[at]`": the whitespace (or one line continuation) between the pair
 * before it and it becomes a line break, the ENV line's indentation and its keyword as written, so
 * `ENV A=1 B=$A` becomes `ENV A=1` + `ENV B=$A`; continuations after the split stay as they are.
 * Comment lines inside that continuation stay, between the two ENVs. Undefined when a later value of
 * the same ENV reads a variable this ENV sets and that already had a value before it (that value would
 * silently change).
 */
function splitFix(
  ctx: RuleContext<DockerfileModel>,
  instr: Instruction,
  pairs: KeyValue[],
  at: number,
): Fix | undefined {
  const model = ctx.model;
  const esc = model.escapeChar;
  const scope = scopeOf(model);
  if (pairs.some((p) => p.legacy)) return undefined;
  const before = new Set(pairs.slice(0, at).map((p) => p.key));
  for (const q of pairs.slice(at)) {
    if (q.raw === undefined) continue;
    for (const r of wordVarRefs(q.raw, esc))
      if (before.has(r.name) && scope.isDefinedAt(instr, r.name)) return undefined;
  }
  const sepStart = pairs[at - 1].end;
  const sepEnd = pairs[at].start;
  const sep = model.text.slice(sepStart, sepEnd);
  const lineStart = model.lines.offsetAt({ line: instr.line, character: 0 });
  const indent = model.text.slice(lineStart, instr.keywordStart);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const title = `Split the ENV: set \`${pairs[at].key}\` in its own ENV below`;
  const keyword = `${indent}${instr.keywordRaw} `;
  // On one line: the spaces become a line break and the new ENV's keyword.
  if (/^[ \t]+$/.test(sep)) return ctx.replace(title, sepStart, sepEnd, `${model.lines.eol}${keyword}`);
  // Across a continuation (comment or empty lines in it stay, now between the two ENVs): the
  // continuation ends, and the pair's own indentation becomes the new ENV's keyword.
  const e = esc === '\\' ? '\\\\' : '`';
  const m = new RegExp(`^([ \\t]*${e}[ \\t]*)\\r?\\n(?:[ \\t]*(?:#[^\\r\\n]*)?\\r?\\n)*([ \\t]*)$`).exec(sep);
  if (!m) return undefined;
  const range = (s: number, e2: number) => model.lines.range(s, e2);
  return {
    title,
    edits: [
      { range: range(sepStart, sepStart + m[1].length), newText: '' },
      { range: range(sepEnd - m[2].length, sepEnd), newText: keyword },
    ],
  };
}

export default defineDockerfileRule(
  {
    id: 'env-self-reference',
    description:
      'An ENV value uses a variable set earlier in the same ENV instruction, which it cannot see yet.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3044'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    const esc = ctx.model.escapeChar;
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'ENV') continue;
      const pairs = keyValuePairs(instr, esc);
      const earlier = new Set<string>();
      pairs.forEach((p, at) => {
        if (p.raw !== undefined && !p.legacy && p.valueEnd - p.valueStart === p.raw.length) {
          let first = true;
          for (const r of wordVarRefs(p.raw, esc)) {
            if (!earlier.has(r.name) || scope.isDefinedAt(instr, r.name)) continue;
            ctx.report({
              range: ctx.range(p.valueStart + r.start, p.valueStart + r.end),
              message: `\`${r.name}\` is set in this same ENV, but values here see only earlier instructions: move \`${r.name}\` to its own ENV line above.`,
              // One split per pair (its first reference carries it).
              fix: first ? splitFix(ctx, instr, pairs, at) : undefined,
            });
            first = false;
          }
        }
        earlier.add(p.key);
      });
    }
  },
);
