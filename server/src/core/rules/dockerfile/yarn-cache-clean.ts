import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import {
  appendToRunFix,
  callOperands,
  callRange,
  isRecursiveRm,
  laterInRun,
  shellCommands,
  toolCall,
} from './_packages';
import { runMounts } from './_run-stage';

function cleans(d: RunCommand): boolean {
  const call = toolCall(d, ['yarn'], ['cache']);
  if (call) return callOperands(d, call)[0]?.value === 'clean';
  return isRecursiveRm(d, /(\.cache\/yarn|\.yarn\/(berry\/)?cache|yarn-cache)/);
}

function dirname(p: string): string {
  const i = p.replace(/[\\/]+$/, '').search(/[\\/][^\\/]*$/);
  return i > 0 ? p.slice(0, i) : p;
}

export default defineDockerfileRule(
  {
    id: 'yarn-cache-clean',
    description:
      '`yarn install` without `yarn cache clean` later in the same RUN leaves the yarn cache in the image.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: true,
    aliases: ['DL3060'],
  },
  (ctx) => {
    // Yarn 2+ (Berry) can keep its cache inside the project (Plug'n'Play needs it): only suggest there.
    const berryProject = !!ctx.fs && !!ctx.path && ctx.fs.exists(`${dirname(ctx.path)}/.yarnrc.yml`);
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['yarn'], ['install']);
      if (!call || laterInRun(c, cleans)) continue;
      if (
        runMounts(c.instr).some(
          (m) => (m.type === 'cache' || m.type === 'tmpfs') && /yarn/i.test(m.target ?? ''),
        )
      )
        continue;
      const berry =
        berryProject || c.words.some((w) => w.value === '--immutable' || w.value === '--immutable-cache');
      const fix = appendToRunFix(ctx, c, 'yarn cache clean', 'Add yarn cache clean at the end of this RUN');
      ctx.report({
        range: callRange(ctx, call),
        message:
          '`yarn install` leaves its package cache in this layer: end the same RUN with `yarn cache clean`.',
        fix: berry ? undefined : fix,
        suggestions: berry && fix ? [{ ...fix, notForFixAll: true }] : undefined,
      });
    }
  },
);
