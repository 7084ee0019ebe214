import { allRunCommands, type RunCommand } from '../../dockerfile/run';
import { findSubcommand, operands, resolveCommand } from '../../dockerfile/shell';
import { defineDockerfileRule } from '../rule';

const BUILD_PACKAGE =
  /^(gcc|g\+\+|gcc-\d+(?:\.\d+)*|g\+\+-\d+(?:\.\d+)*|clang|clang-\d+|make|cmake|build-essential|build-base|alpine-sdk|autoconf|automake|libtool|linux-headers|[\w.+-]+-dev|[\w.+-]+-devel)$/;

const INSTALLERS: Record<string, { subs: string[]; valueOpts: string[] }> = {
  'apt-get': { subs: ['install'], valueOpts: ['-o', '-t', '-c', '--option', '--target-release'] },
  apt: { subs: ['install'], valueOpts: ['-o', '-t', '-c'] },
  apk: { subs: ['add'], valueOpts: ['-t', '--virtual', '-X', '--repository', '-p', '--root'] },
  yum: { subs: ['install'], valueOpts: ['--enablerepo', '--disablerepo', '-c', '--setopt'] },
  dnf: { subs: ['install'], valueOpts: ['--enablerepo', '--disablerepo', '-c', '--setopt'] },
  microdnf: { subs: ['install'], valueOpts: ['--enablerepo', '--disablerepo'] },
};
const REMOVERS: Record<string, string[]> = {
  'apt-get': ['purge', 'remove', 'autoremove'],
  apt: ['purge', 'remove', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
};

function removes(c: RunCommand): boolean {
  const r = resolveCommand(c.cmd);
  const subs = r && REMOVERS[r.name];
  return !!subs && findSubcommand(c.cmd, ...subs) !== undefined;
}

export default defineDockerfileRule(
  {
    id: 'build-tools-in-final-image',
    description:
      'A single-stage build installs compilers or `-dev` packages that stay in the image it ships.',
    type: 'suggestion',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    if (ctx.model.stages.length !== 1) return;
    // A dev container is a development environment: compilers belong there.
    if (ctx.path && /[/\\]\.devcontainer[/\\]/.test(ctx.path)) return;
    for (const c of allRunCommands(ctx.model.stages[0].instructions)) {
      if (c.instr !== ctx.model.instructions[c.instr.index]) continue; // ONBUILD RUN: a child image's business
      const r = resolveCommand(c.cmd);
      const spec = r && INSTALLERS[r.name];
      if (!spec || !findSubcommand(c.cmd, ...spec.subs)) continue;
      const pkgs = operands(c.cmd, 'subcommand', spec.valueOpts).filter((w) =>
        BUILD_PACKAGE.test(w.value.split(/[=<>~]/)[0]),
      );
      if (!pkgs.length) continue;
      // Removed again later in the same RUN (`apk del .build-deps`, `apt-get purge ...`): fine.
      const later = runCommandsAfter(c);
      if (later.some(removes)) continue;
      const first = c.words[c.cmd.words.indexOf(pkgs[0])];
      const names = pkgs.map((p) => `\`${p.value}\``);
      const list = names.length > 3 ? `${names.slice(0, 3).join(', ')}...` : names.join(', ');
      ctx.report({
        range: ctx.range(first.docStart, first.docEnd),
        message: `${list} ${pkgs.length > 1 ? 'are' : 'is'} only needed to compile, yet ${pkgs.length > 1 ? 'they stay' : 'it stays'} in the image you ship: build in a first stage (\`FROM ... AS build\`) and copy only the results (wheels, binaries) into a clean final stage.`,
      });
    }
  },
);

/** The commands of the same RUN that come after `c`. */
function runCommandsAfter(c: RunCommand): RunCommand[] {
  return allRunCommands([c.instr]).filter((d) => d.docStart > c.docStart);
}
