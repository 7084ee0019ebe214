import { getPair, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue } from '../../compose/project';
import { textMapsToSource } from '../../compose/rule-util';
import { parseImageRef } from '../../dockerfile/image';
import { pickImageTagCommand } from '../../image-tag-pick';
import { knownTagsFor } from '../../refactors/known-tags';
import type { Fix } from '../../types';
import { defineComposeRule } from '../rule';

const DEFAULT_PROHIBITED = ['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts'];

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
    const project = projectOf(ctx);
    for (const svc of services(m)) {
      const p = getPair(m, svc.node, 'image');
      // The value after interpolation (`postgres:${PG_TAG}`); unknown when a variable has no value.
      const l = scalarValue(project, p?.value);
      if (!l || l.text === '') continue;
      // With `build`, `image` names the image Compose builds: a local name, not something pulled.
      if (getPair(m, svc.node, 'build')) continue;
      const img = splitImage(l.text);
      if (img.digest) continue;
      const quoted = l.node.type === 'QUOTE_DOUBLE' || l.node.type === 'QUOTE_SINGLE';
      const textStart = l.start + (quoted ? 1 : 0);
      // Tags Berth knows offline (refactors/known-tags.ts, release tags only), without any the user's
      // configuration prohibits (`prohibited`) and their variants (`x-alpine`).
      const ref = parseImageRef(l.text);
      const known = (ref ? (knownTagsFor(ref.registry, ref.path) ?? []) : []).filter(
        (t) => !prohibited.has(t) && !prohibited.has(t.split('-')[0]),
      );
      // Edits only where the text maps 1:1 to the source (no escapes in a double-quoted scalar, no variables:
      // an edit of the interpolated text would replace the variable).
      const editable = !l.interpolated && textMapsToSource(m, l.node);
      const note = interpolationNote(project, l);
      /** The recommended tag as an edit, and "Pick a tag…" (a client quick pick, no edit). */
      const suggestions = (start: number, end: number, current: string | undefined): Fix[] | undefined => {
        if (!editable) return undefined;
        const out: Fix[] = [];
        const text = current === undefined ? `:${known[0]}` : known[0];
        if (known.length)
          out.push({
            ...ctx.replace(`Pin to \`${img.name}:${known[0]}\``, start, end, text),
            notForFixAll: true,
          });
        const command = pickImageTagCommand({
          image: img.name,
          range: ctx.range(start, end),
          current,
          tags: known,
        });
        out.push({ title: command.title, edits: [], command, notForFixAll: true });
        return out;
      };
      if (img.tag === undefined) {
        const at = textStart + img.nameEnd;
        ctx.report({
          range: ctx.range(l.start, l.end),
          message: `${note ? `${note}: i` : 'I'}mage \`${l.text}\` has no tag, so it means \`latest\`: pin a version (\`${img.name}:<version>\`) so that every machine runs the same image.`,
          suggestions: suggestions(at, at, undefined),
        });
      } else if (prohibited.has(img.tag)) {
        const ts = textStart + img.nameEnd + 1;
        ctx.report({
          // On an interpolated value, the tag's offsets are not the source's: the whole token.
          range: l.interpolated ? ctx.range(l.start, l.end) : ctx.range(ts, ts + img.tag.length),
          message: `${note ? `${note}: i` : 'I'}mage tag \`${img.tag}\` moves over time: pin a version so that every machine runs the same image.`,
          suggestions: suggestions(ts, ts + img.tag.length, img.tag),
        });
      }
    }
  },
);
