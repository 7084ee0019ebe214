/**
 * The engine: text -> model -> rules -> findings, with configuration and suppression comments applied.
 * Nothing here knows whether the LSP server or the CLI is asking.
 */
import { parseDockerfile } from './dockerfile/parser';
import type { DockerfileModel } from './dockerfile/model';
import { parseCompose, type ComposeModel } from './compose/model';
import { parseDockerignore, type DockerignoreModel } from './dockerignore/model';
import { emptyConfig, type BerthConfig, type RuleSetting } from './config';
import { allRules } from './rules/index';
import type { Rule, RuleContext } from './rules/rule';
import type { FileKind, FileSystem, Finding, Fix, Report, Severity, SeveritySetting } from './types';

export type Model = DockerfileModel | ComposeModel;
/** Every model the engine lints (`.dockerignore` files included). */
export type AnyModel = Model | DockerignoreModel;

/** Files larger than this are not analysed (a clear finding says so). */
export const MAX_FILE_SIZE = 4 * 1024 * 1024;

const COMPOSE_NAME = /^(docker-)?compose([.-][^/\\]*)?\.ya?ml$/i;
const DOCKERFILE_NAME = /^((docker|container)file([.-][^/\\]*)?|[^/\\]+\.(docker|container)file)$/i;

/** Which kind of file a path is, by its name; undefined when Berth does not lint it. */
export function kindOfPath(path: string): FileKind | undefined {
  const base = path.split(/[/\\]/).pop() ?? '';
  // First: `Dockerfile.dockerignore` (BuildKit's ignore file for `Dockerfile`) is not a Dockerfile.
  if (/^\.(docker|container)ignore$/i.test(base) || /\.dockerignore$/i.test(base)) return 'dockerignore';
  if (COMPOSE_NAME.test(base)) return 'compose';
  if (DOCKERFILE_NAME.test(base)) return 'dockerfile';
  return undefined;
}

export function parseModel(text: string, kind: 'dockerfile', previous?: AnyModel): DockerfileModel;
export function parseModel(text: string, kind: 'compose', previous?: AnyModel): ComposeModel;
export function parseModel(text: string, kind: 'dockerignore', previous?: AnyModel): DockerignoreModel;
export function parseModel(text: string, kind: 'dockerfile' | 'compose', previous?: AnyModel): Model;
export function parseModel(text: string, kind: FileKind, previous?: AnyModel): AnyModel;
/**
 * `previous`: the model of an earlier version of the same document (the language server passes it on
 * every keystroke); the Dockerfile parser takes over the unchanged part of it.
 */
export function parseModel(text: string, kind: FileKind, previous?: AnyModel): AnyModel {
  // A file over the size limit is not parsed at all: its model is empty and lintModel says why.
  const t = text.length > MAX_FILE_SIZE ? '' : text;
  const model =
    kind === 'dockerfile'
      ? parseDockerfile(t, previous?.kind === 'dockerfile' ? previous : undefined)
      : kind === 'compose'
        ? parseCompose(t)
        : parseDockerignore(t);
  if (t !== text) oversized.set(model, text.length);
  return model;
}

/** Models whose text was too large to parse, with the original length. */
const oversized = new WeakMap<AnyModel, number>();

export interface LintOptions {
  path?: string;
  fs?: FileSystem;
  config?: BerthConfig;
  /** Called when a rule throws; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Only run these rule ids (tests, and the server's deferred pass). */
  only?: string[];
  /** Skip these rule ids (the server runs slow rules in a deferred pass). */
  exclude?: string[];
}

let aliasIndex: Map<string, Rule<any>> | undefined;
/** Find a rule by id or alias (aliases are matched case-sensitively first, then case-insensitively). */
export function findRule(name: string): Rule<any> | undefined {
  if (!aliasIndex) {
    aliasIndex = new Map();
    for (const r of allRules) {
      aliasIndex.set(r.meta.id, r);
      for (const a of r.meta.aliases) if (!aliasIndex.has(a)) aliasIndex.set(a, r);
    }
    for (const [k, r] of [...aliasIndex])
      if (!aliasIndex.has(k.toLowerCase())) aliasIndex.set(k.toLowerCase(), r);
  }
  return aliasIndex.get(name) ?? aliasIndex.get(name.toLowerCase());
}

