/**
 * What Berth can tell about a stage's base image from its reference: the repository name, the tag,
 * and the family of operating system (which decides how to add a user, for instance).
 *
 * Not a rule (the file name starts with `_`).
 */
import type { DockerfileModel, Instruction } from '../../dockerfile/model';
import { graphOf } from '../../dockerfile/graph';

export interface ImageRef {
  /** Lower-cased reference as evaluated. */
  ref: string;
  /** Registry host, when the reference names one (`ghcr.io`). */
  registry?: string;
  /** Repository path without registry (`library/python`, `bitnami/redis`). */
  path: string;
  /** Last path component (`python`). */
  name: string;
  tag?: string;
}

export function parseImageRef(raw: string): ImageRef {
  const ref = raw.toLowerCase();
  const noDigest = ref.split('@')[0];
  const slash = noDigest.indexOf('/');
  let registry: string | undefined;
  let rest = noDigest;
  if (slash > 0) {
    const first = noDigest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = noDigest.slice(slash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const path = tag !== undefined ? rest.slice(0, colon) : rest;
  return { ref, registry, path, name: path.split('/').pop() ?? path, tag };
}

export type Family =
  'scratch' | 'alpine' | 'debian' | 'rhel' | 'rhel-minimal' | 'distroless' | 'windows' | 'unknown';

/** Official Docker Hub images built on Debian or Ubuntu unless their tag says otherwise. */
// prettier-ignore
const DEBIAN_BASED = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'python', 'node', 'ruby', 'golang', 'php', 'perl', 'rust', 'nginx', 'httpd',
  'postgres', 'redis', 'eclipse-temurin', 'openjdk', 'maven', 'gradle', 'elixir', 'erlang', 'haskell', 'julia',
  'r-base', 'gcc', 'swift', 'pypy', 'tomcat', 'django', 'ghost', 'wordpress', 'mongo', 'rabbitmq', 'memcached',
]);
// prettier-ignore
const RHEL_BASED = new Set(['ubi', 'ubi8', 'ubi9', 'ubi10', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux']);

export function imageFamily(img: ImageRef): Family {
  const { path, name, tag = '', registry = '' } = img;
  if (path === 'scratch') return 'scratch';
  if (path.includes('distroless') || registry === 'cgr.dev') return 'distroless';
  if (/windows|nanoserver|servercore/.test(path) || /nanoserver|servercore|windows/.test(tag))
    return 'windows';
  if (name === 'alpine' || /(^|[-.])alpine/.test(tag)) return 'alpine';
  if (name === 'busybox') return 'alpine';
  if (/^ubi\d*-(minimal|micro)$/.test(name) || /-(minimal|micro)$/.test(name)) return 'rhel-minimal';
  if (RHEL_BASED.has(name) || /^ubi\d*$/.test(name)) return 'rhel';
  if (/(bookworm|bullseye|buster|trixie|stretch|jammy|noble|focal|bionic|resolute|slim)/.test(tag))
    return 'debian';
  const official = !registry || registry === 'docker.io' || registry === 'registry-1.docker.io';
  if (official && (path === name || path === `library/${name}`) && DEBIAN_BASED.has(name)) return 'debian';
  return 'unknown';
}

/** The image the final stage is ultimately built on (following `FROM <stage>`), or undefined when unknown. */
export function finalBaseImage(model: DockerfileModel): ImageRef | undefined {
  const g = graphOf(model);
  if (g.finalStage < 0) return undefined;
  const root = g.rootStage(g.finalStage);
  if (!root || root.baseStage !== undefined) return undefined;
  const ref = root.imageResolved;
  if (!ref || ref.includes('$')) return undefined;
  return parseImageRef(ref);
}

/** Instructions of the final stage and the stages it is built on (base first), ONBUILD ones unwrapped. */
export function finalChainInstructions(model: DockerfileModel): Instruction[] {
  const g = graphOf(model);
  if (g.finalStage < 0) return [];
  // A copy: the graph's chain is shared.
  return [...g.baseChain(g.finalStage)].reverse().flatMap((st) => st.instructions);
}
