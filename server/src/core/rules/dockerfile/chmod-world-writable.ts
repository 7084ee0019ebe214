import { defineDockerfileRule } from '../rule';
import { callOperands, shellCommands, toolCall } from './_packages';

/** Does a chmod mode give write permission to other users (sticky modes such as 1777 excepted)? */
export function worldWritable(mode: string): boolean {
  const octal = /^0*([0-7]{1,4})$/.exec(mode);
  if (octal) {
    const digits = octal[1].padStart(4, '0');
    const special = Number(digits[0]);
    const others = Number(digits[3]);
    return (others & 2) !== 0 && (special & 1) === 0;
  }
  let writable = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return false;
    const who = m[1];
    for (const op of m[2].match(/[-+=][rwxXstugo]*/g) ?? []) {
      if (op[0] === '-') continue;
      if (op.includes('t')) sticky = true;
      if ((who.includes('o') || who.includes('a')) && op.includes('w')) writable = true;
    }
  }
  return writable && !sticky;
}

export default defineDockerfileRule(
  {
    id: 'chmod-world-writable',
    description: '`chmod 777` (or `a+w`, `o+w`) makes files writable by every user of the container.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['chmod']);
      if (!call) continue;
      const mode = callOperands(c, { ...call, sub: undefined, subIndex: -1 }, ['--reference'])[0];
      if (!mode || mode.hasExpansion || !worldWritable(mode.value)) continue;
      ctx.report({
        range: ctx.range(mode.docStart, mode.docEnd),
        message: `\`chmod ${mode.value}\` lets any user or process in the container change these files. Grant only what is needed (e.g. 755 / 644), or give the files to the user that needs them with \`chown\`.`,
      });
    }
  },
);
