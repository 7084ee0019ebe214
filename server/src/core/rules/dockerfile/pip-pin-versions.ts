import { defineDockerfileRule } from '../rule';
import { isDynamic, isPathOrUrl, pipInstall, shellCommands, wordsRange } from './_packages';

/** `pip install` options that take a separate value. */
const VALUE_OPTS = new Set([
  '-e',
  '--editable',
  '-b',
  '--build',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--abi',
  '--implementation',
  '--no-binary',
  '--only-binary',
  '--platform',
  '--prefix',
  '--progress-bar',
  '--proxy',
  '--python-version',
  '--root',
  '--src',
  '-t',
  '--target',
  '--trusted-host',
  '--upgrade-strategy',
  '--cache-dir',
  '--log',
  '--timeout',
  '--retries',
  '--global-option',
  '--install-option',
  '--config-settings',
  '-C',
  '--report',
  '--python',
  '--cert',
  '--client-cert',
  '--exists-action',
  '--keyring-provider',
]);
const FILE_OPTS = /^(-r|--requirement|-c|--constraint)(=|$)|^-[rc]./;
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/i;

function pinned(v: string): boolean {
  if (/(===|==|~=|!=|>=|<=|<|>)/.test(v)) return true;
  if (VCS.test(v)) return /@[^/]+$/.test(v.replace(/#.*$/, ''));
  if (isPathOrUrl(v) || v.includes('/')) return true;
  return /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(v);
}

export default defineDockerfileRule(
  {
    id: 'pip-pin-versions',
    description:
      '`pip install` of a package without a version specifier: rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3013'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = pipInstall(c);
      if (!call) continue;
      const words = c.words;
      if (words.some((w, j) => j > call.subIndex && FILE_OPTS.test(w.value))) continue;
      for (let j = call.subIndex + 1; j < words.length; j++) {
        const w = words[j];
        const v = w.value;
        if (v === '--') continue;
        if (v.startsWith('-')) {
          if (VALUE_OPTS.has(v)) j++;
          continue;
        }
        // PEP 508 direct reference written as separate words: `name @ https://...`.
        if (words[j + 1]?.value === '@' || words[j + 1]?.value.startsWith('@')) {
          j++;
          continue;
        }
        if (isDynamic(w) || v === '.' || pinned(v)) continue;
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${v}\` is installed without a version: pin it (\`${v}==<version>\`) or install from a requirements file with pinned versions.`,
        });
      }
    }
  },
);
