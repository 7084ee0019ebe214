/**
 * Image references (`registry/path:tag@digest`), split the way the Docker reference grammar does.
 */
export interface ImageRef {
  /** `docker.io` when none is written. */
  registry: string;
  /** Registry as written, undefined when none. */
  registryRaw?: string;
  /** Repository path without registry (`library/python` is written `python`). */
  path: string;
  tag?: string;
  digest?: string;
  /** Offsets of `tag` / `digest` in the reference string (after the `:` / `@`). */
  tagStart?: number;
  digestStart?: number;
}

const REF_RE =
  /^(?:((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?|\[[0-9a-fA-F:]+\](?::[0-9]+)?)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$/;

/** Split an image reference; undefined when it is not a valid reference. */
export function parseImageRef(ref: string): ImageRef | undefined {
  const m = REF_RE.exec(ref);
  if (!m) return undefined;
  let registryRaw: string | undefined = m[1];
  let path = m[2];
  // A first component without `.`/`:` that is not `localhost` is part of the path (`library/x`).
  if (
    registryRaw &&
    !/[.:]/.test(registryRaw) &&
    registryRaw !== 'localhost' &&
    !registryRaw.startsWith('[')
  ) {
    if (registryRaw !== registryRaw.toLowerCase()) return undefined;
    path = `${registryRaw}/${path}`;
    registryRaw = undefined;
  }
  const out: ImageRef = { registry: registryRaw ?? 'docker.io', registryRaw, path };
  if (m[3] !== undefined) {
    out.tag = m[3];
    out.tagStart = (registryRaw ? registryRaw.length + 1 : 0) + path.length + 1;
  }
  if (m[4] !== undefined) {
    out.digest = m[4];
    out.digestStart = ref.lastIndexOf('@') + 1;
  }
  return out;
}