/** A default-off rule that the configuration or the file's `# check=` directive turns on. */
function turnedOn(rule: Rule<any>, config: BerthConfig, check: CheckDirective | undefined): boolean {
  switch (rule.meta.enabledBy) {
    case 'label-schema':
      return !!config.labelSchema && Object.keys(config.labelSchema).length > 0;
    case 'buildkit-experimental':
      return !!check && (check.experimentalAll || check.experimental.has(rule.meta.id));
    default:
      return false;
  }
}

function settingFor(
  rule: Rule<any>,
  config: BerthConfig,
  check?: CheckDirective,
): { severity: SeveritySetting; options: Record<string, unknown> } {
  let setting: RuleSetting | undefined;
  // The id wins over aliases; among aliases the first listed one that is configured.
  for (const key of [...rule.meta.aliases.slice().reverse(), rule.meta.id]) {
    if (config.rules[key] !== undefined) setting = config.rules[key];
  }
  if (setting === undefined) {
    const off = rule.meta.defaultOff && !config.allRules && !turnedOn(rule, config, check);
    return { severity: off ? 'off' : rule.meta.defaultSeverity, options: {} };
  }
  if (Array.isArray(setting)) return { severity: setting[0], options: setting[1] };
  return { severity: setting, options: {} };
}

/**
 * Rules of a kind with the severity the configuration gives them ('off' ones left out).
 * `check`: the Dockerfile's `# check=` directive (it turns experimental BuildKit checks on).
 */
export function activeRules(kind: FileKind, config: BerthConfig, only?: string[], check?: CheckDirective) {
  const out: { rule: Rule<any>; severity: Severity; options: Record<string, unknown> }[] = [];
  for (const rule of allRules) {
    if (rule.meta.kind !== kind) continue;
    if (only && !only.includes(rule.meta.id)) continue;
    const s = settingFor(rule, config, check);
    if (s.severity === 'off') continue;
    out.push({ rule, severity: s.severity, options: s.options });
  }
  return out;
}

