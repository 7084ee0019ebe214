import { defineDockerfileRule } from '../rule';
import type { Fix } from '../../types';
import { shellCommands, toolCall } from './_packages';

const TO_APT_GET = new Set([
  'install',
  'remove',
  'purge',
  'update',
  'upgrade',
  'autoremove',
  'clean',
  'autoclean',
  'build-dep',
  'source',
  'download',
  'changelog',
  'satisfy',
]);
const TO_APT_CACHE = new Set(['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends']);

export default defineDockerfileRule(
  {
    id: 'apt-use-apt-get',
    description: '`apt` is the interactive front-end: scripts should use `apt-get` or `apt-cache`.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: ['DL3027'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['apt']);
      if (!call) continue;
      const w = call.tool;
      const sub = call.sub?.value;
      let fix: Fix | undefined;
      // Rename the command word in place (`/usr/bin/apt` keeps its directory); never touch quoted words.
      if (!w.quoted && !w.hasExpansion && w.raw.endsWith('apt') && sub) {
        const at = w.docEnd;
        if (TO_APT_GET.has(sub)) fix = ctx.replace('Use apt-get', at, at, '-get');
        else if (TO_APT_CACHE.has(sub)) fix = ctx.replace('Use apt-cache', at, at, '-cache');
        else if (sub === 'full-upgrade' && call.sub && !call.sub.quoted) {
          fix = {
            title: 'Use apt-get dist-upgrade',
            edits: [
              { range: ctx.range(at, at), newText: '-get' },
              { range: ctx.range(call.sub.docStart, call.sub.docEnd), newText: 'dist-upgrade' },
            ],
          };
        }
      }
      const alt = sub && TO_APT_CACHE.has(sub) ? 'apt-cache' : 'apt-get';
      ctx.report({
        range: ctx.range(w.docStart, w.docEnd),
        message: `\`apt\` is meant for people at a terminal and warns that its interface may change: use \`${alt}\` in a Dockerfile.`,
        fix,
      });
    }
  },
);
