import type { CompiledPattern } from '../../dockerignore/matcher';
import { hasWildcard, literalPrefix, parentDirs, patternMatches } from '../../dockerignore/matcher';
import { defineDockerignoreRule } from './_define';

/** Could the exclusion `e` have excluded something the re-inclusion `n` re-includes? Errs towards yes. */
function mayOverlap(e: CompiledPattern, n: CompiledPattern): boolean {
  if (!e.regex || !n.regex) return true;
  const ew = hasWildcard(e.pattern);
  const nw = hasWildcard(n.pattern);
  // `n` re-includes a path, its children, or (through a parent it matches) everything below.
  if (!nw) {
    if (patternMatches(e, n.pattern)) return true; // e excludes n (or a parent of n)
    // e excludes something below n, which re-including n brings back
    if (!ew) return e.pattern.startsWith(n.pattern + '/');
    const lp = literalPrefix(e.pattern);
    return lp === '' || lp.startsWith(n.pattern + '/') || (n.pattern + '/').startsWith(lp);
  }
  if (!ew) {
    // n matches e itself or one of its parents, or something below e.
    if ([e.pattern, ...parentDirs(e.pattern)].some((p) => n.regex!.test(p))) return true;
    const lp = literalPrefix(n.pattern);
    return lp === '' || lp.startsWith(e.pattern + '/') || (e.pattern + '/').startsWith(lp);
  }
  const a = literalPrefix(e.pattern);
  const b = literalPrefix(n.pattern);
  return a.startsWith(b) || b.startsWith(a);
}

export default defineDockerignoreRule(
  {
    id: 'dockerignore-negation-unused',
    description:
      'A `!pattern` in `.dockerignore` re-includes nothing, since no earlier pattern excludes what it matches.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const ps = ctx.model.patterns;
    ps.forEach((n, i) => {
      if (!n.exclusion || n.error) return;
      const earlier = ps.slice(0, i).filter((e) => !e.exclusion && !e.error);
      if (earlier.some((e) => mayOverlap(e, n))) return;
      ctx.report({
        range: ctx.range(n.start, n.end),
        message: earlier.length
          ? `\`${n.raw}\` re-includes nothing: no pattern above it excludes \`${n.pattern}\`. A \`!\` line only undoes earlier exclusions; move it below the pattern it should override, or remove it.`
          : `\`${n.raw}\` re-includes nothing: nothing is excluded before it. A \`!\` line only undoes earlier exclusions.`,
      });
    });
  },
);
