import * as path from 'path';
import * as vscode from 'vscode';
import {
  buildComposeCommand,
  composeEnvironment,
  composeProfilesOf,
  displayProjectName,
  loadProjectModel,
  resolveComposeProject,
  supportsWatch,
  type ComposeCommand,
  type ComposeFlavour,
  type ComposeModel,
  type ComposeOptions,
  type ComposeProject,
} from '../docker';
import { showMergedConfig } from './configView';
import { Cancelled, capture, confirmDestructive, getCompose, runTask, UserError } from './runtime';
import { readSettings, type BerthRunSettings } from './settings';
import { composeFilesOf, decodeArgs, diskHost, pickComposeFile } from './targets';

interface Remembered {
  services: string[];
  profiles: string[];
}

interface ComposeTarget {
  project: ComposeProject;
  settings: BerthRunSettings;
  compose: ComposeFlavour;
  name: string;
  services?: string[];
  resource: vscode.Uri;
  /** The project's variables: its `.env`, then the environment compose runs in. */
  vars: Map<string, string>;
  model(): ComposeModel;
}

export class ComposeCommands {
  constructor(private readonly state: vscode.Memento) {}

  private rememberedKey(project: ComposeProject): string {
    return `berth.compose.selection:${project.key}`;
  }

  private hasRemembered(project: ComposeProject): boolean {
    return this.state.get<Remembered>(this.rememberedKey(project)) !== undefined;
  }

  private remembered(project: ComposeProject): Remembered {
    const v = this.state.get<Remembered>(this.rememberedKey(project));
    return {
      services: Array.isArray(v?.services) ? v.services.filter((s) => typeof s === 'string') : [],
      profiles: Array.isArray(v?.profiles) ? v.profiles.filter((s) => typeof s === 'string') : [],
    };
  }

  private async target(args: readonly unknown[]): Promise<ComposeTarget> {
    const inv = decodeArgs(args);
    const files = inv ? composeFilesOf(inv) : [await pickComposeFile()];
    // The environment the task runs in is VS Code's: compose reads COMPOSE_FILE, COMPOSE_PROFILES... from it.
    const project = resolveComposeProject(files, diskHost, { env: process.env });
    const vars = composeEnvironment(project.envFiles, diskHost, process.env);
    const resource = vscode.Uri.file(project.files[0]);
    const settings = readSettings(resource);
    const compose = await getCompose(settings);
    let model: ComposeModel | undefined;
    const getModel = (): ComposeModel => (model ??= loadProjectModel(project, diskHost, vars));
    return {
      project,
      settings,
      compose,
      name: settings.projectName || displayProjectName(project, getModel().name, diskHost),
      services: inv?.services,
      resource,
      vars,
      model: getModel,
    };
  }

  private options(t: ComposeTarget, extra: Partial<ComposeOptions> = {}): ComposeOptions {
    return {
      composeCommand: t.compose.command,
      project: t.project,
      projectName: t.settings.projectName || undefined,
      services: t.services,
      // Profiles chosen with "Up - Select Services" apply to the later commands on the project,
      // so that Down, Stop, Logs... also reach the services those profiles started.
      profiles: this.remembered(t.project).profiles,
      detached: t.settings.detached,
      build: t.settings.build,
      tail: t.settings.composeLogsTail,
      ...extra,
    };
  }

  private async run(
    command: ComposeCommand,
    label: string,
    t: ComposeTarget,
    extra: Partial<ComposeOptions> = {},
  ) {
    const o = this.options(t, extra);
    const cmd = buildComposeCommand(command, o, t.settings.composeTemplate(command));
    const services = o.scale ? [o.scale.service] : (o.services ?? []);
    const suffix = services.length > 0 ? ` ${services.join(' ')}` : '';
    await runTask(cmd, {
      name: `compose ${label}${suffix} (${t.name})`,
      id: `compose.${command}:${t.project.key}:${services.join(',')}`,
      resource: t.resource,
    });
  }

