/**
 * The label-schema family (hadolint DL3049-DL3058): shared helpers. A schema is configured in
 * `.hadolint.yaml` / `.berthrc.yaml` as `label-schema: { name: type }` with the types `text`,
 * `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`. Without a schema these rules say nothing;
 * with one they run (unless configured off), as in hadolint (`meta.enabledBy: 'label-schema'`).
 *
 * Not a rule (the file name starts with `_`).
 */
import type { DockerfileModel, Instruction, KeyValue } from '../../dockerfile/model';
import { keyValuePairs } from '../../dockerfile/model';
import { scopeOf } from '../../dockerfile/scope';
import type { RuleMeta } from '../../types';
import { defineDockerfileRule, type DockerfileRule } from '../rule';
import { SPDX_EXCEPTION_IDS, SPDX_LICENSE_IDS } from './_spdx-ids';

export interface LabelPair {
  instr: Instruction;
  pair: KeyValue;
  /** Value with quotes removed and variables expanded; undefined when a variable has no known value. */
  value?: string;
}

/** Every LABEL pair of the file (ONBUILD LABEL left out: it labels child images), in order. */
export function labelPairs(model: DockerfileModel): LabelPair[] {
  const scope = scopeOf(model);
  const out: LabelPair[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword !== 'LABEL') continue;
    for (const pair of keyValuePairs(instr, model.escapeChar)) {
      if (!pair.key) continue;
      const value = pair.raw === undefined ? '' : scope.evalAt(instr, pair.raw);
      out.push({ instr, pair, value });
    }
  }
  return out;
}

/** The configured schema, or undefined when none is configured. */
export function labelSchema(config: {
  labelSchema?: Record<string, string>;
}): Record<string, string> | undefined {
  const s = config.labelSchema;
  return s && Object.keys(s).length ? s : undefined;
}

// ---------------------------------------------------------------------------------------------
// Value checks
// ---------------------------------------------------------------------------------------------

export function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

export function isRfc3339(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return false;
  if (h > 23 || mi > 59 || s > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** A git commit id: 7 (short) or 40 (SHA-1) lower-case hex digits, or 64 (SHA-256 repositories). */
export function isGitHash(v: string): boolean {
  return /^[0-9a-f]+$/.test(v) && (v.length === 7 || v.length === 40 || v.length === 64);
}

/** Semantic Versioning 2.0.0 (no leading `v`). */
export function isSemver(v: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.test(
    v,
  );
}

/** An RFC 5322 addr-spec (`local@domain`), without display name or comments. */
export function isEmail(v: string): boolean {
  return /^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|"(?:[^"\\\r\n]|\\.)*")@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^[\]\\\r\n]*\])$/.test(
    v,
  );
}

let lowerCache: Set<string> | undefined;
function lowerIds(): Set<string> {
  return (lowerCache ??= new Set([...SPDX_LICENSE_IDS].map((id) => id.toLowerCase())));
}

/**
 * An SPDX license expression: license ids (optionally with `+`), `LicenseRef-...`,
 * `DocumentRef-...:LicenseRef-...`, `AND`, `OR`, `WITH <exception>` and parentheses.
 */
export function isSpdx(v: string): boolean {
  const tokens = v.match(/\(|\)|[^\s()]+/g);
  if (!tokens) return false;
  let i = 0;
  const idRe = /^[A-Za-z0-9.-]+$/;
  const license = (): boolean => {
    const t = tokens[i];
    if (t === undefined) return false;
    if (t === '(') {
      i++;
      if (!expr()) return false;
      if (tokens[i] !== ')') return false;
      i++;
      return true;
    }
    const plain = t.endsWith('+') ? t.slice(0, -1) : t;
    const ok =
      SPDX_LICENSE_IDS.has(plain) ||
      /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(t) ||
      (idRe.test(plain) && lowerIds().has(plain.toLowerCase()));
    if (!ok) return false;
    i++;
    if (tokens[i] === 'WITH') {
      i++;
      const ex = tokens[i];
      if (ex === undefined || !(SPDX_EXCEPTION_IDS.has(ex) || /^AdditionRef-[A-Za-z0-9.-]+$/.test(ex)))
        return false;
      i++;
    }
    return true;
  };
  const expr = (): boolean => {
    if (!license()) return false;
    while (tokens[i] === 'AND' || tokens[i] === 'OR') {
      i++;
      if (!license()) return false;
    }
    return true;
  };
  return expr() && i === tokens.length;
}

// ---------------------------------------------------------------------------------------------
// Rule factory for the "value has the wrong format" rules.
// ---------------------------------------------------------------------------------------------

export function labelFormatRule(
  meta: Omit<RuleMeta, 'kind' | 'defaultOff' | 'enabledBy' | 'fixable' | 'type'>,
  schemaType: string,
  valid: (v: string) => boolean,
  what: string,
): DockerfileRule {
  return defineDockerfileRule(
    { ...meta, type: 'problem', fixable: false, defaultOff: true, enabledBy: 'label-schema' },
    (ctx) => {
      const schema = labelSchema(ctx.config);
      if (!schema) return;
      for (const { pair, value } of labelPairs(ctx.model)) {
        if (schema[pair.key] !== schemaType || value === undefined || value === '') continue;
        if (valid(value)) continue;
        const start = pair.raw === undefined ? pair.keyStart : pair.valueStart;
        const end = pair.raw === undefined ? pair.keyEnd : pair.valueEnd;
        ctx.report({
          range: ctx.range(start, end),
          message: `Label \`${pair.key}\` must be ${what} (label schema type \`${schemaType}\`), but its value is \`${value}\`.`,
        });
      }
    },
  );
}