export function lintModel(model: AnyModel, options: LintOptions = {}): Finding[] {
  const config = options.config ?? emptyConfig();
  const findings: Finding[] = [];
  const size = oversized.get(model) ?? model.text.length;
  if (size > MAX_FILE_SIZE) {
    return [
      {
        ruleId: 'file-too-large',
        aliases: [],
        severity: 'warning',
        message: `File is too large to check (${(size / 1048576).toFixed(1)} MB): Berth analyses files up to ${MAX_FILE_SIZE / 1048576} MB.`,
        range: model.lines.range(0, 0),
      },
    ];
  }
  const suppress = suppressionsOf(model, config);
  const check = model.kind === 'dockerfile' ? checkDirectiveOf(model) : undefined;
  for (const active of activeRules(model.kind, config, options.only, check)) {
    const { rule, options: ruleOptions } = active;
    if (options.exclude?.includes(rule.meta.id)) continue;
    if (suppress.file.has(rule.meta.id)) continue;
    // `# check=error=true`: BuildKit fails the build on any finding of its checks.
    const severity: Severity = check?.error && isBuildkitCheck(rule) ? 'error' : active.severity;
    const ctx: RuleContext<any> = {
      model,
      text: model.text,
      path: options.path,
      fs: options.fs,
      config,
      options: ruleOptions,
      range: (s, e) => model.lines.range(s, e),
      replace: (title, s, e, newText): Fix => ({
        title,
        edits: [{ range: model.lines.range(s, e), newText }],
      }),
      report(r: Report) {
        const line = r.range.start.line;
        if (suppress.lines.get(line)?.has(rule.meta.id)) return;
        findings.push({
          ruleId: rule.meta.id,
          aliases: rule.meta.aliases,
          severity,
          message: r.message,
          range: r.range,
          fix: rule.meta.fixable ? r.fix : undefined,
          suggestions: r.suggestions,
        });
        if (r.fix && !rule.meta.fixable) {
          throw new Error(`rule ${rule.meta.id} reported a fix but its meta.fixable is false`);
        }
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(rule.meta.id, e);
    }
  }
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return findings;
}

export function lintText(text: string, kind: FileKind, options: LintOptions = {}): Finding[] {
  return lintModel(parseModel(text, kind), options);
}

// ---------------------------------------------------------------------------------------------
// BuildKit's `# check=` parser directive: `skip=<Name>,<Name>|all`, `error=<bool>`,
// `experimental=<Name>,<Name>|all`, separated by `;` (BuildKit's linter.ParseLintOptions).
// `skip` (even `skip=all`) applies to BuildKit's own checks only, and not to experimental ones, which
// run only when `experimental` names them. Names are BuildKit's (`JSONArgsRecommended`); Berth also
// accepts its ids and other aliases. The `BUILDKIT_DOCKERFILE_CHECK` build argument takes the same
// value, but it is given on the `docker build` command line, which Berth does not see.
// ---------------------------------------------------------------------------------------------

export interface CheckDirective {
  /** Rule ids (of BuildKit checks) that `skip=` names; every BuildKit check for `skip=all`. */
  skip: Set<string>;
  error: boolean;
  experimentalAll: boolean;
  /** Rule ids that `experimental=` names. */
  experimental: Set<string>;
  problems: Suppressions['problems'];
}

/** BuildKit's check name, when the rule is (also) one of BuildKit's build checks. */
export function buildkitCheckName(rule: Rule<any>): string | undefined {
  if (rule.meta.kind !== 'dockerfile') return undefined;
  return rule.meta.aliases.find((a) => /^[A-Z][A-Za-z]*[a-z][A-Za-z]*$/.test(a));
}

function isBuildkitCheck(rule: Rule<any>): boolean {
  return buildkitCheckName(rule) !== undefined;
}

/** What `skip=all` skips: BuildKit's checks, but not its experimental ones. */
function buildkitCheckIds(): string[] {
  return allRules
    .filter((r) => isBuildkitCheck(r) && r.meta.enabledBy !== 'buildkit-experimental')
    .map((r) => r.meta.id);
}

const checkCache = new WeakMap<DockerfileModel, CheckDirective | undefined>();

/** The file's `# check=` directive, parsed once per model; undefined when there is none. */
export function checkDirectiveOf(model: DockerfileModel): CheckDirective | undefined {
  if (checkCache.has(model)) return checkCache.get(model);
  const d = model.directives.find((x) => x.name === 'check');
  const value = d ? parseCheckOptions(d.value, d.valueStart, d.valueEnd) : undefined;
  checkCache.set(model, value);
  return value;
}

const TRUE_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_VALUES = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Parse a `check` value (`skip=A,B;error=true`); `start`/`end`: its document offsets, for problems. */
export function parseCheckOptions(value: string, start: number, end: number): CheckDirective {
  const out: CheckDirective = {
    skip: new Set(),
    error: false,
    experimentalAll: false,
    experimental: new Set(),
    problems: [],
  };
  const problem = (message: string) => out.problems.push({ start, end, message });
  if (!value.trim()) return out;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      problem(`Invalid check option "${part.trim()}": BuildKit expects skip=, error= or experimental=`);
      continue;
    }
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const ids = ruleIdsOf(v, out.problems, start, end);
      if (key === 'skip') for (const id of ids.includes('*') ? buildkitCheckIds() : ids) out.skip.add(id);
      else if (ids.includes('*')) out.experimentalAll = true;
      else for (const id of ids) out.experimental.add(id);
    } else if (key === 'error') {
      if (TRUE_VALUES.has(v)) out.error = true;
      else if (FALSE_VALUES.has(v)) out.error = false;
      else problem(`Invalid check option "error=${v}": BuildKit expects true or false`);
    } else problem(`Invalid check option "${key}": BuildKit accepts skip, error and experimental`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Suppression comments.
//
// Dockerfile: `# hadolint ignore=DL3008,DL3015` or `# berth-ignore apt-no-install-recommends` above an
// instruction (applies to the whole instruction); `# hadolint global ignore=...` /
// `# berth-ignore-file ...` anywhere (whole file); `# hadolint stage ignore=...` (rest of the stage);
// BuildKit's `# check=skip=A,B` directive (whole file)
// and the same comment directly above one instruction.
// Compose: `# berth-ignore rule` on the line above (or at the end of the line), `# berth-ignore-file rule`;
// dclint's `# dclint disable-line rule`, `# dclint disable-next-line rule`, `# dclint disable rule` (file).
// ---------------------------------------------------------------------------------------------

export interface Suppressions {
  file: Set<string>;
  /** line -> rule ids suppressed for findings starting on that line */
  lines: Map<number, Set<string>>;
  /** Malformed or unknown-rule suppression comments. */
  problems: { start: number; end: number; message: string }[];
}

const IGNORE_RE = /^(?:hadolint\s+ignore\s*=|berth-ignore\s+|berth-ignore:\s*)(.*)$/i;
const FILE_IGNORE_RE = /^(?:hadolint\s+global\s+ignore\s*=|berth-ignore-file\s+|berth-ignore-file:\s*)(.*)$/i;
/** hadolint's `# hadolint stage ignore=DL3006`: the rest of the stage (the stage a FROM below it starts). */
const STAGE_IGNORE_RE = /^hadolint\s+stage\s+ignore\s*=(.*)$/i;

/** Comments that look like a suppression but do not follow its grammar (hadolint ignores them silently). */
const MALFORMED_RE = /^(hadolint\b|berth-ignore)/i;
const SHELL_PRAGMA_RE = /^hadolint\s+shell\s*=/i;
const MALFORMED_MESSAGE =
  'Malformed suppression comment: write `# hadolint ignore=DL3008,DL3015`, `# berth-ignore <rule>, <rule>` or `# berth-ignore-file <rule>`';

const suppressionCache = new WeakMap<object, { config: BerthConfig; value: Suppressions }>();

/** The suppressions of a model, computed once per model and configuration. */
export function suppressionsOf(model: AnyModel, config: BerthConfig): Suppressions {
  const hit = suppressionCache.get(model);
  if (hit && hit.config === config) return hit.value;
  const value = collectSuppressions(model, config);
  suppressionCache.set(model, { config, value });
  return value;
}

function ruleIdsOf(list: string, problems: Suppressions['problems'], start: number, end: number): string[] {
  const ids: string[] = [];
  for (const raw of list.split(/[,\s]+/)) {
    const name = raw.trim();
    if (!name) continue;
    if (name.toLowerCase() === 'all') {
      ids.push('*');
      continue;
    }
    const r = findRule(name);
    if (r) ids.push(r.meta.id);
    else if (!/^SC\d+$/i.test(name))
      problems.push({ start, end, message: `Unknown rule "${name}" in suppression comment` });
  }
  return ids;
}

function addLine(s: Suppressions, line: number, ids: string[]) {
  let set = s.lines.get(line);
  if (!set) s.lines.set(line, (set = new Set()));
  for (const id of ids) set.add(id);
}

/**
 * `# hadolint stage ignore=...`: from the instruction after the comment to the end of its stage; above
 * a FROM, that whole stage, FROM line included (hadolint leaves the FROM line itself out). Before the
 * first FROM: up to it.
 */
function stageIgnore(
  model: DockerfileModel,
  s: Suppressions,
  c: { start: number; end: number },
  list: string,
  expandAll: (ids: string[]) => string[],
) {
  const ids = expandAll(ruleIdsOf(list, s.problems, c.start, c.end));
  const next = model.instructions.find((i) => i.start >= c.end);
  if (!ids.length || !next) return;
  let last: number;
  if (next.stageIndex >= 0) {
    const stage = model.stages[next.stageIndex].instructions;
    last = stage[stage.length - 1].endLine;
  } else {
    const from = model.stages[0]?.from;
    last = from ? from.line - 1 : model.instructions[model.instructions.length - 1].endLine;
  }
  for (let l = next.line; l <= last; l++) addLine(s, l, ids);
}

export function collectSuppressions(model: AnyModel, config: BerthConfig): Suppressions {
  const s: Suppressions = { file: new Set(), lines: new Map(), problems: [] };
  const expandAll = (ids: string[]) => (ids.includes('*') ? allRules.map((r) => r.meta.id) : ids);
  if (model.kind === 'dockerfile') {
    const check = checkDirectiveOf(model);
    if (check) {
      for (const id of check.skip) s.file.add(id);
      s.problems.push(...check.problems);
    }
    if (config.disableIgnorePragma) return s;
    let sm: RegExpExecArray | null;
    for (const c of model.comments) {
      const fm = FILE_IGNORE_RE.exec(c.text);
      if (fm) for (const id of expandAll(ruleIdsOf(fm[1], s.problems, c.start, c.end))) s.file.add(id);
      else if ((sm = STAGE_IGNORE_RE.exec(c.text))) stageIgnore(model, s, c, sm[1], expandAll);
      else if (MALFORMED_RE.test(c.text) && !IGNORE_RE.test(c.text) && !SHELL_PRAGMA_RE.test(c.text))
        s.problems.push({ start: c.start, end: c.end, message: MALFORMED_MESSAGE });
    }
    for (const instr of model.instructions) {
      const ids: string[] = [];
      for (const c of instr.leadingComments) {
        const m = IGNORE_RE.exec(c.text);
        if (m) ids.push(...ruleIdsOf(m[1], s.problems, c.start, c.end));
        const cm = /^check\s*=\s*(?:.*;)?\s*skip\s*=\s*([^;]*)/i.exec(c.text);
        if (cm)
          for (const id of ruleIdsOf(cm[1], s.problems, c.start, c.end))
            ids.push(...(id === '*' ? buildkitCheckIds() : [id]));
      }
      if (ids.length) for (let l = instr.line; l <= instr.endLine; l++) addLine(s, l, expandAll(ids));
    }
    return s;
  }
  // Compose: scan comment lines in the text (cheap: only lines containing '#').
  if (config.disableIgnorePragma) return s;
  const text = model.text;
  let idx = text.indexOf('#');
  while (idx >= 0) {
    const pos = model.lines.positionAt(idx);
    const lineEnd = model.lines.lineEnd(pos.line);
    const body = text.slice(idx + 1, lineEnd).trim();
    const lineStart = model.lines.lineStarts[pos.line];
    const ownLine = text.slice(lineStart, idx).trim() === '';
    let m: RegExpExecArray | null;
    if ((m = FILE_IGNORE_RE.exec(body)) || (m = /^dclint\s+disable(?:-file)?\s+(.*)$/i.exec(body))) {
      for (const id of expandAll(ruleIdsOf(m[1], s.problems, idx, lineEnd))) s.file.add(id);
    } else if ((m = /^dclint\s+disable-line\s+(.*)$/i.exec(body))) {
      addLine(s, pos.line, expandAll(ruleIdsOf(m[1], s.problems, idx, lineEnd)));
    } else if ((m = IGNORE_RE.exec(body)) || (m = /^dclint\s+disable-next-line\s+(.*)$/i.exec(body))) {
      const ids = expandAll(ruleIdsOf(m[1], s.problems, idx, lineEnd));
      if (ownLine) {
        // Next non-comment, non-empty line.
        let l = pos.line + 1;
        while (l < model.lines.lineCount && /^\s*(#.*)?$/.test(model.lines.lineText(l))) l++;
        addLine(s, l, ids);
      } else addLine(s, pos.line, ids);
    } else if (/^(berth-ignore|dclint\s+(disable|enable))/i.test(body)) {
      s.problems.push({
        start: idx,
        end: lineEnd,
        message: MALFORMED_MESSAGE.replace(
          '`# hadolint ignore=DL3008,DL3015`',
          '`# dclint disable-line <rule>`',
        ),
      });
    }
    idx = text.indexOf('#', lineEnd);
  }
  return s;
}
