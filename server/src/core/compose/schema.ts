/**
 * Compose-spec JSON schema validation, compiled once per process (lazily, on the first compose file), with
 * errors walked back to the YAML nodes they concern: unknown keys at the key, with the closest allowed
 * key ("did you mean `depends_on`?"); wrong types at the value.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isScalar } from './yaml-nodes';
import { closest, editDistance } from '../text';
import { composeSpecSchema } from './schema-source';
import { hasInterpolation } from './interpolate';
import { nodeAtPath, nodeSpan, toPlain, type ComposeModel } from './model';

export interface SchemaProblem {
  start: number;
  end: number;
  message: string;
  /** For unknown keys: the closest allowed key, when one is close. */
  suggestion?: string;
}

let validator: ValidateFunction | undefined;
/** Milliseconds the one-time compilation took (for benchmarks). */
export let schemaCompileMs = 0;

function getValidator(): ValidateFunction {
  if (validator) return validator;
  const t = Date.now();
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
  validator = ajv.compile(composeSpecSchema);
  schemaCompileMs = Date.now() - t;
  return validator;
}

function decodePointer(p: string): string[] {
  if (!p) return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `services.web.ports[0]` for messages. */
export function describePath(path: string[]): string {
  let out = '';
  for (const s of path) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || 'the document';
}

function valueAt(root: unknown, path: string[]): unknown {
  let v = root;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function typeList(types: string[]): string {
  const names = [...new Set(types)].map((t) =>
    t === 'integer' ? 'an integer' : t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`,
  );
  if (names.length <= 1) return names[0] ?? 'valid';
  return names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1];
}

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

/** Validate the document against the compose-spec schema. Empty when the document is not a mapping or is an alias bomb. */
export function validateSchema(model: ComposeModel): SchemaProblem[] {
  const plain = toPlain(model);
  if (
    plain.aliasBomb ||
    plain.value === null ||
    typeof plain.value !== 'object' ||
    Array.isArray(plain.value)
  )
    return [];
  const validate = getValidator();
  if (validate(plain.value)) return [];
  const errors = (validate.errors ?? []).filter((e) => {
    // Interpolated values are checked after interpolation by Compose: do not judge `${PORT}` as a string.
    const v = valueAt(plain.value, decodePointer(e.instancePath));
    return !(typeof v === 'string' && hasInterpolation(v));
  });
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (p: SchemaProblem) => {
    const k = `${p.start}:${p.end}:${p.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    problems.push(p);
  };
  // Paths that have a more precise error below them: the oneOf/type errors at the parent are noise.
  const paths = errors.map((e) => e.instancePath);
  const hasDeeper = (p: string) => paths.some((q) => q.length > p.length && q.startsWith(p + '/'));
  const addlAt = new Set(
    errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath),
  );
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') {
      const path = decodePointer(e.instancePath);
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const at = nodeAtPath(model, [...path, key]);
      const span = nodeSpan(at.pair?.key) ?? nodeSpan(at.node) ?? [0, 0];
      const allowed = allowedKeys(e).filter((k) => !k.startsWith('x-'));
      const suggestion = closest(key, allowed, Math.max(2, Math.floor(key.length / 3)));
      const where = path.length ? ` in ${describePath(path)}` : ' at the top level';
      let list: string;
      if (allowed.length <= 25) list = allowed.map((k) => `\`${k}\``).join(', ');
      else {
        const near = allowed
          .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase(), 40) }))
          .sort((a, b) => a.d - b.d)
          .slice(0, 10)
          .map((x) => `\`${x.k}\``);
        list = `${near.join(', ')}... (${allowed.length} in all)`;
      }
      push({
        start: span[0],
        end: span[1],
        message:
          `Unknown key \`${key}\`${where}.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : '') +
          ` Allowed: ${list}; custom keys must start with \`x-\`.`,
        suggestion,
      });
      continue;
    }
    if ((e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'type') && hasDeeper(e.instancePath))
      continue;
    if (
      addlAt.has(e.instancePath) &&
      (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'type')
    )
      continue;
    let list = byPath.get(e.instancePath);
    if (!list) byPath.set(e.instancePath, (list = []));
    list.push(e);
  }
  for (const [ptr, errs] of byPath) {
    const path = decodePointer(ptr);
    const at = nodeAtPath(model, path);
    const span = nodeSpan(at.node) ?? nodeSpan(at.pair?.key) ?? [0, 0];
    const where = describePath(path);
    const types = errs
      .filter((e) => e.keyword === 'type')
      .flatMap((e) => {
        const t = (e.params as { type: string | string[] }).type;
        return Array.isArray(t) ? t : [t];
      });
    const others = errs.filter((e) => e.keyword !== 'type' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
    if (others.length) {
      for (const e of others) push({ start: span[0], end: span[1], message: messageOf(e, where, at.node) });
    } else if (types.length) {
      const got = describeValue(at.node);
      push({ start: span[0], end: span[1], message: `\`${where}\` must be ${typeList(types)}, not ${got}.` });
    } else {
      for (const e of errs) push({ start: span[0], end: span[1], message: messageOf(e, where, at.node) });
    }
  }
  return problems.sort((a, b) => a.start - b.start);
}

function describeValue(node: unknown): string {
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty';
    if (typeof v === 'string') return `the string "${v.length > 30 ? v.slice(0, 27) + '...' : v}"`;
    return `${typeof v} \`${String(v)}\``;
  }
  const t = (node as { items?: unknown[]; constructor?: { name?: string } } | null)?.constructor?.name;
  return t === 'YAMLSeq' ? 'a list' : t === 'YAMLMap' ? 'a mapping' : 'this value';
}

function messageOf(e: ErrorObject, where: string, node: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `\`${where}\` must be one of ${(p.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}.`;
    case 'const':
      return `\`${where}\` must be \`${String(p.allowedValue)}\`.`;
    case 'required':
      return `\`${where}\` needs \`${String(p.missingProperty)}\`.`;
    case 'pattern':
      return `\`${where}\` (${describeValue(node)}) does not have the expected format.`;
    case 'uniqueItems':
      return `\`${where}\` lists the same value twice (items ${String(p.j)} and ${String(p.i)}).`;
    case 'oneOf':
    case 'anyOf':
      return `\`${where}\` is not valid here (${describeValue(node)}).`;
    case 'minItems':
      return `\`${where}\` needs at least ${String(p.limit)} item(s).`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `\`${where}\` ${e.message ?? 'is out of range'}.`;
    case 'not':
      return `\`${where}\` is not allowed here.`;
    default:
      return `\`${where}\` ${e.message ?? 'is not valid'}.`;
  }
}
