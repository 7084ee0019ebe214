import { graphOf } from '../../dockerfile/graph';
import { effective } from '../../dockerfile/model';
import { runAsNonRootFix } from '../../refactors/run-as-non-root';
import { defineDockerfileRule } from '../rule';
import { finalBaseImage, finalChainInstructions, imageFamily } from './_base-image';

/** Tools an entrypoint uses to drop root itself (official database images do this). */
const PRIVILEGE_DROP = /\b(gosu|su-exec|setpriv|chpst|s6-setuidgid|runuser)\b/;

export default defineDockerfileRule(
  {
    id: 'final-stage-runs-as-root',
    description: 'The final image has no `USER`, so its containers run as root.',
    type: 'security',
    defaultSeverity: 'info',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const model = ctx.model;
    const g = graphOf(model);
    if (g.finalStage < 0) return;
    const img = finalBaseImage(model);
    if (!img) return; // the base image is not known: it may set USER itself
    const family = imageFamily(img);
    if (family === 'scratch' || family === 'windows') return;
    if (/nonroot|rootless/.test(img.ref) || img.path.startsWith('bitnami/')) return;
    const chain = finalChainInstructions(model);
    if (chain.some((i) => i.keyword === 'USER')) return; // an explicit USER (root or not) is user-root-last's business
    // Without CMD/ENTRYPOINT the image is meant as a base for others, which would need root.
    const starts = chain.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (!starts.length) return;
    if (chain.some((i) => effective(i) === i && PRIVILEGE_DROP.test(i.argsText))) return;

    const stage = model.stages[g.finalStage];
    // The "Run as a non-root user" refactoring's edit: a system user with a numeric uid (`USER 10001:10001`,
    // which user-numeric-uid accepts), created in the last RUN when the last build step is one.
    const fix = runAsNonRootFix(model);
    const suggestions = fix ? [fix] : undefined;
    // The official nginx image needs root to start (its cache and pid file): a plain USER breaks it.
    const nginx =
      (!img.registry || img.registry === 'docker.io') && /^(library\/)?nginx$/.test(img.path)
        ? ' For nginx, base the image on `nginxinc/nginx-unprivileged` instead (it runs as uid 101 and listens on 8080): a `USER` on the official image stops it from starting.'
        : '';
    ctx.report({
      range: ctx.range(stage.imageStart, stage.imageEnd),
      message: `The final image sets no \`USER\`, so its processes run as root: a flaw in the application then gives root inside the container (and on the host, through a volume or a container escape). Add a non-root user and switch to it with \`USER\`.${nginx}`,
      suggestions,
    });
  },
);
