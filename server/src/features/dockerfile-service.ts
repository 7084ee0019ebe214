/**
 * Dockerfile editing features from dockerfile-language-service (completion, hover, signature help,
 * symbols, folding, semantic tokens, formatting, rename, definition, links, highlights) and the
 * syntax diagnostics of dockerfile-utils, with the checks Berth owns turned off there.
 */
import {
  DockerfileLanguageServiceFactory,
  type DockerfileLanguageService,
} from 'dockerfile-language-service';
import { ValidationCode } from 'dockerfile-utils';
import type { Diagnostic, SemanticTokens } from 'vscode-languageserver-types';
import { docOffset, type DockerfileModel } from '../core/dockerfile/model';

let service: DockerfileLanguageService | undefined;

export function dockerfileService(): DockerfileLanguageService {
  if (!service) {
    service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setCapabilities({
      completion: {
        completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] as never },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] as never },
    });
  }
  return service;
}

/**
 * dockerfile-utils' checks grow faster than linearly with the file (PERFORMANCE.md): above this many
 * lines only Berth's own (linear) checks run.
 */
export const DOCKERFILE_UTILS_MAX_LINES = 3000;

/**
 * dockerfile-utils checks that Berth's own rules report (with their ids, aliases, fixes, configuration
 * and suppression comments): one problem gives one diagnostic. The ones Berth lacks (missing arguments,
 * invalid signal, SHELL not in JSON form, duplicate flags...) are kept.
 */
const OWNED_BY_BERTH = new Set<number>([
  ValidationCode.UNKNOWN_INSTRUCTION, // unknown-instruction
  ValidationCode.UNKNOWN_ADD_FLAG, // unknown-flag (which also knows ADD --unpack, COPY --parents...)
  ValidationCode.UNKNOWN_COPY_FLAG,
  ValidationCode.UNKNOWN_FROM_FLAG,
  ValidationCode.UNKNOWN_HEALTHCHECK_FLAG,
  ValidationCode.DUPLICATE_BUILD_STAGE_NAME, // duplicate-stage-name
  ValidationCode.ONBUILD_CHAINING_DISALLOWED, // onbuild-invalid-instruction
  ValidationCode.ONBUILD_TRIGGER_DISALLOWED,
  ValidationCode.DEPRECATED_MAINTAINER, // maintainer-deprecated
  ValidationCode.CASING_INSTRUCTION, // consistent-instruction-casing
  ValidationCode.EMPTY_CONTINUATION_LINE, // no-empty-continuation
  ValidationCode.MULTIPLE_INSTRUCTIONS, // duplicate-cmd-entrypoint-healthcheck
  ValidationCode.WORKDIR_IS_NOT_ABSOLUTE, // workdir-relative-path
]);

/** Is a dockerfile-utils diagnostic one that a Berth rule reports for this model? */
function ownedByBerth(d: Diagnostic, model: DockerfileModel | undefined): boolean {
  if (typeof d.code === 'number' && OWNED_BY_BERTH.has(d.code)) return true;
  if (!model) return false;
  switch (d.code) {
    // instruction-before-from reports an instruction other than ARG before the first FROM; a file with
    // no FROM and nothing else (empty, only ARGs) is dockerfile-utils' alone.
    case ValidationCode.NO_SOURCE_IMAGE: {
      const first = model.instructions.find((i) => i.keyword !== 'ARG');
      return !!first && first.keyword !== 'FROM';
    }
    // copy-multiple-sources-dest-slash covers COPY (not ADD).
    case ValidationCode.INVALID_DESTINATION:
      return model.instructions.some(
        (i) => i.keyword === 'COPY' && i.line <= d.range.start.line && d.range.start.line <= i.endLine,
      );
    default:
      return false;
  }
}

/**
 * dockerfile-utils' syntax diagnostics, less the ones Berth's rules own. `model`: the document's model,
 * for the checks that Berth owns only in some cases (without it those are kept).
 */
export function dockerfileSyntaxDiagnostics(
  text: string,
  lineCount: number,
  model?: DockerfileModel,
): Diagnostic[] {
  if (lineCount > DOCKERFILE_UTILS_MAX_LINES) return [];
  try {
    const ignore = 'ignore' as never;
    const diags = dockerfileService().validate(text, {
      // Off at the source where dockerfile-utils has a setting; the rest are filtered by code below.
      deprecatedMaintainer: ignore,
      instructionCasing: ignore,
      emptyContinuationLine: ignore,
      instructionCmdMultiple: ignore,
      instructionEntrypointMultiple: ignore,
      instructionHealthcheckMultiple: ignore,
      instructionWorkdirRelative: ignore,
      instructionJSONInSingleQuotes: ignore,
    });
    return diags.filter((d) => !ownedByBerth(d, model)).map((d) => ({ ...d, source: 'dockerfile-utils' }));
  } catch {
    return [];
  }
}

/**
 * dockerfile-language-service's semantic tokens, without the ones inside shell code (the shell-form
 * arguments of RUN and its heredoc bodies): there Berth's injected shell grammar colours the text, and
 * VS Code lets semantic tokens win over the grammar, which would paint a whole script in one colour.
 */
export function dockerfileSemanticTokens(text: string, model: DockerfileModel): SemanticTokens {
  const tokens = dockerfileService().computeSemanticTokens(text);
  const shell: [number, number][] = [];
  for (const instr of model.instructions) {
    const run = instr.keyword === 'ONBUILD' ? instr.onbuild : instr;
    if (!run || run.keyword !== 'RUN' || run.json) continue;
    shell.push([docOffset(run, run.restStart), instr.end]);
  }
  if (!shell.length) return tokens;
  const data = tokens.data;
  const out: number[] = [];
  let line = 0;
  let char = 0;
  let lastLine = 0;
  let lastChar = 0;
  let k = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    char = data[i] ? data[i + 1] : char + data[i + 1];
    const offset = model.lines.offsetAt({ line, character: char });
    while (k < shell.length && shell[k][1] <= offset) k++;
    if (k < shell.length && shell[k][0] <= offset && offset < shell[k][1]) continue;
    out.push(
      line - lastLine,
      line === lastLine ? char - lastChar : char,
      data[i + 2],
      data[i + 3],
      data[i + 4],
    );
    lastLine = line;
    lastChar = char;
  }
  return { resultId: tokens.resultId, data: out };
}
