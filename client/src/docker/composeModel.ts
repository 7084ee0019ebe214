import type * as Yaml from 'yaml';

export interface ComposeServiceInfo {
  name: string;
  /** The profiles the service belongs to; empty: the service is always enabled. */
  profiles: string[];
}

export interface ComposeModel {
  /** Top-level `name:` (the project name), when it is a plain string. */
  name?: string;
  services: ComposeServiceInfo[];
  /** Every profile named by some service, sorted. */
  profiles: string[];
  /** Set when the text could not be parsed; services/profiles are then empty. */
  error?: string;
  /** Top-level `include` paths as written (short and long syntax), when there are any. */
  include?: string[];
  /**
   * Services with neither `image`, `build` nor `extends`, when there are any: compose rejects the file
   * on its own (it only adds to a service defined in another file, like `compose.prod.yaml`).
   */
  incomplete?: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lists services and profiles from compose YAML text. Never throws. */
export function parseComposeModel(text: string): ComposeModel {
  let doc: unknown;
  try {
    // Loaded on first use, not when the extension activates (the yaml package's load is ~4 ms).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof Yaml;
    doc = parse(text, { maxAliasCount: 1000, merge: true, uniqueKeys: false });
  } catch (e) {
    return { services: [], profiles: [], error: e instanceof Error ? e.message : String(e) };
  }
  if (doc === null || doc === undefined) return { services: [], profiles: [] };
  if (!isRecord(doc)) return { services: [], profiles: [], error: 'the file is not a YAML mapping' };

  const services: ComposeServiceInfo[] = [];
  const incomplete: string[] = [];
  const rawServices = doc.services;
  if (isRecord(rawServices)) {
    for (const [name, body] of Object.entries(rawServices)) {
      if (!isRecord(body) || (body.image == null && body.build == null && body.extends == null)) {
        incomplete.push(name);
      }
      const profiles: string[] = [];
      if (isRecord(body) && Array.isArray(body.profiles)) {
        for (const p of body.profiles) {
          if (typeof p === 'string' && p !== '' && !profiles.includes(p)) profiles.push(p);
        }
      }
      services.push({ name, profiles });
    }
  }
  const name = typeof doc.name === 'string' && doc.name !== '' ? doc.name : undefined;
  const model: ComposeModel = { name, services, profiles: collectProfiles(services) };
  const include = includePaths(doc.include);
  if (include.length > 0) model.include = include;
  if (incomplete.length > 0) model.incomplete = incomplete;
  return model;
}

/** `include: [a.yaml, {path: b.yaml}, {path: [c.yaml, d.yaml]}]`: the paths, as written. */
function includePaths(raw: unknown): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') out.push(v);
  };
  if (!Array.isArray(raw)) return out;
  for (const item of raw) {
    if (isRecord(item)) {
      if (Array.isArray(item.path)) item.path.forEach(add);
      else add(item.path);
    } else add(item);
  }
  return out;
}

/**
 * True when compose would reject the file on its own because it only completes services defined
 * elsewhere (`compose.prod.yaml` adding `restart:` to `web`), or defines no service and includes nothing.
 * A file that does not parse is not called partial: run alone, compose reports the error itself.
 */
export function isPartialComposeModel(model: ComposeModel): boolean {
  if (model.error) return false;
  if (model.incomplete && model.incomplete.length > 0) return true;
  return model.services.length === 0 && !model.include;
}

function collectProfiles(services: readonly ComposeServiceInfo[]): string[] {
  const all = new Set<string>();
  for (const s of services) for (const p of s.profiles) all.add(p);
  return [...all].sort();
}

/**
 * Merges the models of the files of one project, the way compose merges files: services keep the order
 * they first appear in; a later file's `profiles` for a service replaces the earlier one; a later `name` wins.
 */
export function mergeComposeModels(models: readonly ComposeModel[]): ComposeModel {
  const byName = new Map<string, ComposeServiceInfo>();
  let name: string | undefined;
  const errors: string[] = [];
  for (const m of models) {
    if (m.error) errors.push(m.error);
    if (m.name) name = m.name;
    for (const s of m.services) {
      const prev = byName.get(s.name);
      if (!prev) byName.set(s.name, { name: s.name, profiles: [...s.profiles] });
      else if (s.profiles.length > 0) prev.profiles = [...s.profiles];
    }
  }
  const services = [...byName.values()];
  return {
    name,
    services,
    profiles: collectProfiles(services),
    error: errors.length > 0 ? errors.join('; ') : undefined,
  };
}
