import { defineDockerfileRule } from '../rule';
import { resolveCommand } from '../../dockerfile/shell';
import type { RunCommand } from '../../dockerfile/run';
import { sameRun, shellCommands } from './_packages';

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'fish', 'busybox']);
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|php[0-9.]*)$/;
const DOWNLOADERS = new Set(['curl', 'wget']);

/** Options that put the program on the command line, per interpreter family. */
function programFlags(name: string): string {
  if (SHELLS.has(name)) return 'c';
  if (name.startsWith('python')) return 'cm';
  if (name === 'perl' || name === 'ruby') return 'eE';
  if (name === 'node') return 'ep';
  return 'rBRFE'; // php
}

/** Does this shell / interpreter call read its program from standard input? */
function readsProgramFromStdin(c: RunCommand, index: number, name: string): boolean {
  const words = c.words.slice(index + 1).map((w) => w.value);
  if (name === 'busybox') {
    if (!SHELLS.has(words[0] ?? '')) return false;
    words.shift();
  }
  const flags = programFlags(name);
  for (const v of words) {
    if (v === '--' || v === '-' || v === '-s') return true;
    if (/^-[a-zA-Z]+$/.test(v) && [...v.slice(1)].some((ch) => flags.includes(ch))) return false;
    if (v.startsWith('-')) continue;
    return false; // a script file: standard input is data
  }
  return true;
}

export default defineDockerfileRule(
  {
    id: 'download-piped-to-shell',
    description:
      'A download is piped straight into a shell (`curl ... | sh`): unverified code runs in the build.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const r = resolveCommand(c.cmd);
      if (!r) continue;
      const isShell = SHELLS.has(r.name) || INTERPRETERS.test(r.name);
      const isEval = r.name === 'eval' || r.name === 'source' || r.name === '.';
      if (!isShell && !isEval) continue;
      const run = sameRun(c).filter((d) => d.script === c.script);
      let source: RunCommand | undefined;
      // curl ... | [tee ... |] sh
      if (isShell && readsProgramFromStdin(c, r.index, r.name)) {
        for (let p = c.cmd.pipedFrom; p !== undefined;) {
          const d = run.find((x) => x.indexInScript === p);
          if (!d) break;
          const dr = resolveCommand(d.cmd);
          if (dr && DOWNLOADERS.has(dr.name)) {
            source = d;
            break;
          }
          p = d.cmd.pipedFrom;
        }
      }
      // sh -c "$(curl ...)", bash <(curl ...), eval "$(wget -O- ...)"
      let end = c.words[r.index].docEnd;
      if (!source) {
        for (const w of c.cmd.words.slice(r.index + 1)) {
          const d = run.find((x) => {
            const xr = x.cmd.inSubstitution && resolveCommand(x.cmd);
            return !!xr && DOWNLOADERS.has(xr.name) && x.cmd.start >= w.start && x.cmd.end <= w.end;
          });
          if (d) {
            source = d;
            end = c.words[c.cmd.words.indexOf(w)].docEnd;
            break;
          }
        }
        if (!source) continue;
        ctx.report({
          range: ctx.range(c.words[r.index].docStart, end),
          message: `A download runs as a program through \`${r.name}\` without any check: download it to a file, verify its checksum or signature, then run it.`,
        });
        continue;
      }
      const sw = source.words[resolveCommand(source.cmd)!.index];
      ctx.report({
        range: ctx.range(sw.docStart, end),
        message: `A download is piped straight into \`${r.name}\`: whatever the server sends runs in your build. Download it to a file, verify its checksum or signature, then run it.`,
      });
    }
  },
);
