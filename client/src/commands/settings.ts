import * as vscode from 'vscode';
import { splitCommandWords, type ComposeCommand, type DockerCommand, DOCKER_TEMPLATE_KEYS } from '../docker';

export interface BerthRunSettings {
  dockerCommand: string[];
  composeCommand: string;
  detached: boolean;
  build: boolean;
  composeLogsTail: number;
  dockerLogsTail: number;
  projectName: string;
  containerShell: string;
  /** `berth.docker.buildContext`: empty for the Dockerfile's folder. */
  buildContext: string;
  composeTemplate(command: ComposeCommand): string | undefined;
  dockerTemplate(command: DockerCommand): string | undefined;
}

function nonNegativeInt(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
}

function stringOr(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null) {
    for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  }
  return out;
}

/** Reads the `berth.docker.*` / `berth.compose.*` settings for a resource (folder-specific values apply). */
export function readSettings(scope?: vscode.Uri): BerthRunSettings {
  const docker = vscode.workspace.getConfiguration('berth.docker', scope);
  const compose = vscode.workspace.getConfiguration('berth.compose', scope);
  const dockerSetting = docker.get<string>('command', 'docker');
  let dockerCommand: string[];
  try {
    dockerCommand = splitCommandWords(typeof dockerSetting === 'string' ? dockerSetting : 'docker');
  } catch (e) {
    throw new Error(`"berth.docker.command": ${(e as Error).message}`, { cause: e });
  }
  if (dockerCommand.length === 0) dockerCommand = ['docker'];
  const composeTemplates = stringRecord(compose.get('commandTemplates'));
  const dockerTemplates = stringRecord(docker.get('commandTemplates'));
  return {
    dockerCommand,
    composeCommand: compose.get<string>('command', '') ?? '',
    detached: compose.get<boolean>('detached', true) !== false,
    build: compose.get<boolean>('build', true) !== false,
    composeLogsTail: nonNegativeInt(compose.get('logsTail'), 100),
    dockerLogsTail: nonNegativeInt(docker.get('logsTail'), 100),
    projectName: (compose.get<string>('projectName', '') ?? '').trim(),
    containerShell: docker.get<string>('containerShell', 'auto') ?? 'auto',
    buildContext: stringOr(docker.get('buildContext'), ''),
    composeTemplate: (c) => composeTemplates[c],
    dockerTemplate: (c) => dockerTemplates[DOCKER_TEMPLATE_KEYS[c]],
  };
}
