import * as path from 'path';
import * as vscode from 'vscode';
import {
  buildImageBuildCommand,
  buildImageListArgv,
  buildImageRunCommand,
  defaultImageTag,
  exposedPorts,
  isValidImageTag,
  parseImages,
} from '../docker';
import { Cancelled, capture, defaultCwd, ensureDocker, log, runTask, UserError } from './runtime';
import { readSettings } from './settings';
import { activeDockerfile, decodeArgs, diskHost, pickDockerfile } from './targets';

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

  /** `berth.imageBuild`: `docker build --file F --tag T [--target S] <dir of F>`. */
  build = async (...args: unknown[]): Promise<void> => {
    const inv = decodeArgs(args);
    const dockerfile = inv ? inv.clicked : await pickDockerfile();
    const target = inv?.target;
    const settings = readSettings(vscode.Uri.file(dockerfile));
    await ensureDocker(settings);
    const tag = await this.askTag(dockerfile, target, target ? `Build stage "${target}"` : 'Build Image');
    const cmd = buildImageBuildCommand(
      { dockerCommand: settings.dockerCommand, dockerfile, tag, target },
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
