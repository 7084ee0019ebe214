import { getPair, services } from '../../compose/model';
import { literal } from '../../compose/rule-util';
import type { Fix } from '../../types';
import { defineComposeRule } from '../rule';

const DEFAULT_PROHIBITED = ['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts'];

/** Current stable tags of well-known images, offered as a suggestion (never applied by "fix all"). */
export const KNOWN_TAGS: Record<string, string> = {
  postgres: '17',
  mysql: '8.4',
  mariadb: '11.4',
  mongo: '8.0',
  redis: '7.4',
  valkey: '8.0',
  nginx: '1.27',
  httpd: '2.4',
  node: '22',
  python: '3.13',
  golang: '1.23',
  rabbitmq: '4.0-management',
  memcached: '1.6',
  traefik: 'v3.2',
  caddy: '2.8',
  alpine: '3.20',
  debian: '12',
  ubuntu: '24.04',
  adminer: '4',
  elasticsearch: '8.15.3',
  busybox: '1.37',
};

/** Split `registry/repo/name:tag@digest`; the tag is after the last `:` of the last path segment. */
export function splitImage(ref: string): { name: string; tag?: string; digest?: string; nameEnd: number } {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon > slash)
    return {
      name: noDigest.slice(0, colon),
      tag: noDigest.slice(colon + 1),
      digest: at >= 0 ? ref.slice(at + 1) : undefined,
      nameEnd: colon,
    };
  return { name: noDigest, digest: at >= 0 ? ref.slice(at + 1) : undefined, nameEnd: noDigest.length };
}

export default defineComposeRule(
  {
    id: 'compose-image-tag',
    description:
      'An image has no tag or a floating one (`latest`, `stable`...), so what runs changes without notice.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['service-image-require-explicit-tag'],
  },
  (ctx) => {
    const m = ctx.model;
    const prohibited = new Set(
      Array.isArray(ctx.options.prohibitedTags)
        ? (ctx.options.prohibitedTags as string[])
        : DEFAULT_PROHIBITED,
    );
    for (const svc of services(m)) {
      const p = getPair(m, svc.node, 'image');
      const l = literal(p?.value);
      if (!l || l.text === '') continue;
      // With `build`, `image` names the image Compose builds: a local name, not something pulled.
      if (getPair(m, svc.node, 'build')) continue;
      const img = splitImage(l.text);
      if (img.digest) continue;
      const quoted = l.node.type === 'QUOTE_DOUBLE' || l.node.type === 'QUOTE_SINGLE';
      const textStart = l.start + (quoted ? 1 : 0);
      const short = img.name.replace(/^(docker\.io\/)?(library\/)?/, '');
      const known = KNOWN_TAGS[short];
      if (img.tag === undefined) {
        const suggestions: Fix[] = known
          ? [
              {
                ...ctx.replace(
                  `Pin to \`${img.name}:${known}\``,
                  textStart + img.nameEnd,
                  textStart + img.nameEnd,
                  `:${known}`,
                ),
                notForFixAll: true,
              },
            ]
          : [];
        ctx.report({
          range: ctx.range(l.start, l.end),
          message: `Image \`${l.text}\` has no tag, so it means \`latest\`: pin a version (\`${img.name}:<version>\`) so that every machine runs the same image.`,
          suggestions: suggestions.length ? suggestions : undefined,
        });
      } else if (prohibited.has(img.tag)) {
        const ts = textStart + img.nameEnd + 1;
        ctx.report({
          range: ctx.range(ts, ts + img.tag.length),
          message: `Image tag \`${img.tag}\` moves over time: pin a version so that every machine runs the same image.`,
          suggestions: known
            ? [
                {
                  ...ctx.replace(`Pin to \`${img.name}:${known}\``, ts, ts + img.tag.length, known),
                  notForFixAll: true,
                },
              ]
            : undefined,
        });
      }
    }
  },
);
