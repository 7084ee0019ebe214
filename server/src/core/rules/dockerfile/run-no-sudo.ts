import { defineDockerfileRule } from '../rule';
import { shellCommands } from './_packages';
import { userAt } from './_run-stage';

function isRoot(user: string): boolean {
  const name = user.split(':')[0].trim();
  return name === 'root' || name === '0';
}

export default defineDockerfileRule(
  {
    id: 'run-no-sudo',
    description:
      '`sudo` in a RUN: the build already runs as the stage USER; switch users with `USER` instead.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: true,
    aliases: ['DL3004'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      if (c.name !== 'sudo') continue;
      const sudo = c.words[0];
      const next = c.words[1];
      // Only a bare `sudo cmd` can simply lose the word; options (`-u user`) change what runs.
      const removable = next && !next.value.startsWith('-') && !sudo.quoted;
      const user = userAt(ctx.model, c.instr);
      const asRoot = user === undefined || isRoot(user);
      const edit = removable ? ctx.replace('Remove sudo', sudo.docStart, next.docStart, '') : undefined;
      ctx.report({
        range: ctx.range(sudo.docStart, sudo.docEnd),
        message: !removable
          ? '`sudo` in a RUN: set the user with the `USER` instruction instead (sudo needs a terminal and configuration that builds do not have).'
          : asRoot
            ? '`sudo` is not needed here: RUN already runs as root. Remove it (sudo behaves unpredictably without a terminal).'
            : `\`sudo\` in a RUN: switch to root with \`USER root\` for the commands that need it, then back to \`${user}\`.`,
        fix: asRoot ? edit : undefined,
        suggestions: !asRoot && edit ? [{ ...edit, notForFixAll: true }] : undefined,
      });
    }
  },
);
