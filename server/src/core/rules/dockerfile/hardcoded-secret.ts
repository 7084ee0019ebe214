import { effective, keyValuePairs } from '../../dockerfile/model';
import { defineDockerfileRule } from '../rule';
import { buildkitSecretName } from './_secret-names';

/** Name parts that describe a secret without being one (`TOKEN_TTL`, `SECRET_NAME`, `AUTH_TYPE`). */
// prettier-ignore
const META_PARTS = new Set([
  'ttl', 'timeout', 'expiry', 'expires', 'expiration', 'lifetime', 'length', 'len', 'size', 'bits', 'name',
  'names', 'host', 'port', 'type', 'method', 'mode', 'header', 'enabled', 'enable', 'disabled', 'required',
  'algorithm', 'alg', 'format', 'prefix', 'id', 'store', 'backend', 'provider', 'scope', 'scopes', 'location',
]);
const HARMLESS_VALUES =
  /^(true|false|yes|no|on|off|none|null|nil|disabled?|enabled?|required|optional|-|\*)$/i;

/** Why a value does not look like a literal secret, or undefined when it does. */
function harmless(value: string): boolean {
  if (!value.trim()) return true;
  if (value.includes('$')) return true; // a variable reference: the value comes from elsewhere
  if (HARMLESS_VALUES.test(value)) return true;
  if (/^\d+[smhdk]?$/i.test(value)) return true; // a number, a duration, a size
  if (/^(\/|\.\.?\/|~\/)/.test(value)) return true; // a path (`/run/secrets/x`)
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]*@)?/i.exec(value);
  if (url) return !url[1] || !url[1].includes(':'); // a URL is harmless unless it has `user:password@`
  return false;
}

export default defineDockerfileRule(
  {
    id: 'hardcoded-secret',
    description: 'An ARG or ENV with a secret-like name has a literal value written in the Dockerfile.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    for (const outer of ctx.model.instructions) {
      const instr = effective(outer);
      if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
      for (const p of keyValuePairs(instr, ctx.model.escapeChar)) {
        if (!p.key || p.value === undefined || p.raw === undefined) continue;
        if (!buildkitSecretName(p.key) && !/password|passwd|secret|token/i.test(p.key)) continue;
        if (
          p.key
            .toLowerCase()
            .split('_')
            .some((x) => META_PARTS.has(x))
        )
          continue;
        if (harmless(p.value)) continue;
        const fix =
          instr.keyword === 'ENV'
            ? 'set it when the container starts (`docker run -e`, compose `environment:` or `env_file:`)'
            : 'pass it with `RUN --mount=type=secret` at build time';
        ctx.report({
          range: ctx.range(p.valueStart, p.valueEnd),
          message: `\`${p.key}\` has a hard-coded value: anyone with the image or this file can read it. Remove the value and ${fix}.`,
        });
      }
    }
  },
);
