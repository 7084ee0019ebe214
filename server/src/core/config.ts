/**
 * Configuration: Berth's own format and hadolint's `.hadolint.yaml`, in one loader.
 * Rule keys accept a rule id or any of its aliases (`DL3015`, `MaintainerDeprecated`, `no-version-field`).
 */
import { parse as parseYaml } from 'yaml';
import type { FileSystem, Severity, SeveritySetting } from './types';

export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>];

export interface BerthConfig {
  /** Per-rule severity (and options), keyed by id or alias. */
  rules: Record<string, RuleSetting>;
  /** Turn on the rules that are off by default. */
  allRules?: boolean;
  /** The CLI exits 1 when a finding is at or above this severity (default `info`... i.e. any finding but hints). */
  failureThreshold?: Severity | 'none';
  /** hadolint DL3026: allowed registries. */
  trustedRegistries?: string[];
  /** hadolint label-schema: label name -> type (`text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`). */
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
  /** Ignore inline `# hadolint ignore=` / `# berth-ignore` comments. */
  disableIgnorePragma?: boolean;
  /** Where this configuration came from, for messages. */
  source?: string;
}

export function emptyConfig(): BerthConfig {
  return { rules: {} };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** hadolint severity names -> ours. */
function fromHadolintSeverity(s: string): SeveritySetting | undefined {
  switch (s.toLowerCase()) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'info';
    case 'style':
      return 'hint';
    case 'ignore':
    case 'none':
      return 'off';
    default:
      return undefined;
  }
}

export class ConfigError extends Error {}

/**
 * Parse a configuration file's text (YAML or JSON). Accepts Berth's keys
 * (`rules`, `allRules`, `failureThreshold`...) and hadolint's (`ignored`, `override`,
 * `failure-threshold`, `trustedRegistries`, `label-schema`, `strict-labels`, `disable-ignore-pragma`).
 * Throws ConfigError with a clear message on malformed input.
 */
export function parseConfig(text: string, source?: string): BerthConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${source ?? 'config'}: not valid YAML/JSON: ${(e as Error).message}`);
  }
  if (raw === null || raw === undefined) return { ...emptyConfig(), source };
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError(`${source ?? 'config'}: expected a mapping`);
  const o = raw as Record<string, unknown>;
  const cfg: BerthConfig = { rules: {}, source };
  const where = source ?? 'config';

  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules))
      throw new ConfigError(`${where}: "rules" must map rule ids to a severity`);
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) cfg.rules[k] = v as SeveritySetting;
      else if (
        Array.isArray(v) &&
        typeof v[0] === 'string' &&
        SEVERITIES.has(v[0]) &&
        (v[1] === undefined || (typeof v[1] === 'object' && v[1] !== null))
      )
        cfg.rules[k] = [v[0] as SeveritySetting, (v[1] ?? {}) as Record<string, unknown>];
      else
        throw new ConfigError(
          `${where}: rule "${k}": expected one of error, warning, info, hint, off (or [severity, {options}])`,
        );
    }
  }
  if (Array.isArray(o.ignored)) for (const id of o.ignored) cfg.rules[String(id)] = 'off';
  if (o.override && typeof o.override === 'object') {
    for (const [sev, ids] of Object.entries(o.override as Record<string, unknown>)) {
      const s = fromHadolintSeverity(sev);
      if (!s) throw new ConfigError(`${where}: override: unknown severity "${sev}"`);
      if (Array.isArray(ids)) for (const id of ids) cfg.rules[String(id)] = s;
    }
  }
  const threshold = o.failureThreshold ?? o['failure-threshold'];
  if (threshold !== undefined) {
    const s = fromHadolintSeverity(String(threshold));
    if (!s) throw new ConfigError(`${where}: failure-threshold: unknown severity "${String(threshold)}"`);
    cfg.failureThreshold = s === 'off' ? 'none' : s;
  }
  if (typeof o.allRules === 'boolean') cfg.allRules = o.allRules;
  if (Array.isArray(o.trustedRegistries)) cfg.trustedRegistries = o.trustedRegistries.map(String);
  const ls = o.labelSchema ?? o['label-schema'];
  if (ls && typeof ls === 'object')
    cfg.labelSchema = Object.fromEntries(Object.entries(ls).map(([k, v]) => [k, String(v)]));
  const strict = o.strictLabels ?? o['strict-labels'];
  if (typeof strict === 'boolean') cfg.strictLabels = strict;
  const dip = o.disableIgnorePragma ?? o['disable-ignore-pragma'];
  if (typeof dip === 'boolean') cfg.disableIgnorePragma = dip;
  return cfg;
}

/** Later configurations win, rule by rule. */
export function mergeConfigs(...configs: (BerthConfig | undefined)[]): BerthConfig {
  const out: BerthConfig = { rules: {} };
  for (const c of configs) {
    if (!c) continue;
    Object.assign(out.rules, c.rules);
    for (const k of [
      'allRules',
      'failureThreshold',
      'trustedRegistries',
      'labelSchema',
      'strictLabels',
      'disableIgnorePragma',
      'source',
    ] as const) {
      if (c[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = c[k];
    }
  }
  return out;
}

export const CONFIG_FILE_NAMES = [
  '.berthrc.yaml',
  '.berthrc.yml',
  '.berthrc.json',
  '.hadolint.yaml',
  '.hadolint.yml',
];

/** The nearest configuration file at or above `dir`, as a path. */
export function findConfigFile(
  fs: FileSystem,
  dir: string,
  pathApi: { dirname(p: string): string; join(...p: string[]): string },
): string | undefined {
  let d = dir;
  for (let i = 0; i < 64; i++) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = pathApi.join(d, name);
      if (fs.exists(p) && !fs.isDirectory(p)) return p;
    }
    const parent = pathApi.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return undefined;
}
