import type { CommandRunner } from './process';
import { splitCommandWords } from './words';

export type ComposeFlavourKind = 'plugin' | 'standalone' | 'custom';

export interface ComposeFlavour {
  ok: true;
  /** `plugin`: `docker compose` (v2); `standalone`: `docker-compose` (v1, or a v2 binary); `custom`: from the setting. */
  kind: ComposeFlavourKind;
  /** The argv prefix: `['docker', 'compose']`, `['docker-compose']`, `['podman', 'compose']`... */
  command: string[];
  version?: string;
}

export interface ComposeDetectionFailure {
  ok: false;
  reason: 'docker-missing' | 'compose-missing' | 'bad-setting';
  message: string;
}

export type ComposeDetection = ComposeFlavour | ComposeDetectionFailure;

export const INSTALL_DOCKER_URL = 'https://docs.docker.com/get-docker/';
export const INSTALL_COMPOSE_URL = 'https://docs.docker.com/compose/install/';

export function parseComposeVersion(output: string): string | undefined {
  return /v?(\d+\.\d+\.\d+(?:[-+][\w.-]+)?)/.exec(output)?.[1];
}

/** Compose `watch` needs compose v2.22+; unknown versions are given the benefit of the doubt. */
export function supportsWatch(flavour: ComposeFlavour): boolean {
  if (!flavour.version) return flavour.kind !== 'standalone';
  const [major, minor] = flavour.version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 22);
}

export function dockerMissingMessage(dockerCommand: readonly string[]): string {
  return (
    `Docker was not found: "${dockerCommand.join(' ')}" could not be started. ` +
    `Install Docker Desktop or Docker Engine with the Compose plugin (${INSTALL_DOCKER_URL}), ` +
    `or set "berth.docker.command" to your engine's CLI (for example "podman").`
  );
}

export function composeMissingMessage(dockerCommand: readonly string[]): string {
  return (
    `Docker Compose was not found: neither "${[...dockerCommand, 'compose'].join(' ')}" (the Compose v2 plugin) ` +
    `nor "docker-compose" works. Install the Docker Compose plugin (${INSTALL_COMPOSE_URL}), ` +
    `or set "berth.compose.command" (for example "podman-compose").`
  );
}

/**
 * Finds how to run compose:
 * 1. the `berth.compose.command` setting, when set (e.g. `podman compose`, `docker-compose`): its
 *    `version` must exit with 0, else the setting is reported as wrong;
 * 2. `<docker> compose version` works: the v2 plugin;
 * 3. `docker-compose version` works: the standalone binary (v1 or v2);
 * 4. otherwise a failure saying whether docker itself is missing, or only compose.
 */
export async function detectCompose(
  run: CommandRunner,
  dockerCommand: readonly string[],
  composeCommandSetting?: string,
): Promise<ComposeDetection> {
  if (composeCommandSetting && composeCommandSetting.trim() !== '') {
    let command: string[];
    try {
      command = splitCommandWords(composeCommandSetting);
    } catch (e) {
      return {
        ok: false,
        reason: 'bad-setting',
        message: `"berth.compose.command": ${(e as Error).message}`,
      };
    }
    if (command.length === 0)
      return { ok: false, reason: 'bad-setting', message: '"berth.compose.command" is empty' };
    const r = await run([...command, 'version']);
    if (r.error?.code === 'ENOENT') {
      return {
        ok: false,
        reason: 'docker-missing',
        message: `"${command[0]}" (from "berth.compose.command") was not found. Install it, or clear the setting.`,
      };
    }
    if (r.exitCode !== 0) {
      // Started but failed (`docker compse`, `podman compose` without a compose provider...): say so now,
      // not with every command.
      const detail = (r.stderr.trim() || r.error?.message || `exit code ${r.exitCode}`).split(/\r?\n/)[0];
      return {
        ok: false,
        reason: 'bad-setting',
        message:
          `"berth.compose.command": "${[...command, 'version'].join(' ')}" failed (${detail.slice(0, 300)}). ` +
          'Fix the setting, or clear it to use docker compose.',
      };
    }
    return { ok: true, kind: 'custom', command, version: parseComposeVersion(r.stdout) };
  }

  const plugin = await run([...dockerCommand, 'compose', 'version']);
  if (plugin.exitCode === 0) {
    return {
      ok: true,
      kind: 'plugin',
      command: [...dockerCommand, 'compose'],
      version: parseComposeVersion(plugin.stdout),
    };
  }
  const standalone = await run(['docker-compose', 'version']);
  if (standalone.exitCode === 0) {
    return {
      ok: true,
      kind: 'standalone',
      command: ['docker-compose'],
      version: parseComposeVersion(standalone.stdout),
    };
  }
  if (plugin.error?.code === 'ENOENT') {
    return { ok: false, reason: 'docker-missing', message: dockerMissingMessage(dockerCommand) };
  }
  return { ok: false, reason: 'compose-missing', message: composeMissingMessage(dockerCommand) };
}

/** Checks that the docker CLI can be started at all (`docker --version`). */
export async function checkDocker(
  run: CommandRunner,
  dockerCommand: readonly string[],
): Promise<{ ok: true; version?: string } | { ok: false; message: string }> {
  const r = await run([...dockerCommand, '--version']);
  if (r.error?.code === 'ENOENT' || (r.error && r.exitCode === null)) {
    return { ok: false, message: dockerMissingMessage(dockerCommand) };
  }
  return { ok: true, version: parseComposeVersion(r.stdout) };
}
