/**
 * Code lenses that run the stack from the editor: "Run all services" on `services:`, "Run service",
 * "Logs", "Restart" on each service of a compose file; "Build image" on the last `FROM` of a
 * Dockerfile and "Build stage <name>" on every other named stage. They call the client's commands
 * with the argument object of client/src/commands/targets.ts (`{ file, services?, target? }`).
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { nodeSpan, services, topLevelPair, type ComposeModel } from '../core/compose/model';
import type { DockerfileModel } from '../core/dockerfile/model';

export const COMMANDS = {
  composeUp: 'berth.composeUp',
  composeLogs: 'berth.composeLogs',
  composeRestart: 'berth.composeRestart',
  imageBuild: 'berth.imageBuild',
} as const;

/** Lenses of a compose file saved at `file` (an fsPath). */
export function composeCodeLenses(model: ComposeModel, file: string): CodeLens[] {
  const out: CodeLens[] = [];
  const sp = topLevelPair(model, 'services');
  const span = sp && nodeSpan(sp.key);
  if (!span) return out;
  const list = services(model);
  if (list.length === 0) return out;
  out.push({
    range: model.lines.range(span[0], span[1]),
    command: { title: 'Run all services', command: COMMANDS.composeUp, arguments: [{ file }] },
  });
  for (const s of list) {
    const k = nodeSpan(s.pair.key);
    if (!k) continue;
    const range = model.lines.range(k[0], k[1]);
    const args = [{ file, services: [s.name] }];
    out.push({ range, command: { title: 'Run service', command: COMMANDS.composeUp, arguments: args } });
    out.push({ range, command: { title: 'Logs', command: COMMANDS.composeLogs, arguments: args } });
    out.push({ range, command: { title: 'Restart', command: COMMANDS.composeRestart, arguments: args } });
  }
  return out;
}

/** Lenses of a Dockerfile saved at `file` (an fsPath). */
export function dockerfileCodeLenses(model: DockerfileModel, file: string): CodeLens[] {
  const out: CodeLens[] = [];
  const stages = model.stages;
  stages.forEach((s, i) => {
    const range = model.lines.range(s.from.keywordStart, s.from.keywordEnd);
    if (i === stages.length - 1) {
      out.push({
        range,
        command: { title: 'Build image', command: COMMANDS.imageBuild, arguments: [{ file }] },
      });
    } else if (s.name) {
      out.push({
        range,
        command: {
          title: `Build stage ${s.name}`,
          command: COMMANDS.imageBuild,
          arguments: [{ file, target: s.name }],
        },
      });
    }
  });
  return out;
}
