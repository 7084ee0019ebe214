import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  buildImageBuildCommand,
  buildImageListArgv,
  buildImageRunCommand,
  defaultImageTag,
  exposedPorts,
  isValidImageTag,
  parseDockerfile,
  parseImages,
  resolveBuildContext,
} from '../docker';
import { Cancelled, capture, defaultCwd, ensureDocker, log, runTask, UserError } from './runtime';
import { readSettings } from './settings';
import { activeDockerfile, decodeArgs, diskHost, pickDockerfile } from './targets';

const openBuildContextSetting = {
  title: 'Open Settings',
  run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'berth.docker.buildContext'),
};

export class ImageCommands {
  constructor(private readonly state: vscode.Memento) {}

  private tagKey(dockerfile: string, target: string | undefined): string {
    return `berth.image.tag:${dockerfile}#${target ?? ''}`;
  }

  private async askTag(dockerfile: string, target: string | undefined, purpose: string): Promise<string> {
    const remembered = this.state.get<string>(this.tagKey(dockerfile, target));
    const value = remembered ?? defaultImageTag(path.basename(path.dirname(dockerfile)), target);
    const tag = await vscode.window.showInputBox({
      title: purpose,
      prompt: 'Image name and tag (name:tag)',
      value,
      valueSelection: [0, value.includes(':') ? value.lastIndexOf(':') : value.length],
      validateInput: (v) =>
        isValidImageTag(v.trim())
          ? undefined
          : 'Not a valid image name: lower-case name[:tag], e.g. myapp:dev',
    });
    if (tag === undefined) throw new Cancelled();
    const trimmed = tag.trim();
    await this.state.update(this.tagKey(dockerfile, target), trimmed);
    return trimmed;
  }

  /**
   * The stage to build, asked from the palette, the explorer and the editor title when the Dockerfile has
   * named stages before the last one (a code lens says it instead): the last stage (no `--target`,
   * docker's default) or a named stage.
   */
  private async pickStage(dockerfile: string): Promise<string | undefined> {
    const { stages } = parseDockerfile(diskHost.readFile(dockerfile) ?? '');
    const last = stages.at(-1);
    const named = stages
      .slice(0, -1)
      .filter((s) => s.name && s.name.toLowerCase() !== last?.name?.toLowerCase());
    if (!last || named.length === 0) return undefined;
    type Item = vscode.QuickPickItem & { target?: string };
    const items: Item[] = [
      {
        label: 'Last stage',
        description: `${last.name ? `${last.name}: ` : ''}FROM ${last.base}`,
        detail: 'The image docker build makes by default (no --target)',
      },
      ...named.map((s) => ({ label: s.name!, description: `FROM ${s.base}`, target: s.name })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `Build Image: ${path.basename(dockerfile)}`,
      placeHolder: 'Stage to build (docker build --target)',
      matchOnDescription: true,
    });
    if (!picked) throw new Cancelled();
    return picked.target;
  }

  /** The build context: the Dockerfile's folder, or the `berth.docker.buildContext` setting. */
  private buildContext(dockerfile: string, setting: string): string {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dockerfile));
    let context: string;
    try {
      context = resolveBuildContext(
        setting,
        dockerfile,
        folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
      );
    } catch (e) {
      throw new UserError((e as Error).message, [openBuildContextSetting]);
    }
    let isDir: boolean;
    try {
      isDir = fs.statSync(context).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      throw new UserError(
        `The build context "${context}" (from "berth.docker.buildContext") is not a folder.`,
        [openBuildContextSetting],
      );
    }
    return context;
  }

  /** `berth.imageBuild`: `docker build --file F --tag T [--target S] <context: the dir of F by default>`. */
  build = async (...args: unknown[]): Promise<void> => {
    const inv = decodeArgs(args);
    const dockerfile = inv ? inv.clicked : await pickDockerfile();
    const settings = readSettings(vscode.Uri.file(dockerfile));
    await ensureDocker(settings);
    const context = this.buildContext(dockerfile, settings.buildContext);
    // A lens says which stage it builds ("Build image": the last one); elsewhere, ask.
    const target = inv?.source === 'lens' ? inv.target : await this.pickStage(dockerfile);
    const tag = await this.askTag(dockerfile, target, target ? `Build stage "${target}"` : 'Build Image');
    const cmd = buildImageBuildCommand(
      { dockerCommand: settings.dockerCommand, dockerfile, tag, target, context },
      settings.dockerTemplate('imageBuild'),
    );
    await runTask(cmd, {
      name: `docker build ${tag}`,
      id: `image.build:${dockerfile}#${target ?? ''}`,
      resource: vscode.Uri.file(dockerfile),
    });
  };

  /**
   * `berth.imageRun`: for a Dockerfile, the image built from it (its remembered tag) with `-p` for each
   * EXPOSE; from the palette without a Dockerfile, an image picked from `docker image ls` with `-P`.
   */
  run = async (...args: unknown[]): Promise<void> => {
    const inv = decodeArgs(args);
    const dockerfile = inv ? inv.clicked : activeDockerfile();
    const settings = readSettings(dockerfile ? vscode.Uri.file(dockerfile) : undefined);
    await ensureDocker(settings);
    if (dockerfile) {
      const target = inv?.target;
      const image =
        this.state.get<string>(this.tagKey(dockerfile, target)) ??
        (await this.askTag(dockerfile, target, 'Run Image: the image built from this Dockerfile'));
      const { ports, unresolved } = exposedPorts(diskHost.readFile(dockerfile) ?? '', target);
      if (unresolved.length > 0) log(`EXPOSE values not published (unresolved): ${unresolved.join(' ')}`);
      const cmd = buildImageRunCommand(
        { dockerCommand: settings.dockerCommand, image, ports, cwd: path.dirname(dockerfile) },
        settings.dockerTemplate('imageRun'),
      );
      await runTask(cmd, {
        name: `docker run ${image}`,
        id: `image.run:${image}`,
        resource: vscode.Uri.file(dockerfile),
      });
      return;
    }
    const cwd = defaultCwd();
    const images = parseImages(
      await capture({ argv: buildImageListArgv(settings.dockerCommand), cwd }, 'Listing images'),
    ).filter((i) => i.reference !== i.id);
    if (images.length === 0)
      throw new UserError('No tagged images found: build one first (Berth: Build Image).');
    const picked = await vscode.window.showQuickPick(
      images.map((i) => ({
        label: i.reference,
        description: [i.size, i.created].filter(Boolean).join(' · '),
      })),
      { placeHolder: 'Image to run (its exposed ports are published on random host ports)' },
    );
    if (!picked) throw new Cancelled();
    const cmd = buildImageRunCommand(
      { dockerCommand: settings.dockerCommand, image: picked.label, ports: 'all', cwd },
      settings.dockerTemplate('imageRun'),
    );
    await runTask(cmd, { name: `docker run ${picked.label}`, id: `image.run:${picked.label}` });
  };
}
