import { defineDockerfileRule } from '../rule';
import { callOperands, isDynamic, shellCommands, toolCall, wordsRange } from './_packages';

const INSTALL = [
  'install',
  'i',
  'add',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
];
const VALUE_OPTS = [
  '--prefix',
  '-C',
  '--registry',
  '--cache',
  '--tag',
  '-w',
  '--workspace',
  '--omit',
  '--include',
  '--install-strategy',
  '--loglevel',
  '--userconfig',
  '--globalconfig',
  '--location',
  '--before',
  '--save-prefix',
  '--os',
  '--cpu',
  '--libc',
];

function pinned(v: string): boolean {
  if (/^(git(\+[a-z]+)?:\/\/|github:|gitlab:|bitbucket:|gist:)/i.test(v)) return v.includes('#');
  if (/\.(tar|tar\.gz|tgz)$/i.test(v)) return true;
  if (/^(\/|\.\.?\/|~\/|file:|https?:\/\/)/i.test(v) || v === '.' || v === '..') return true;
  if (!v.startsWith('@') && v.includes('/')) return v.includes('#'); // GitHub shorthand user/repo
  const name = v.startsWith('@') ? v.slice(v.indexOf('/') + 1) : v;
  const at = name.indexOf('@');
  if (at < 0) return false;
  const spec = name.slice(at + 1);
  return spec !== '' && spec !== 'latest';
}

export default defineDockerfileRule(
  {
    id: 'npm-pin-versions',
    description: '`npm install <package>` without `@version`: rebuilds may install another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3016'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['npm'], INSTALL);
      if (!call) continue;
      for (const w of callOperands(c, call, VALUE_OPTS)) {
        if (isDynamic(w) || pinned(w.value)) continue;
        const base = w.value.replace(/@latest$/, '');
        ctx.report({
          range: wordsRange(ctx, w),
          message: `\`${w.value}\` is installed without a fixed version: pin it (\`${base}@<version>\`).`,
        });
      }
    }
  },
);
