/**
 * The core as the benchmark (`scripts/bench.mjs`) and the fuzz runner use it: bundled on the fly with
 * esbuild into `.bench/` (never shipped). Re-exports only; no logic lives here.
 */
export { lintText, lintModel, parseModel, kindOfPath, MAX_FILE_SIZE } from './core/engine';
export { fixAllText } from './core/actions';
export { applyEdits, compatibleFixes } from './core/fix';
export { allRules } from './core/rules/index';
export { emptyConfig } from './core/config';
/** What the language server adds per version: dockerfile-utils syntax checks (in its deferred pass). */
export { dockerfileSyntaxDiagnostics, DOCKERFILE_UTILS_MAX_LINES } from './features/dockerfile-service';
export { TextDocument } from 'vscode-languageserver-textdocument';
/** The server's file system view (rules that read the build context, env files, or run shellcheck need one). */
export { NodeFileSystem } from './node-fs';
/** The server process's environment and Node options, as the extension starts it. */
export { SERVER_ENV, SERVER_EXEC_ARGV } from './launch';