  /** `berth.composeUp`: the default services (or a lens's services), detached and built per settings. */
  up = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    await this.run('up', 'up', t, { profiles: [] });
  };

  /** `berth.composeUpSelectServices`: one picker with services and profiles, remembered per project. */
  upSelectServices = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    const model = t.model();
    if (model.services.length === 0) {
      const why = model.error ? `: ${model.error}` : '';
      throw new UserError(
        `No services found in ${t.project.files.map((f) => path.basename(f)).join(', ')}${why}`,
      );
    }
    // Nothing chosen yet for this project: compose's own default, the profiles of COMPOSE_PROFILES.
    const previous = this.hasRemembered(t.project)
      ? this.remembered(t.project)
      : { services: [], profiles: composeProfilesOf(t.vars) };
    const preselected = new Set(t.services ?? previous.services);
    type Item = vscode.QuickPickItem & { service?: string; profile?: string };
    const items: Item[] = [{ label: 'Services', kind: vscode.QuickPickItemKind.Separator }];
    for (const s of model.services) {
      items.push({
        label: s.name,
        description: s.profiles.length > 0 ? `profiles: ${s.profiles.join(', ')}` : undefined,
        picked: preselected.has(s.name),
        service: s.name,
      });
    }
    if (model.profiles.length > 0) {
      items.push({ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator });
      for (const p of model.profiles) {
        const members = model.services.filter((s) => s.profiles.includes(p)).map((s) => s.name);
        items.push({
          label: `$(layers) ${p}`,
          description: `profile: ${members.join(', ')}`,
          picked: !t.services && previous.profiles.includes(p),
          profile: p,
        });
      }
    }
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Compose Up: ${t.name}`,
      placeHolder: 'Services to start, and profiles to enable (none selected: the default services)',
      matchOnDescription: true,
    });
    if (!picked) throw new Cancelled();
    const services = picked.filter((i) => i.service).map((i) => i.service!);
    const profiles = picked.filter((i) => i.profile).map((i) => i.profile!);
    await this.state.update(this.rememberedKey(t.project), { services, profiles } satisfies Remembered);
    await this.run('up', 'up', t, { services, profiles });
  };

  down = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    await this.run('down', 'down', t, { services: undefined });
  };

  downVolumes = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    await confirmDestructive(
      `Remove the containers, networks and VOLUMES of compose project "${t.name}"?`,
      'The data stored in the named volumes declared in the compose file and in anonymous volumes is deleted. ' +
        'This cannot be undone.',
      'Remove Volumes',
    );
    await this.run('downVolumes', 'down --volumes', t, { services: undefined });
  };

  restart = this.simple('restart', 'restart');
  stop = this.simple('stop', 'stop');
  start = this.simple('start', 'start');
  logs = this.simple('logs', 'logs');
  ps = this.simple('ps', 'ps', true);
  pull = this.simple('pull', 'pull');
  build = this.simple('build', 'build');

  private simple(command: ComposeCommand, label: string, noServices = false) {
    return async (...args: unknown[]): Promise<void> => {
      const t = await this.target(args);
      await this.run(command, label, t, noServices ? { services: undefined } : {});
    };
  }

  scale = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    let service = t.services?.[0];
    if (!service) {
      const services = t.model().services;
      if (services.length === 0) throw new UserError(`No services found in project "${t.name}".`);
      const picked = await vscode.window.showQuickPick(
        services.map((s) => ({ label: s.name })),
        { placeHolder: 'Service to scale', title: `Compose Scale: ${t.name}` },
      );
      if (!picked) throw new Cancelled();
      service = picked.label;
    }
    const count = await vscode.window.showInputBox({
      title: `Compose Scale: ${service}`,
      prompt: `Number of "${service}" containers (docker compose up --scale ${service}=N)`,
      value: '2',
      validateInput: (v) => (/^\d{1,4}$/.test(v.trim()) ? undefined : 'A whole number from 0 to 9999'),
    });
    if (count === undefined) throw new Cancelled();
    await this.run('scale', 'scale', t, { scale: { service, replicas: Number(count.trim()) } });
  };

  watch = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    if (!supportsWatch(t.compose)) {
      throw new UserError(
        `Compose Watch needs Docker Compose v2.22 or later; found "${t.compose.command.join(' ')}"` +
          `${t.compose.version ? ` ${t.compose.version}` : ''}.`,
      );
    }
    await this.run('watch', 'watch', t);
  };

  config = async (...args: unknown[]): Promise<void> => {
    const t = await this.target(args);
    const cmd = buildComposeCommand('config', this.options(t), t.settings.composeTemplate('config'));
    const text = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `docker compose config (${t.name})` },
      () => capture(cmd, 'docker compose config'),
    );
    await showMergedConfig(t.project.key, t.name, text);
  };
}
