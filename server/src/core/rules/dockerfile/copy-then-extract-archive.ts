import { effective, flag } from '../../dockerfile/model';
import { runCommands } from '../../dockerfile/run';
import { resolveCommand } from '../../dockerfile/shell';
import { defineDockerfileRule } from '../rule';
import { copyArgs } from './_copy-sources';

/** Archives that `ADD` unpacks by itself (tar, plain or compressed). Zip files are not among them. */
const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|lz|lzma|z|zst)|tgz|tbz2?|tb2|txz|tlz|tpz|tz)$/i;

function basename(p: string): string {
  return p.replace(/\/+$/, '').split('/').pop() ?? p;
}

/** Does this tar command extract (`tar xzf f`, `tar -xf f`, `tar --extract -f f`)? */
function tarExtracts(words: { value: string }[]): boolean {
  const first = words[1]?.value ?? '';
  if (/^[A-Za-z]+$/.test(first) && first.includes('x')) return true; // old-style `tar xzf`
  return words.some(
    (w) =>
      w.value === '--extract' ||
      w.value === '--get' ||
      (/^-[A-Za-z]+$/.test(w.value) && w.value.includes('x')),
  );
}

export default defineDockerfileRule(
  {
    id: 'copy-then-extract-archive',
    description:
      'A tar archive is copied in with `COPY` and then extracted with `tar`; `ADD` extracts it in one step.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: ['DL3010'],
  },
  (ctx) => {
    for (const stage of ctx.model.stages) {
      const list = stage.instructions;
      list.forEach((instr, i) => {
        if (instr.keyword !== 'COPY' || flag(instr, 'from')) return;
        for (const src of copyArgs(instr).sources) {
          if (!TAR_ARCHIVE.test(src.value) || src.value.includes('*')) continue;
          const name = basename(src.value);
          const extracted = list.slice(i + 1).some((later) => {
            const r = effective(later);
            if (r !== later || r.keyword !== 'RUN') return false;
            return runCommands(r).some((c) => {
              // The command actually run (`sudo tar xf ...` too).
              const t = resolveCommand(c.cmd);
              return (
                t?.name === 'tar' &&
                tarExtracts(c.words.slice(t.index)) &&
                c.words.some((w) => basename(w.value) === name)
              );
            });
          });
          if (!extracted) continue;
          ctx.report({
            range: ctx.range(src.start, src.end),
            message: `\`${name}\` is copied and then extracted with \`tar\`: \`ADD ${name} <dir>/\` unpacks a local tar archive by itself, and the archive does not stay in a layer.`,
          });
        }
      });
    }
  },
);
