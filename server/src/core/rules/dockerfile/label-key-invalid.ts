import { keyValuePairs } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

function problem(key: string): string | undefined {
  if (!key) return 'is empty';
  if (RESERVED.some((r) => key.startsWith(r))) return 'uses a namespace reserved by Docker';
  if (!/^[a-z0-9]/.test(key) || !/[a-z0-9]$/.test(key))
    return 'must start and end with a lower-case letter or digit';
  if (/[^a-z0-9.\-_/]/.test(key)) return 'may only contain lower-case letters, digits, `.`, `-`, `_` and `/`';
  if (key.includes('..') || key.includes('--')) return 'must not contain `..` or `--`';
  return undefined;
}

export default defineDockerfileRule(
  {
    id: 'label-key-invalid',
    description: "A LABEL key does not follow Docker's label key conventions.",
    type: 'style',
    defaultSeverity: 'hint',
    fixable: false,
    aliases: ['DL3048'],
  },
  (ctx) => {
    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'LABEL') continue;
      for (const p of keyValuePairs(instr, ctx.model.escapeChar)) {
        if (p.key.includes('$')) continue;
        const why = problem(p.key);
        if (!why) continue;
        ctx.report({
          range: ctx.range(p.keyStart, p.keyEnd),
          message: `Label key \`${p.key}\` ${why}: use a reverse-DNS key such as \`org.example.${
            p.key
              .toLowerCase()
              .replace(/[^a-z0-9.-]/g, '-')
              .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'name'
          }\`.`,
        });
      }
    }
  },
);
