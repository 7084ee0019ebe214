import * as path from 'path';
import type { ComposeProject } from './composeFiles';
import { publishArgs, type ExposedPort } from './dockerfile';
import { expandTemplate, type TemplateVariables } from './template';

/** A command ready to run: the argument vector (argv[0] is the program) and its working directory. */
export interface CommandLine {
  argv: string[];
  cwd: string;
}

// ---------------------------------------------------------------------------------------------------------
// Compose

export type ComposeCommand =
  | 'up'
  | 'down'
  | 'downVolumes'
  | 'restart'
  | 'stop'
  | 'start'
  | 'logs'
  | 'ps'
  | 'pull'
  | 'build'
  | 'scale'
  | 'watch'
  | 'config';

export const COMPOSE_COMMANDS: readonly ComposeCommand[] = [
  'up',
  'down',
  'downVolumes',
  'restart',
  'stop',
  'start',
  'logs',
  'ps',
  'pull',
  'build',
  'scale',
  'watch',
  'config',
];

const COMPOSE_PREFIX = '${composeCommand} ${projectName} ${configurationFiles} ${envFiles} ${profileList}';

/** The built-in templates; `berth.compose.commandTemplates.<command>` replaces one. */
export const DEFAULT_COMPOSE_TEMPLATES: Readonly<Record<ComposeCommand, string>> = {
  up: `${COMPOSE_PREFIX} up \${detached} \${build} \${serviceList}`,
  down: `${COMPOSE_PREFIX} down`,
  downVolumes: `${COMPOSE_PREFIX} down --volumes`,
  restart: `${COMPOSE_PREFIX} restart \${serviceList}`,
  stop: `${COMPOSE_PREFIX} stop \${serviceList}`,
  start: `${COMPOSE_PREFIX} start \${serviceList}`,
  logs: `${COMPOSE_PREFIX} logs --follow --tail \${tail} \${serviceList}`,
  ps: `${COMPOSE_PREFIX} ps`,
  pull: `${COMPOSE_PREFIX} pull \${serviceList}`,
  build: `${COMPOSE_PREFIX} build \${serviceList}`,
  scale: `${COMPOSE_PREFIX} up --detach --scale \${scale} \${serviceList}`,
  watch: `${COMPOSE_PREFIX} watch \${serviceList}`,
  config: `${COMPOSE_PREFIX} config`,
};

export interface ComposeOptions {
  /** The compose argv prefix from detection: `['docker', 'compose']`... */
  composeCommand: readonly string[];
  project: ComposeProject;
  /** An explicit project name (`-p`); omitted: compose derives it from the files. */
  projectName?: string;
  services?: readonly string[];
  profiles?: readonly string[];
  /** `up`: `--detach` (default true). */
  detached?: boolean;
  /** `up`: `--build` (default true). */
  build?: boolean;
  /** `logs`: `--tail` (default 100). */
  tail?: number;
  /** `scale`: the service and its replica count. */
  scale?: { service: string; replicas: number };
}

function flagList(flag: string, values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) out.push(flag, v);
  return out;
}

/** Positional names, after `--` when one of them would otherwise read as an option. */
export function positionals(values: readonly string[] | undefined): string[] {
  const list = [...(values ?? [])];
  return list.some((v) => v.startsWith('-')) ? ['--', ...list] : list;
}

/** The variables of compose templates. */
export function composeVariables(o: ComposeOptions): TemplateVariables {
  if (o.scale && (!Number.isInteger(o.scale.replicas) || o.scale.replicas < 0)) {
    throw new Error(`invalid replica count: ${o.scale.replicas}`);
  }
  const services = o.scale ? [o.scale.service] : o.services;
  return {
    composeCommand: [...o.composeCommand],
    projectName: o.projectName ? ['-p', o.projectName] : [],
    configurationFiles: flagList('-f', o.project.files),
    envFiles: flagList('--env-file', o.project.envFiles),
    profileList: flagList('--profile', o.profiles),
    serviceList: positionals(services),
    detached: o.detached === false ? [] : ['--detach'],
    build: o.build === false ? [] : ['--build'],
    tail: String(o.tail ?? 100),
    scale: o.scale ? `${o.scale.service}=${o.scale.replicas}` : [],
    projectDir: o.project.projectDir,
  };
}

