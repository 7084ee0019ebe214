/**
 * "Pin the base image tag": a FROM that uses `latest` or no tag gets one code action per tag Berth
 * knows offline for that official image (known-tags.ts), e.g. "Pin python to 3.14-slim", then
 * "Pick a tag for `python`…", which has no edit but runs the client's quick pick of those tags (or a
 * typed one) and writes the chosen tag (image-tag-pick.ts). The pick is offered for any image, known
 * or not.
 */
import type { DockerfileModel } from '../dockerfile/model';
import { parseImageRef } from '../dockerfile/image';
import { pickImageTagCommand } from '../image-tag-pick';
import type { Range } from '../types';
import type { Refactor, RefactorContext } from './index';
import { knownTagsFor } from './known-tags';
import { touches } from './util';

export const ID = 'pin-base-image-tag';

export function pinBaseImageTag(model: DockerfileModel, range: Range, _ctx: RefactorContext): Refactor[] {
  const out: Refactor[] = [];
  for (const st of model.stages) {
    if (!touches(range, st.from) || st.baseStage !== undefined) continue;
    // Only literal references: `FROM $IMAGE` is pinned where the ARG is.
    if (st.image.includes('$')) continue;
    const ref = parseImageRef(st.image);
    if (!ref || ref.digest !== undefined) continue;
    if (ref.tag !== undefined && ref.tag !== 'latest') continue;
    // `scratch` is no image at all: it has no tags.
    if (ref.path === 'scratch' && ref.registryRaw === undefined) continue;
    const tags = knownTagsFor(ref.registry, ref.path) ?? [];
    const name = ref.path.replace(/^library\//, '');
    const at =
      ref.tag === 'latest'
        ? model.lines.range(st.imageStart + ref.tagStart!, st.imageEnd)
        : model.lines.range(st.imageEnd, st.imageEnd);
    for (const tag of tags) {
      const edit = { range: at, newText: ref.tag === 'latest' ? tag : `:${tag}` };
      out.push({
        id: ID,
        title: `Pin ${name} to ${tag}`,
        kind: 'refactor.rewrite',
        fix: { title: `Pin ${name} to ${tag}`, edits: [edit], notForFixAll: true },
      });
    }
    const imageName = ref.tag === 'latest' ? st.image.slice(0, ref.tagStart! - 1) : st.image;
    const command = pickImageTagCommand({ image: imageName, range: at, current: ref.tag, tags });
    out.push({
      id: ID,
      title: command.title,
      kind: 'refactor.rewrite',
      fix: { title: command.title, edits: [], notForFixAll: true },
      command,
    });
  }
  return out;
}
