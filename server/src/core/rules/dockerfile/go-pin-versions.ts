import { defineDockerfileRule } from '../rule';
import { callOperands, isDynamic, shellCommands, toolCall, wordsRange } from './_packages';

const VALUE_OPTS = [
  '-o',
  '-p',
  '-tags',
  '-ldflags',
  '-gcflags',
  '-asmflags',
  '-mod',
  '-modfile',
  '-overlay',
  '-pkgdir',
  '-toolexec',
  '-exec',
  '-C',
  '-buildmode',
  '-compiler',
  '-installsuffix',
  '-pgo',
  '-covermode',
  '-coverpkg',
  '-gccgoflags',
];
const FLOATING = new Set(['latest', 'master', 'main', 'HEAD', 'upgrade', 'patch']);

/** A remote module path: its first element looks like a host (`github.com/x/y`, `golang.org/x/tools/...`). */
function isRemote(v: string): boolean {
  const first = v.split('/')[0];
  return v.includes('/') && first.includes('.') && !v.startsWith('.') && !v.startsWith('/');
}

export default defineDockerfileRule(
  {
    id: 'go-pin-versions',
    description:
      '`go install` / `go get` / `go run` of a module without `@version`: rebuilds may fetch another release.',
    type: 'suggestion',
    defaultSeverity: 'warning',
    fixable: false,
    aliases: ['DL3062'],
  },
  (ctx) => {
    for (const c of shellCommands(ctx.model)) {
      const call = toolCall(c, ['go'], ['install', 'get', 'run']);
      if (!call) continue;
      let ops = callOperands(c, call, VALUE_OPTS);
      if (call.sub!.value === 'run') ops = ops.slice(0, 1);
      for (const w of ops) {
        const v = w.value;
        if (isDynamic(w) || !isRemote(v.split('@')[0])) continue;
        const at = v.lastIndexOf('@');
        const version = at < 0 ? '' : v.slice(at + 1);
        if (version && !FLOATING.has(version)) continue;
        const mod = at < 0 ? v : v.slice(0, at);
        ctx.report({
          range: wordsRange(ctx, w),
          message: version
            ? `\`@${version}\` follows whatever is newest: pin \`${mod}\` to a version (\`${mod}@v1.2.3\`).`
            : `\`${mod}\` is fetched without a version: pin it (\`${mod}@v1.2.3\`).`,
        });
      }
    }
  },
);
