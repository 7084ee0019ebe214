/**
 * Dockerfile editing features from dockerfile-language-service (completion, hover, signature help,
 * symbols, folding, semantic tokens, formatting, rename, definition, links, highlights) and the
 * syntax diagnostics of dockerfile-utils, with the checks Berth owns turned off there.
 */
import {
  DockerfileLanguageServiceFactory,
  type DockerfileLanguageService,
} from 'dockerfile-language-service';
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

export function dockerfileSyntaxDiagnostics(text: string, lineCount: number): Diagnostic[] {
  if (lineCount > DOCKERFILE_UTILS_MAX_LINES) return [];
  try {
    const diags = dockerfileService().validate(text, {
      // Berth's own rules own these (with fixes and aliases); avoid two diagnostics for one problem.
      deprecatedMaintainer: 'ignore' as never,
    });
    return diags.map((d) => ({ ...d, source: 'dockerfile-utils' }));
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
