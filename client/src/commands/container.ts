import * as vscode from 'vscode';
import {
  buildContainerCommand,
  buildContainerListArgv,
  buildSystemPruneCommand,
  isRunning,
  parseContainers,
  shellArgv,
  splitCommandWords,
  type ContainerInfo,
} from '../docker';
import {
  Cancelled,
  capture,
  confirmDestructive,
  defaultCwd,
  ensureDocker,
  runInTerminal,
  runTask,
  UserError,
} from './runtime';
import { readSettings, type BerthRunSettings } from './settings';

/** A container passed by another command (`'id'` or `{ containerId }` / `{ id }`), if any. */
function containerFromArgs(args: readonly unknown[]): ContainerInfo | undefined {
  const [first] = args;
  let id: string | undefined;
  if (typeof first === 'string') id = first;
  else if (typeof first === 'object' && first !== null) {
    const o = first as Record<string, unknown>;
    id = typeof o.containerId === 'string' ? o.containerId : typeof o.id === 'string' ? o.id : undefined;
  }
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) return undefined;
  return { id, name: id, image: '', status: '' };
}

async function pickContainer(
  settings: BerthRunSettings,
  all: boolean,
  placeHolder: string,
  args: readonly unknown[],
): Promise<ContainerInfo> {
  const given = containerFromArgs(args);
  if (given) return given;
  const stdout = await capture(
    { argv: buildContainerListArgv(settings.dockerCommand, all), cwd: defaultCwd() },
    'Listing containers',
  );
  const containers = parseContainers(stdout);
  if (containers.length === 0)
    throw new UserError(all ? 'There are no containers.' : 'No container is running.');
  const picked = await vscode.window.showQuickPick(
    containers.map((c) => ({
      label: `${isRunning(c) ? '$(vm-running)' : '$(vm-outline)'} ${c.name}`,
      description: c.image,
      detail: [c.status, c.ports].filter(Boolean).join(' · '),
      container: c,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) throw new Cancelled();
  return picked.container;
}

async function prepare(): Promise<BerthRunSettings> {
  const settings = readSettings();
  await ensureDocker(settings);
  return settings;
}

export const containerCommands = {
  /** `berth.containerShell`: `docker exec -it <id> <shell>` in a terminal. */
  shell: async (...args: unknown[]): Promise<void> => {
    const settings = await prepare();
    const c = await pickContainer(settings, false, 'Container to open a shell in', args);
    const cmd = buildContainerCommand(
      'containerShell',
      {
        dockerCommand: settings.dockerCommand,
        containerId: c.id,
        containerName: c.name,
        cwd: defaultCwd(),
        shell: shellArgv(settings.containerShell, splitCommandWords),
      },
      settings.dockerTemplate('containerShell'),
    );
    runInTerminal(cmd, `shell: ${c.name}`);
  },

  logs: async (...args: unknown[]): Promise<void> => {
    const settings = await prepare();
    const c = await pickContainer(settings, true, 'Container to show the logs of', args);
    const cmd = buildContainerCommand(
      'containerLogs',
      {
        dockerCommand: settings.dockerCommand,
        containerId: c.id,
        containerName: c.name,
        cwd: defaultCwd(),
        tail: settings.dockerLogsTail,
      },
      settings.dockerTemplate('containerLogs'),
    );
    await runTask(cmd, { name: `docker logs ${c.name}`, id: `container.logs:${c.id}` });
  },

  stop: async (...args: unknown[]): Promise<void> => {
    const settings = await prepare();
    const c = await pickContainer(settings, false, 'Container to stop', args);
    const cmd = buildContainerCommand(
      'containerStop',
      { dockerCommand: settings.dockerCommand, containerId: c.id, containerName: c.name, cwd: defaultCwd() },
      settings.dockerTemplate('containerStop'),
    );
    await runTask(cmd, { name: `docker stop ${c.name}`, id: `container.stop:${c.id}` });
  },

  remove: async (...args: unknown[]): Promise<void> => {
    const settings = await prepare();
    const c = await pickContainer(settings, true, 'Container to remove', args);
    let force = false;
    if (isRunning(c)) {
      await confirmDestructive(
        `Container "${c.name}" is running. Stop and remove it?`,
        'The container is killed and removed (docker rm --force). Its anonymous volumes are kept.',
        'Stop and Remove',
      );
      force = true;
    }
    const cmd = buildContainerCommand(
      'containerRemove',
      {
        dockerCommand: settings.dockerCommand,
        containerId: c.id,
        containerName: c.name,
        cwd: defaultCwd(),
        force,
      },
      settings.dockerTemplate('containerRemove'),
    );
    await runTask(cmd, { name: `docker rm ${c.name}`, id: `container.remove:${c.id}` });
  },

  systemPrune: async (): Promise<void> => {
    const settings = await prepare();
    await confirmDestructive(
      'Remove all stopped containers, unused networks, dangling images and the build cache?',
      'This runs "docker system prune --force" on the current Docker engine, for every project, not only this workspace. ' +
        'It cannot be undone.',
      'Prune',
    );
    const cmd = buildSystemPruneCommand(
      { dockerCommand: settings.dockerCommand, cwd: defaultCwd() },
      settings.dockerTemplate('systemPrune'),
    );
    await runTask(cmd, { name: 'docker system prune', id: 'system.prune' });
  },
};
