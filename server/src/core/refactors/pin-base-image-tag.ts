/**
 * "Pin the base image tag": a FROM that uses `latest` or no tag gets one code action per tag Berth
 * knows offline for that official image (known-tags.ts), e.g. "Pin python to 3.14-slim".
 */
import type { DockerfileModel } from '../dockerfile/model';
import { parseImageRef } from '../dockerfile/image';
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
    const tags = knownTagsFor(ref.registry, ref.path);
    if (!tags) continue;
    const name = ref.path.replace(/^library\//, '');
    for (const tag of tags) {
      const edit =
        ref.tag === 'latest'
          ? { range: model.lines.range(st.imageStart + ref.tagStart!, st.imageEnd), newText: tag }
          : { range: model.lines.range(st.imageEnd, st.imageEnd), newText: `:${tag}` };
      out.push({
        id: ID,
        title: `Pin ${name} to ${tag}`,
        kind: 'refactor.rewrite',
        fix: { title: `Pin ${name} to ${tag}`, edits: [edit], notForFixAll: true },
      });
    }
  }
  return out;
}
