/**
 * Refactorings of a whole Dockerfile, offered as `refactor.rewrite` code actions.
 * Each lives in its own file and decides itself where it applies (usually the FROM line of the
 * stage it changes, and the instructions it is about). See docs/refactors.md.
 */
import type { DockerfileModel } from '../dockerfile/model';
import type { FileSystem, Fix, Range } from '../types';
import { addHealthcheck } from './add-healthcheck';
import { convertToMultiStage } from './convert-to-multi-stage';
import { generateDockerignore } from './generate-dockerignore';
import { orderForLayerCache } from './order-for-layer-cache';
import { pinBaseImageTag } from './pin-base-image-tag';
import { runAsNonRoot } from './run-as-non-root';

export interface Refactor {
  /** Stable id, e.g. `convert-to-multi-stage`. */
  id: string;
  /** What the lightbulb shows, e.g. "Convert to multi-stage build". */
  title: string;
  kind: 'refactor.rewrite' | 'refactor.extract' | 'refactor';
  /** The edits (in the document and possibly in other files, e.g. a new .dockerignore). */
  fix: Fix;
  /** A client command to run after the edit (e.g. a quick pick), with its arguments. */
  command?: { command: string; title: string; arguments?: unknown[] };
}

export interface RefactorContext {
  path?: string;
  fs?: FileSystem;
}

type Provider = (model: DockerfileModel, range: Range, ctx: RefactorContext) => Refactor[];

/** Every refactoring, in the order the lightbulb lists them. */
export const providers: { id: string; provide: Provider }[] = [
  { id: 'convert-to-multi-stage', provide: convertToMultiStage },
  { id: 'run-as-non-root', provide: runAsNonRoot },
  { id: 'add-healthcheck', provide: addHealthcheck },
  { id: 'order-for-layer-cache', provide: orderForLayerCache },
  { id: 'generate-dockerignore', provide: generateDockerignore },
  { id: 'pin-base-image-tag', provide: pinBaseImageTag },
];

/** Refactorings that apply at `range` (usually the cursor) in the document. */
export function computeRefactors(
  model: DockerfileModel,
  range: Range,
  ctx: RefactorContext = {},
): Refactor[] {
  const out: Refactor[] = [];
  if (model.text.length > 1024 * 1024) return out;
  for (const p of providers) {
    try {
      out.push(...p.provide(model, range, ctx));
    } catch {
      // A refactoring that fails is not offered; the others still are.
    }
  }
  return out;
}
