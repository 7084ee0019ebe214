import * as nodePath from 'node:path';
import { isMap, isScalar } from '../../compose/yaml-nodes';
import { appendLinesEdit } from '../../compose/edit';
import { parseDotenv, type Dotenv } from '../../compose/dotenv';
import { findVarRefs } from '../../compose/interpolate';
import { getValue, nodeSpan, scalarText, seqItems, services } from '../../compose/model';
import { expandVars, projectOf } from '../../compose/project';
import { scalarsWithDollar } from '../../compose/rule-util';
import type { FileSystem, Fix, Range } from '../../types';
import { secretLikeName } from '../dockerfile/_secret-names';
import { defineComposeRule } from '../rule';

/** Env files meant to be committed: `.env.example`, `web.env.sample`, `.env.dist`... */
const TEMPLATE = /[._-](example|sample|template|dist|defaults?|tpl)(\.|$)/i;

// ---------------------------------------------------------------------------------------------
// A small `.gitignore` evaluator: patterns of every `.gitignore` from the repository root down to the
// file, `.git/info/exclude`, negation, directory-only patterns, anchoring, `*`, `?`, `[...]`, `**`.
// ---------------------------------------------------------------------------------------------

interface IgnorePattern {
  re: RegExp;
  negated: boolean;
  dirOnly: boolean;
  /** Matched against the path relative to the ignore file's directory (else against the base name). */
  anchored: boolean;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      if (atStart && glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += '\\' + glob[++i];
    else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function parseIgnore(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    if (!line) continue;
    try {
      out.push({ re: globToRegExp(line), negated, dirOnly, anchored });
    } catch {
      // a pattern we cannot read: skip it
    }
  }
  return out;
}

/**
 * Whether git ignores `file` (absolute): true / false, or undefined when no repository (no `.git` and no
 * `.gitignore` above the file) can be found.
 */
export function gitIgnores(fs: FileSystem, file: string): boolean | undefined {
  const p = nodePath;
  let root: string | undefined;
  let topIgnore: string | undefined;
  for (let d = p.dirname(file), n = 0; n < 64; n++) {
    if (fs.exists(p.join(d, '.gitignore'))) topIgnore = d;
    if (fs.exists(p.join(d, '.git'))) {
      root = d;
      break;
    }
    const up = p.dirname(d);
    if (up === d) break;
    d = up;
  }
  root ??= topIgnore;
  if (root === undefined) return undefined;
  const cache = new Map<string, IgnorePattern[]>();
  const patternsIn = (dir: string): IgnorePattern[] => {
    let ps = cache.get(dir);
    if (!ps) {
      ps = parseIgnore(fs.readFile(p.join(dir, '.gitignore')) ?? '');
      if (dir === root) ps = [...parseIgnore(fs.readFile(p.join(dir, '.git/info/exclude')) ?? ''), ...ps];
      cache.set(dir, ps);
    }
    return ps;
  };
  const parts = p.relative(root, file).split(/[\\/]/);
  // A directory that is ignored hides everything in it (a later `!` cannot bring a file back).
  for (let k = 1; k <= parts.length; k++) {
    const isDir = k < parts.length;
    let ignored = false;
    for (let j = 0; j < k; j++) {
      const dir = p.join(root, ...parts.slice(0, j));
      const rel = parts.slice(j, k).join('/');
      const base = parts[k - 1];
      for (const pat of patternsIn(dir)) {
        if (pat.dirOnly && !isDir) continue;
        if (pat.re.test(pat.anchored ? rel : base)) ignored = !pat.negated;
      }
    }
    if (ignored) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

/** The secret-looking keys with a value in an env file. */
function secretKeys(env: Dotenv): string[] {
  return [...env.map.values()].filter((e) => e.value && secretLikeName(e.name)).map((e) => e.name);
}

function keyList(keys: string[]): string {
  const shown = keys.slice(0, 3).map((k) => `\`${k}\``);
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

export default defineComposeRule(
  {
    id: 'compose-env-file-not-ignored',
    description:
      'A `.env` or `env_file` with passwords or tokens is not ignored by git, so it can be committed.',
    type: 'security',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const project = projectOf(ctx);
    const fs = project.fs;
    if (!project.hasFs || !fs || !ctx.path) return;
    const m = ctx.model;
    const verdicts = new Map<string, boolean | undefined>();
    const ignored = (file: string) => {
      if (!verdicts.has(file)) verdicts.set(file, gitIgnores(fs, file));
      return verdicts.get(file);
    };
    const suggestion = (file: string): Fix[] | undefined => {
      const base = nodePath.basename(file);
      const e = appendLinesEdit(fs, nodePath.join(nodePath.dirname(file), '.gitignore'), [base]);
      return e
        ? [{ title: `Add ${base} to .gitignore`, edits: [], otherFiles: [e], notForFixAll: true }]
        : undefined;
    };
    const report = (range: Range, file: string, label: string, keys: string[]) =>
      ctx.report({
        range,
        message: `${label} holds ${keyList(keys)} and git does not ignore it: one \`git add .\` and the secrets are in the repository's history. Add it to \`.gitignore\` (if it is already committed, also \`git rm --cached\` it and change the secrets), and commit a \`.env.example\` without values instead.`,
        suggestions: suggestion(file),
      });

    const seen = new Set<string>();
    // The project `.env`: reported at the first `${VAR}` of this file that takes a secret from it.
    const dotenv = project.dotenv;
    if (dotenv && !TEMPLATE.test(dotenv.path)) {
      const keys = secretKeys(dotenv.env);
      if (keys.length && ignored(dotenv.path) === false) {
        let at: [number, number] | undefined;
        for (const node of scalarsWithDollar(m)) {
          const span = nodeSpan(node);
          if (!span) continue;
          const ref = findVarRefs(m.text.slice(span[0], span[1]), span[0]).find((r) => keys.includes(r.name));
          if (!ref) continue;
          at = [ref.start, ref.end];
          break;
        }
        if (at) {
          report(ctx.range(at[0], at[1]), dotenv.path, '`.env`', keys);
          seen.add(dotenv.path);
        }
      }
    }

    // `env_file:` entries.
    const dir = nodePath.dirname(ctx.path);
    for (const svc of services(m)) {
      const v = getValue(m, svc.node, 'env_file');
      const items = isScalar(v) ? [v] : seqItems(m, v);
      for (const it of items) {
        const node = isMap(it) ? getValue(m, it, 'path') : it;
        const raw = scalarText(node);
        const span = nodeSpan(node);
        if (raw === undefined || !span) continue;
        const rel = expandVars(project, raw);
        if (rel === undefined || TEMPLATE.test(nodePath.basename(rel))) continue;
        const file = nodePath.resolve(dir, rel);
        if (seen.has(file)) continue;
        const text = fs.readFile(file);
        if (text === undefined) continue;
        const keys = secretKeys(parseDotenv(text));
        if (!keys.length || ignored(file) !== false) continue;
        seen.add(file);
        report(ctx.range(span[0], span[1]), file, `\`${raw}\``, keys);
      }
    }
  },
);