export function buildComposeCommand(
  command: ComposeCommand,
  o: ComposeOptions,
  template?: string,
): CommandLine {
  const t = template && template.trim() !== '' ? template : DEFAULT_COMPOSE_TEMPLATES[command];
  return {
    argv: expandTemplate(t, composeVariables(o), `berth.compose.commandTemplates.${command}`),
    cwd: o.project.projectDir,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Docker (images and containers)

export type DockerCommand =
  | 'imageBuild'
  | 'imageRun'
  | 'containerShell'
  | 'containerLogs'
  | 'containerStop'
  | 'containerRemove'
  | 'systemPrune';

/** Keys of `berth.docker.commandTemplates`. */
export const DOCKER_TEMPLATE_KEYS: Readonly<Record<DockerCommand, string>> = {
  imageBuild: 'build',
  imageRun: 'run',
  containerShell: 'shell',
  containerLogs: 'logs',
  containerStop: 'stop',
  containerRemove: 'remove',
  systemPrune: 'systemPrune',
};

export const DEFAULT_DOCKER_TEMPLATES: Readonly<Record<DockerCommand, string>> = {
  imageBuild: '${dockerCommand} build --file ${dockerfile} --tag ${tag} ${target} ${context}',
  imageRun: '${dockerCommand} run --rm -it ${ports} ${image}',
  containerShell: '${dockerCommand} exec -it ${containerId} ${shell}',
  containerLogs: '${dockerCommand} logs --follow --tail ${tail} ${containerId}',
  containerStop: '${dockerCommand} stop ${containerId}',
  containerRemove: '${dockerCommand} rm ${force} ${containerId}',
  systemPrune: '${dockerCommand} system prune --force',
};

function dockerTemplate(command: DockerCommand, template: string | undefined): string {
  return template && template.trim() !== '' ? template : DEFAULT_DOCKER_TEMPLATES[command];
}

function expandDocker(
  command: DockerCommand,
  variables: TemplateVariables,
  template: string | undefined,
): string[] {
  return expandTemplate(
    dockerTemplate(command, template),
    variables,
    `berth.docker.commandTemplates.${DOCKER_TEMPLATE_KEYS[command]}`,
  );
}

export interface ImageBuildOptions {
  dockerCommand: readonly string[];
  dockerfile: string;
  /** The build context directory; default: the Dockerfile's directory. */
  context?: string;
  tag: string;
  target?: string;
}

/**
 * The build context from the `berth.docker.buildContext` setting: empty, the Dockerfile's folder (the
 * default); else a path where `${workspaceFolder}` is the Dockerfile's workspace folder and `${fileDirname}`
 * the Dockerfile's folder, a relative path being taken from the workspace folder (from the Dockerfile's
 * folder in a window without one). Throws on any other `${...}`.
 */
export function resolveBuildContext(
  setting: string | undefined,
  dockerfile: string,
  workspaceFolder: string | undefined,
): string {
  const dockerfileDir = path.dirname(dockerfile);
  const value = (setting ?? '').trim();
  if (value === '') return dockerfileDir;
  const base = workspaceFolder ?? dockerfileDir;
  const expanded = value.replace(/\$\{([^}]*)\}/g, (m, name: string) => {
    if (name === 'workspaceFolder') return base;
    if (name === 'fileDirname') return dockerfileDir;
    throw new Error(
      `"berth.docker.buildContext": unknown variable ${m} (known: \${workspaceFolder}, \${fileDirname})`,
    );
  });
  return path.resolve(base, expanded);
}

export function buildImageBuildCommand(o: ImageBuildOptions, template?: string): CommandLine {
  const context = o.context ?? path.dirname(o.dockerfile);
  const argv = expandDocker(
    'imageBuild',
    {
      dockerCommand: [...o.dockerCommand],
      dockerfile: o.dockerfile,
      context,
      tag: o.tag,
      target: o.target ? ['--target', o.target] : [],
      targetName: o.target ?? '',
    },
    template,
  );
  return { argv, cwd: context };
}

export interface ImageRunOptions {
  dockerCommand: readonly string[];
  image: string;
  /** Ports to publish; `'all'`: `-P` (every port the image exposes, on random host ports). */
  ports: readonly ExposedPort[] | 'all';
  cwd: string;
}

export function buildImageRunCommand(o: ImageRunOptions, template?: string): CommandLine {
  const argv = expandDocker(
    'imageRun',
    {
      dockerCommand: [...o.dockerCommand],
      image: o.image,
      ports: o.ports === 'all' ? ['-P'] : publishArgs(o.ports),
    },
    template,
  );
  return { argv, cwd: o.cwd };
}

/** `sh` probing for bash: the script is a constant; no user text is ever put in it. */
export const AUTO_SHELL = [
  'sh',
  '-c',
  'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi',
];

export interface ContainerOptions {
  dockerCommand: readonly string[];
  containerId: string;
  containerName?: string;
  cwd: string;
  /** `containerShell`: the shell argv (default: bash when the image has it, else sh). */
  shell?: readonly string[];
  /** `containerLogs`: `--tail` (default 100). */
  tail?: number;
  /** `containerRemove`: `--force` (a running container). */
  force?: boolean;
}

export function buildContainerCommand(
  command: 'containerShell' | 'containerLogs' | 'containerStop' | 'containerRemove',
  o: ContainerOptions,
  template?: string,
): CommandLine {
  const argv = expandDocker(
    command,
    {
      dockerCommand: [...o.dockerCommand],
      containerId: o.containerId,
      containerName: o.containerName ?? o.containerId,
      shell: [...(o.shell ?? AUTO_SHELL)],
      tail: String(o.tail ?? 100),
      force: o.force ? ['--force'] : [],
    },
    template,
  );
  return { argv, cwd: o.cwd };
}

export function buildSystemPruneCommand(
  o: { dockerCommand: readonly string[]; cwd: string },
  template?: string,
): CommandLine {
  return { argv: expandDocker('systemPrune', { dockerCommand: [...o.dockerCommand] }, template), cwd: o.cwd };
}

/** Listing commands (not templated: their output is parsed). */
export function buildContainerListArgv(dockerCommand: readonly string[], all: boolean): string[] {
  return [...dockerCommand, 'ps', ...(all ? ['--all'] : []), '--format', '{{json .}}'];
}

export function buildImageListArgv(dockerCommand: readonly string[]): string[] {
  return [...dockerCommand, 'image', 'ls', '--format', '{{json .}}'];
}

/** The shell argv for the `berth.docker.containerShell` setting: `auto`, `sh`, `bash`, or a command. */
export function shellArgv(setting: string | undefined, split: (s: string) => string[]): string[] {
  const s = (setting ?? '').trim();
  if (s === '' || s === 'auto') return [...AUTO_SHELL];
  const argv = split(s);
  return argv.length > 0 ? argv : [...AUTO_SHELL];
}
