import { scopeOf } from '../../dockerfile/scope';
import { defineDockerfileRule } from '../rule';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst|lz|lzma|tlz|z)$/i;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/i;

export default defineDockerfileRule(
  {
    id: 'prefer-copy-over-add',
    description: "ADD is used for local files: COPY does that without ADD's surprises.",
    type: 'suggestion',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3020'],
  },
  (ctx) => {
    const scope = scopeOf(ctx.model);
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'ADD') continue;
      // Flags only ADD has mean ADD is wanted.
      if (instr.flags.some((f) => ['checksum', 'keep-git-dir', 'unpack'].includes(f.name))) continue;
      const words = instr.json ? instr.json.values : instr.args.map((a) => a.raw);
      if (words.length < 2 && !instr.heredocs.length) continue;
      const sources = words.slice(0, -1).filter((w) => !/^<<-?/.test(w));
      let local = true;
      for (const raw of sources) {
        const v = instr.json
          ? raw
          : raw.includes('$')
            ? scope.evalAt(instr, raw)
            : instr.args.find((a) => a.raw === raw)?.value;
        if (v === undefined || REMOTE.test(v) || ARCHIVE.test(v) || v.includes('$')) {
          local = false;
          break;
        }
      }
      if (!local) continue;
      const copy = instr.keywordRaw === instr.keywordRaw.toLowerCase() ? 'copy' : 'COPY';
      ctx.report({
        range: ctx.range(instr.keywordStart, instr.keywordEnd),
        message:
          'Use COPY for local files: ADD also fetches URLs and unpacks archives, which is easy to trigger by accident.',
        fix: ctx.replace('Change ADD to COPY', instr.keywordStart, instr.keywordEnd, copy),
      });
    }
  },
);
