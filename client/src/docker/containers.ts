/** Parsing `docker ps --format '{{json .}}'` and `docker image ls --format '{{json .}}'` output (docker and podman). */

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  status: string;
  /** `running`, `exited`... when the engine reports it. */
  state?: string;
  ports?: string;
}

export interface ImageInfo {
  /** `repository:tag`, or the id for dangling images. */
  reference: string;
  id: string;
  size?: string;
  created?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON objects from JSON-lines output, or from a single JSON array (podman prints one in some versions). */
export function parseJsonObjects(stdout: string): Record<string, unknown>[] {
  const trimmed = stdout.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      const all: unknown = JSON.parse(trimmed);
      if (Array.isArray(all)) return all.filter(isRecord);
    } catch {
      // fall through to JSON lines
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const line of trimmed.split(/\r?\n/)) {
    const l = line.trim();
    if (l === '') continue;
    try {
      const v: unknown = JSON.parse(l);
      if (isRecord(v)) out.push(v);
    } catch {
      // ignore a line that is not JSON (warnings on stdout)
    }
  }
  return out;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function names(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ') || undefined;
  return str(v);
}

function portsOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (Array.isArray(v)) {
    const parts = v.filter(isRecord).map((p) => {
      const host = str(p.host_port ?? p.hostPort ?? p.PublicPort);
      const cont = str(p.container_port ?? p.containerPort ?? p.PrivatePort);
      const proto = str(p.protocol ?? p.Type) ?? 'tcp';
      return host ? `${host}->${cont}/${proto}` : `${cont}/${proto}`;
    });
    return parts.join(', ') || undefined;
  }
  return undefined;
}

export function parseContainers(stdout: string): ContainerInfo[] {
  const out: ContainerInfo[] = [];
  for (const o of parseJsonObjects(stdout)) {
    const id = str(o.ID ?? o.Id ?? o.id);
    if (!id) continue;
    const name = names(o.Names ?? o.Name) ?? id.slice(0, 12);
    out.push({
      id,
      name: name.replace(/^\//, ''),
      image: str(o.Image) ?? '',
      status: str(o.Status) ?? str(o.State) ?? '',
      state: str(o.State)?.toLowerCase(),
      ports: portsOf(o.Ports),
    });
  }
  return out;
}

export function isRunning(c: ContainerInfo): boolean {
  if (c.state) return c.state === 'running';
  return /^up\b/i.test(c.status);
}

export function parseImages(stdout: string): ImageInfo[] {
  const out: ImageInfo[] = [];
  for (const o of parseJsonObjects(stdout)) {
    const id = str(o.ID ?? o.Id ?? o.id);
    if (!id) continue;
    const repo = str(o.Repository);
    const tag = str(o.Tag);
    let reference: string;
    if (repo && repo !== '<none>') reference = tag && tag !== '<none>' ? `${repo}:${tag}` : repo;
    else if (Array.isArray(o.Names) && typeof o.Names[0] === 'string') reference = o.Names[0];
    else reference = id;
    out.push({ reference, id, size: str(o.Size), created: str(o.CreatedSince ?? o.CreatedAt) });
  }
  return out;
}
