import { defineDockerfileRule } from '../rule';
import type { RunCommand } from '../../dockerfile/run';
import { callRange, hasWordFlag, insertAfterFix, shellCommands, toolCall } from './_packages';

/** apt-get subcommands that ask for confirmation. */
const PROMPTING = [
  'install',
  'reinstall',
  'remove',
  'purge',
  'autoremove',
  'autopurge',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'satisfy',
];

function assumesYes(c: RunCommand, from: number): boolean {
  if (hasWordFlag(c, from, '--yes', '--assume-yes', '--force-yes')) return true;
  // A simulation (`-s`, `--dry-run`...) asks nothing.
  if (hasWordFlag(c, from, '-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act'))
    return true;
  let q = 0;
  for (let j = from + 1; j < c.words.length; j++) {
    const v = c.words[j].value;
    if (v === '--') break;
    if (/^-[A-Za-z]+$/.test(v)) {
      if (v.includes('y', 1)) return true;
      q += v.split('q').length - 1;
    }
    if (/^(-q|--quiet)=([2-9]|\d\d+)$/.test(v)) return true;
    if (/^(-o|--option)?=?APT::Get::Assume-Yes=(1|true|yes)$/i.test(v)) return true;
  }
  return q >= 2;
}

export default defineDockerfileRule(
  {
    id: 'apt-assume-yes',
    description: '`apt-get install` without `-y` stops at the confirmation prompt and fails the build.',
    type: 'problem',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3014'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apt-get', 'apt'], PROMPTING);
      if (!call || assumesYes(c, call.toolIndex)) continue;
      // `yes | apt-get install` answers the prompt.
      const from = c.cmd.pipedFrom !== undefined ? c.script.commands[c.cmd.pipedFrom] : undefined;
      if (from?.words[0]?.value === 'yes') continue;
      ctx.report({
        range: callRange(ctx, call),
        message: `\`${call.name} ${call.sub!.value}\` without \`-y\`: the build has no terminal to answer its prompt. Add \`-y\`.`,
        fix: insertAfterFix(ctx, call.tool, '-y', 'Add -y'),
      });
    }
  },
);
