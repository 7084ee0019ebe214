import * as vscode from 'vscode';
import { ComposeCommands } from './compose';
import { registerConfigView } from './configView';
import { containerCommands } from './container';
import { ImageCommands } from './image';
import { COMMAND_TITLES, type BerthCommandId } from '../docker/commandIds';
import { disposeOutputChannel, guarded } from './runtime';
import { registerRefactorCommands } from './refactors';

/** Registers every `berth.*` run command (Compose Up and friends, image and container commands). */
export function registerCommands(context: vscode.ExtensionContext): void {
  registerConfigView(context);
  registerRefactorCommands(context);
  const compose = new ComposeCommands(context.workspaceState);
  const image = new ImageCommands(context.workspaceState);
  const handlers: Record<BerthCommandId, (...args: unknown[]) => Promise<void>> = {
    'berth.composeUp': compose.up,
    'berth.composeUpSelectServices': compose.upSelectServices,
    'berth.composeDown': compose.down,
    'berth.composeDownVolumes': compose.downVolumes,
    'berth.composeRestart': compose.restart,
    'berth.composeStop': compose.stop,
    'berth.composeStart': compose.start,
    'berth.composeLogs': compose.logs,
    'berth.composePs': compose.ps,
    'berth.composePull': compose.pull,
    'berth.composeBuild': compose.build,
    'berth.composeScale': compose.scale,
    'berth.composeWatch': compose.watch,
    'berth.composeConfig': compose.config,
    'berth.imageBuild': image.build,
    'berth.imageRun': image.run,
    'berth.containerShell': containerCommands.shell,
    'berth.containerLogs': containerCommands.logs,
    'berth.containerStop': containerCommands.stop,
    'berth.containerRemove': containerCommands.remove,
    'berth.systemPrune': containerCommands.systemPrune,
  };
  for (const [id, handler] of Object.entries(handlers) as [
    BerthCommandId,
    (...args: unknown[]) => Promise<void>,
  ][]) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, guarded(`Berth: ${COMMAND_TITLES[id]}`, handler)),
    );
  }
  context.subscriptions.push({ dispose: disposeOutputChannel });
}
