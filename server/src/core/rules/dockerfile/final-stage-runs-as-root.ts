import { graphOf } from '../../dockerfile/graph';
import { effective, type Instruction } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/run';
import { operands, resolveCommand } from '../../dockerfile/shell';
import type { Fix } from '../../types';
import { defineDockerfileRule } from '../rule';
import { finalBaseImage, finalChainInstructions, imageFamily } from './_base-image';

/** Tools an entrypoint uses to drop root itself (official database images do this). */
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|chpst|s6-setuidgid|runuser)\b/;

/** The user a `useradd` / `adduser` in these instructions creates, if any. */
function createdUser(instrs: Instruction[]): string | undefined {
  let user: string | undefined;
  for (const instr of instrs) {
    if (instr.keyword !== 'RUN') continue;
    for (const c of runCommands(instr)) {
      const r = resolveCommand(c.cmd);
      if (!r || (r.name !== 'useradd' && r.name !== 'adduser')) continue;
      // prettier-ignore
      const ops = operands(c.cmd, undefined, [
        '-u', '-g', '-G', '-d', '-s', '-c', '-h', '-k', '-K', '-e', '-f', '-p', '-b', '-Z',
        '--uid', '--gid', '--groups', '--home-dir', '--home', '--shell', '--comment', '--gecos', '--ingroup', '--skel',
        '--key', '--expiredate', '--inactive', '--password', '--base-dir', '--firstuid', '--lastuid',
      ]);
      const name = ops[ops.length - (r.name === 'adduser' && ops.length === 2 ? 2 : 1)]?.value;
      if (name && /^[a-z_][a-z0-9_.-]*\$?$/i.test(name)) user = name;
    }
  }
  return user;
}

export default defineDockerfileRule(
  {
    id: 'final-stage-runs-as-root',
    description: 'The final image has no `USER`, so its containers run as root.',
    type: 'security',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const model = ctx.model;
    const g = graphOf(model);
    if (g.finalStage < 0) return;
    const img = finalBaseImage(model);
    if (!img) return; // the base image is not known: it may set USER itself
    const family = imageFamily(img);
    if (family === 'scratch' || family === 'windows') return;
    if (/nonroot|rootless/.test(img.ref) || img.path.startsWith('bitnami/')) return;
    const chain = finalChainInstructions(model);
    if (chain.some((i) => i.keyword === 'USER')) return; // an explicit USER (root or not) is user-root-last's business
    // Without CMD/ENTRYPOINT the image is meant as a base for others, which would need root.
    const starts = chain.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (!starts.length) return;
    if (chain.some((i) => effective(i) === i && PRIVILEGE_DROP.test(i.argsText))) return;

    const stage = model.stages[g.finalStage];
    const lower = stage.from.keywordRaw === stage.from.keywordRaw.toLowerCase();
    const kw = (k: string) => (lower ? k.toLowerCase() : k);
    const existing = createdUser(chain);
    let lines: string[] | undefined;
    let title = 'Run as a non-root user';
    if (existing) {
      lines = [`${kw('USER')} ${existing}`];
      title = `Switch to user ${existing}`;
    } else if (img.name === 'node' && family !== 'distroless') lines = [`${kw('USER')} node`];
    else if (family === 'distroless') lines = [`${kw('USER')} nonroot`];
    else if (family === 'alpine')
      lines = [`${kw('RUN')} addgroup -S app && adduser -S -G app app`, `${kw('USER')} app`];
    else if (family === 'debian' || family === 'rhel')
      lines = [
        `${kw('RUN')} groupadd --system app && useradd --system --gid app --create-home app`,
        `${kw('USER')} app`,
      ];

    let suggestions: Fix[] | undefined;
    if (lines) {
      const eol = model.lines.eol;
      const own = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      if (own) {
        const at = model.lines.lineStarts[own.leadingComments[0]?.line ?? own.line];
        suggestions = [ctx.replace(title, at, at, lines.map((l) => l + eol).join(''))];
      } else {
        const lastInstr = stage.instructions[stage.instructions.length - 1];
        suggestions = [ctx.replace(title, lastInstr.end, lastInstr.end, lines.map((l) => eol + l).join(''))];
      }
    }
    ctx.report({
      range: ctx.range(stage.imageStart, stage.imageEnd),
      message:
        'The final image sets no `USER`, so its processes run as root: a flaw in the application then gives root inside the container (and on the host, through a volume or a container escape). Add a non-root user and switch to it with `USER`.',
      suggestions,
    });
  },
);
