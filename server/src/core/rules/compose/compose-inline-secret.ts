import * as nodePath from 'node:path';
import { isMap, isScalar, isSeq } from '../../compose/yaml-nodes';
import { appendLinesEdit, ignoresDotenv } from '../../compose/edit';
import { hasInterpolation } from '../../compose/interpolate';
import { deref, entries, getValue, nodeSpan, scalarText, services } from '../../compose/model';
import { projectOf, type ComposeProject } from '../../compose/project';
import { innerSpan, textMapsToSource } from '../../compose/rule-util';
import type { FileEdit, Fix } from '../../types';
import { defineComposeRule } from '../rule';

/** Variable names that hold a secret: `POSTGRES_PASSWORD`, `JWT_SECRET`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`... */
const SECRET_NAME =
  /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?KEY)$/i;
/** Names that mention a secret but hold a setting: `MYSQL_ALLOW_EMPTY_PASSWORD`, `*_FILE`, `*_PASSWORD_LENGTH`... */
const NOT_SECRET =
  /(_FILE|_PATH|_DIR|_LENGTH|_MIN|_MAX|_ENABLED?|_POLICY|_HASH_?ALGO\w*|_EXPIRY|_TTL|_TIMEOUT)$|(^|_)(ALLOW|RANDOM|EMPTY|REQUIRE|REQUIRED|SKIP|DISABLE|NO|USE)_/i;
/** Values that are not secrets: booleans, placeholders pointing elsewhere, paths. */
const NOT_SECRET_VALUE = /^(true|false|yes|no|on|off|0|1|null|none|changeme_in_env|\/.*|\.\/.*|file:.*)$/i;

/** Credentials inside a URL: `postgres://user:pass@host/db`. */
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]+:([^@\s/]+)@/i;

interface Found {
  key: string;
  value: string;
  /** Document offsets of the value text to replace. */
  start: number;
  end: number;
  /** The value as written in YAML is a plain key/value scalar whose text we can replace. */
  replaceable: boolean;
  /** The value node is a map value (not `KEY=value` in a list). */
  mapForm: boolean;
}

/** How a value is written in `.env`: unquoted when safe, else single-quoted (literal), else double-quoted. */
export function dotenvValue(v: string): string {
  if (/^[A-Za-z0-9_./:@%+,=-]*$/.test(v)) return v;
  if (!v.includes("'") && !v.includes('\n')) return `'${v}'`;
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$/g, '\\$')}"`;
}

/**
 * True for a `KEY: value` that is not reported: empty, interpolated, not named like a secret and no URL
 * with a password. Checked before the value's offsets are worked out (most values are skipped).
 */
function skipped(key: string, value: string): boolean {
  if (value === '' || hasInterpolation(value)) return true;
  const url = URL_CREDENTIALS.exec(value);
  const named = SECRET_NAME.test(key) && !NOT_SECRET.test(key) && !NOT_SECRET_VALUE.test(value);
  return !named && !(url && !url[1].includes('$'));
}

function varNameFor(project: ComposeProject, service: string, key: string, value: string): string {
  const existing = project.dotenv?.env.map.get(key);
  if (!existing || existing.value === value) return key;
  return `${service}_${key}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export default defineComposeRule(
  {
    id: 'compose-inline-secret',
    description: 'A password, token or key is written in `environment:`, so it ends up in version control.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    for (const svc of services(m)) {
      const env = getValue(m, svc.node, 'environment');
      const found: Found[] = [];
      if (isMap(env)) {
        for (const e of entries(m, env)) {
          if (!e.own) continue;
          const v = deref(m, e.pair.value);
          if (!isScalar(v) || v.value === null) continue;
          const text = scalarText(v) ?? '';
          if (skipped(e.key, text)) continue;
          const span = innerSpan(v);
          if (!span) continue;
          found.push({
            key: e.key,
            value: text,
            start: nodeSpan(v)![0],
            end: nodeSpan(v)![1],
            replaceable: textMapsToSource(m, v) || v.type === 'PLAIN',
            mapForm: true,
          });
        }
      } else if (isSeq(env)) {
        for (const it of env.items) {
          const v = deref(m, it);
          if (!isScalar(v) || typeof v.value !== 'string') continue;
          const eq = v.value.indexOf('=');
          if (eq <= 0) continue;
          if (skipped(v.value.slice(0, eq), v.value.slice(eq + 1))) continue;
          const span = innerSpan(v);
          if (!span) continue;
          const ok = textMapsToSource(m, v);
          found.push({
            key: v.value.slice(0, eq),
            value: v.value.slice(eq + 1),
            start: span[0] + eq + 1,
            end: span[1],
            replaceable: ok,
            mapForm: false,
          });
        }
      }
      for (const f of found) {
        const named = SECRET_NAME.test(f.key) && !NOT_SECRET.test(f.key) && !NOT_SECRET_VALUE.test(f.value);
        const suggestions: Fix[] = [];
        if (named && f.replaceable && project.hasFs && project.dir && project.fs) {
          const name = varNameFor(project, svc.name, f.key, f.value);
          const envPath = nodePath.join(project.dir, '.env');
          const otherFiles: FileEdit[] = [];
          const have = project.dotenv?.env.map.get(name);
          if (!have) {
            const e = appendLinesEdit(project.fs, envPath, [`${name}=${dotenvValue(f.value)}`]);
            if (e) otherFiles.push(e);
          }
          for (const ig of ['.gitignore', '.dockerignore']) {
            const p = nodePath.join(project.dir, ig);
            const t = project.fs.readFile(p);
            const isGitRepo =
              ig === '.gitignore' && project.fs.isDirectory(nodePath.join(project.dir, '.git'));
            if ((t !== undefined && !ignoresDotenv(t)) || (t === undefined && isGitRepo)) {
              const e = appendLinesEdit(project.fs, p, ['.env']);
              if (e) otherFiles.push(e);
            }
          }
          const ref = '${' + name + '}';
          suggestions.push({
            title: `Move the value to .env and use \${${name}}`,
            edits: [ctx.replace('', f.start, f.end, f.mapForm ? `"${ref}"` : ref).edits[0]],
            otherFiles,
            notForFixAll: true,
          });
        }
        ctx.report({
          range: ctx.range(f.start, f.end),
          message: named
            ? `\`${f.key}\` of service \`${svc.name}\` is written in the compose file: anyone who can read the repository can read it. Move it to \`.env\` (not committed) and write \`\${${f.key}}\`, or use a \`secrets:\` file.`
            : `The URL in \`${f.key}\` of service \`${svc.name}\` contains a password: move the password to \`.env\` and write it as a variable.`,
          suggestions: suggestions.length ? suggestions : undefined,
        });
      }
    }
  },
);
