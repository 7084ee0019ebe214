/**
 * Just enough Dockerfile parsing for the run commands: stages (for `--target`) and `EXPOSE` ports
 * (for `docker run -p`). Handles the escape directive, line continuations, comment lines inside
 * continuations, heredocs, and `$VAR` / `${VAR}` / `${VAR:-default}` from ARG and ENV.
 */

export interface DockerfileInstruction {
  /** Upper-cased keyword: `FROM`, `EXPOSE`... */
  keyword: string;
  /** The arguments, continuation lines joined. */
  args: string;
  /** 0-based line of the keyword. */
  line: number;
}

export interface DockerfileStage {
  index: number;
  /** The `AS name`, as written. */
  name?: string;
  /** The base image (or earlier stage) as written. */
  base: string;
  line: number;
  instructions: DockerfileInstruction[];
}

export interface ParsedDockerfile {
  /** Instructions before the first FROM (global ARGs). */
  preamble: DockerfileInstruction[];
  stages: DockerfileStage[];
}

function escapeDirective(lines: string[]): string {
  for (const line of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) return m[2];
  }
  return '\\';
}

export function parseInstructions(text: string): DockerfileInstruction[] {
  const lines = text.split(/\r\n|\r|\n/);
  const escape = escapeDirective(lines);
  const out: DockerfileInstruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (/^\s*(#|$)/.test(first)) {
      i++;
      continue;
    }
    const startLine = i;
    let joined = '';
    let current = first;
    for (;;) {
      const trimmed = current.replace(/\s+$/, '');
      if (trimmed.endsWith(escape)) {
        joined += trimmed.slice(0, -1);
        i++;
        // Comment and empty lines inside a continuation are skipped.
        while (i < lines.length && /^\s*(#|$)/.test(lines[i])) i++;
        if (i >= lines.length) break;
        current = lines[i];
        continue;
      }
      joined += current;
      i++;
      break;
    }
    const m = /^\s*([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(joined);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = (m[2] ?? '').trim();
    out.push({ keyword, args, line: startLine });
    // Heredocs (`RUN <<EOF`, `COPY <<-"EOF" /x`): skip their bodies.
    const heredocs = [...args.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)];
    for (const h of heredocs) {
      const strip = h[1] === '-';
      const delimiter = h[3];
      while (i < lines.length) {
        const l = strip ? lines[i].replace(/^\t+/, '') : lines[i];
        i++;
        if (l === delimiter || l.trim() === delimiter) break;
      }
    }
  }
  return out;
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const preamble: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  for (const ins of parseInstructions(text)) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
      const asIndex = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({
        index: stages.length,
        base: words[0] ?? '',
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        line: ins.line,
        instructions: [],
      });
    } else if (stages.length === 0) {
      preamble.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { preamble, stages };
}

/** The stage `--target name` selects (case-insensitive), else the last stage. */
export function findStage(parsed: ParsedDockerfile, target?: string): DockerfileStage | undefined {
  if (target) {
    const t = target.toLowerCase();
    const found = parsed.stages.find((s) => s.name?.toLowerCase() === t);
    if (found) return found;
  }
  return parsed.stages[parsed.stages.length - 1];
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** Splits `a=1 b="two words"` into words, keeping quoted runs together. */
function splitKeyValues(args: string): string[] {
  return args.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

/** Substitutes `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`; undefined when a variable is unknown. */
export function substitute(value: string, env: ReadonlyMap<string, string>): string | undefined {
  let unknown = false;
  const out = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _m,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare!;
      const v = env.get(name);
      if (op === ':-' || op === '-') {
        if (v === undefined || (op === ':-' && v === '')) return word ?? '';
        return v;
      }
      if (op === ':+' || op === '+') {
        if (v === undefined || (op === ':+' && v === '')) return '';
        return word ?? '';
      }
      if (v === undefined) unknown = true;
      return v ?? '';
    },
  );
  return unknown ? undefined : out;
}

/** Names set by ENV: an ARG of the same name does not override them. */
const ENV_SET = Symbol('envSet');
type Env = Map<string, string> & { [ENV_SET]?: Set<string> };

function applyEnvInstruction(
  ins: DockerfileInstruction,
  env: Env,
  globals: ReadonlyMap<string, string>,
): void {
  const envSet = (env[ENV_SET] ??= new Set<string>());
  if (ins.keyword === 'ARG') {
    for (const word of splitKeyValues(ins.args)) {
      const eq = word.indexOf('=');
      if (eq < 0) {
        const g = globals.get(word);
        if (g !== undefined && !env.has(word)) env.set(word, g);
      } else {
        const name = word.slice(0, eq);
        if (envSet.has(name)) continue; // ENV wins over ARG
        const v = substitute(unquote(word.slice(eq + 1)), env);
        if (v !== undefined) env.set(name, v);
      }
    }
  } else if (ins.keyword === 'ENV') {
    const words = splitKeyValues(ins.args);
    if (words.length > 0 && !words[0].includes('=')) {
      // Legacy `ENV KEY value with spaces`.
      const rest = ins.args.slice(ins.args.indexOf(words[0]) + words[0].length).trim();
      const v = substitute(unquote(rest), env);
      if (v !== undefined) env.set(words[0], v);
      envSet.add(words[0]);
      return;
    }
    const updates: [string, string][] = [];
    for (const word of words) {
      const eq = word.indexOf('=');
      if (eq <= 0) continue;
      const v = substitute(unquote(word.slice(eq + 1)), env);
      if (v !== undefined) updates.push([word.slice(0, eq), v]);
    }
    for (const [k, v] of updates) {
      env.set(k, v);
      envSet.add(k);
    }
  }
}

export interface ExposedPort {
  /** A port or a range: `80`, `8000-8010`. */
  port: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ExposedPortsResult {
  ports: ExposedPort[];
  /** EXPOSE values that could not be resolved (unknown variables, garbage). */
  unresolved: string[];
}

/**
 * The ports a stage exposes, including those of the earlier stages it is built `FROM`.
 * `target` selects the stage like `docker build --target`; default: the last stage.
 */
export function exposedPorts(text: string, target?: string): ExposedPortsResult {
  const parsed = parseDockerfile(text);
  const globals = new Map<string, string>();
  for (const ins of parsed.preamble) applyEnvInstruction(ins, globals, new Map());

  const stage = findStage(parsed, target);
  if (!stage) return { ports: [], unresolved: [] };
  // The chain of stages: `FROM base AS build` ... `FROM build AS final`.
  const chain: DockerfileStage[] = [];
  let s: DockerfileStage | undefined = stage;
  while (s && !chain.includes(s)) {
    chain.unshift(s);
    const base = s.base.toLowerCase();
    s = parsed.stages.slice(0, s.index).find((x) => x.name?.toLowerCase() === base);
  }

  const ports: ExposedPort[] = [];
  const unresolved: string[] = [];
  for (const st of chain) {
    const env: Env = new Map<string, string>();
    // ENV (not ARG) is inherited from the parent stage.
    for (const parent of chain.slice(0, chain.indexOf(st))) {
      for (const ins of parent.instructions)
        if (ins.keyword === 'ENV') applyEnvInstruction(ins, env, globals);
    }
    for (const ins of st.instructions) {
      if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
        applyEnvInstruction(ins, env, globals);
        continue;
      }
      if (ins.keyword !== 'EXPOSE') continue;
      for (const raw of ins.args.split(/\s+/).filter((w) => w !== '')) {
        const value = substitute(unquote(raw), env);
        const parsedPort = value === undefined ? undefined : parsePortSpec(value);
        if (!parsedPort) {
          unresolved.push(raw);
          continue;
        }
        if (!ports.some((p) => p.port === parsedPort.port && p.protocol === parsedPort.protocol)) {
          ports.push(parsedPort);
        }
      }
    }
  }
  return { ports, unresolved };
}

function parsePortSpec(value: string): ExposedPort | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  if (lo < 1 || hi > 65535 || hi < lo) return undefined;
  return {
    port: m[2] !== undefined ? `${lo}-${hi}` : String(lo),
    protocol: (m[3]?.toLowerCase() ?? 'tcp') as ExposedPort['protocol'],
  };
}

/** `-p host:container[/proto]` for each port, the same number on both sides. */
export function publishArgs(ports: readonly ExposedPort[]): string[] {
  const out: string[] = [];
  for (const p of ports) {
    out.push('-p', `${p.port}:${p.port}${p.protocol === 'tcp' ? '' : '/' + p.protocol}`);
  }
  return out;
}

/** The named stages, in order (for a "Build stage" picker). */
export function stageNames(text: string): string[] {
  return parseDockerfile(text)
    .stages.map((s) => s.name)
    .filter((n): n is string => !!n);
}

const DOCKERFILE_NAME = /^(?:(?:Docker|Container)file(?:[.-].*)?|.+\.(?:docker|container)file)$/i;

export function isDockerfileName(fileName: string): boolean {
  return DOCKERFILE_NAME.test(fileName);
}

const HOST =
  '(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?/)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^${HOST}${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`,
);

/** Is this a valid `name[:tag]` for `docker build --tag`? */
export function isValidImageTag(tag: string): boolean {
  return tag.length <= 255 && IMAGE_REFERENCE.test(tag);
}

function sanitizeComponent(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .replace(/[._-]{2,}/g, '-');
}

/** A default tag: the Dockerfile's directory name, and `:stage` for a target (else `:latest`). */
export function defaultImageTag(dockerfileDirName: string, target?: string): string {
  const name = sanitizeComponent(dockerfileDirName) || 'image';
  const tag = target
    ? target
        .replace(/[^A-Za-z0-9_.-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128) || 'latest'
    : 'latest';
  return `${name}:${tag}`;
}
