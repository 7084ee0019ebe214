/**
 * Dockerfile editing features from dockerfile-language-service (completion, hover, signature help,
 * symbols, folding, semantic tokens, formatting, rename, definition, links, highlights) and the
 * syntax diagnostics of dockerfile-utils, with the checks Berth owns turned off there.
 */
import {
  DockerfileLanguageServiceFactory,
  type DockerfileLanguageService,
} from 'dockerfile-language-service';
import type { Diagnostic } from 'vscode-languageserver-types';

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
