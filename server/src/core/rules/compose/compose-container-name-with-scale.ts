import { isScalar } from '../../compose/yaml-nodes';
import { getPair, getValue, keySpan, services } from '../../compose/model';
import { defineComposeRule } from '../rule';

export default defineComposeRule(
  {
    id: 'compose-container-name-with-scale',
    description: 'A service with a fixed `container_name` cannot run more than one container.',
    type: 'problem',
    defaultSeverity: 'error',
    fixable: false,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    for (const svc of services(m)) {
      const cn = getPair(m, svc.node, 'container_name');
      if (!cn) continue;
      const scale = getValue(m, svc.node, 'scale');
      const replicas = getValue(m, getValue(m, svc.node, 'deploy'), 'replicas');
      const n = [scale, replicas].map((x) => (isScalar(x) && typeof x.value === 'number' ? x.value : 1));
      const count = Math.max(...n);
      if (count <= 1) continue;
      const s = keySpan(cn);
      if (!s) continue;
      ctx.report({
        range: ctx.range(s[0], s[1]),
        message: `Service \`${svc.name}\` sets \`container_name\` and asks for ${count} containers: container names are unique, so Compose refuses to scale it. Remove \`container_name\` or run one replica.`,
      });
    }
  },
);
