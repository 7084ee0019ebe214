import { graphOf } from '../../dockerfile/graph';
import { parseImageRef } from '../../dockerfile/image';
import { defineDockerfileRule } from '../rule';

function matches(registry: string, pattern: string): boolean {
  const p = pattern.toLowerCase().trim();
  const r = registry.toLowerCase();
  if (p === r) return true;
  if (p === 'docker.io' && (r === 'index.docker.io' || r === 'registry-1.docker.io')) return true;
  if (p.includes('*')) {
    const re = new RegExp(
      '^' +
        p
          .split('*')
          .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*') +
        '$',
    );
    return re.test(r);
  }
  return false;
}

export default defineDockerfileRule(
  {
    id: 'untrusted-registry',
    description: 'An image comes from a registry that is not in `trustedRegistries` (only when configured).',
    type: 'security',
    defaultSeverity: 'error',
    fixable: false,
    aliases: ['DL3026'],
  },
  (ctx) => {
    const trusted = ctx.config.trustedRegistries;
    if (!trusted || !trusted.length) return;
    const check = (image: string | undefined, start: number, end: number, written: string) => {
      if (!image || image.toLowerCase() === 'scratch') return;
      const ref = parseImageRef(image);
      if (!ref) return;
      if (trusted.some((t) => matches(ref.registry, t))) return;
      ctx.report({
        range: ctx.range(start, end),
        message: `\`${written}\` comes from \`${ref.registry}\`, which is not a trusted registry (${trusted.join(', ')}).`,
      });
    };
    for (const st of ctx.model.stages) {
      if (st.baseStage === undefined) check(st.imageResolved, st.imageStart, st.imageEnd, st.image);
    }
    for (const e of graphOf(ctx.model).edges) {
      if (e.kind === 'from' || e.toStage !== undefined || !e.resolved || /^\d+$/.test(e.resolved)) continue;
      check(e.resolved, e.start, e.end, e.ref);
    }
  },
);
