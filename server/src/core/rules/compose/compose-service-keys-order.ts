import { isMap } from '../../compose/yaml-nodes';
import { keyName, services, type YPair } from '../../compose/model';
import { checkOrder, localeCompare } from '../../compose/order';
import { defineComposeRule } from '../rule';

/** dclint's default groups. */
export const DEFAULT_GROUPS: string[][] = [
  ['image', 'build', 'container_name'],
  ['depends_on'],
  ['volumes', 'volumes_from', 'configs', 'secrets'],
  ['environment', 'env_file'],
  ['ports', 'networks', 'network_mode', 'extra_hosts'],
  ['command', 'entrypoint', 'working_dir', 'restart', 'healthcheck'],
  ['logging', 'labels'],
  ['user', 'isolation'],
];

export default defineComposeRule(
  {
    id: 'compose-service-keys-order',
    description:
      'Keys inside a service are not in the usual grouped order (image first, then dependencies, storage, environment, network, runtime...).',
    type: 'style',
    defaultSeverity: 'info',
    defaultOff: true,
    fixable: true,
    aliases: ['service-keys-order'],
  },
  (ctx) => {
    const groups = Array.isArray(ctx.options.groups) ? (ctx.options.groups as string[][]) : DEFAULT_GROUPS;
    const rankOf = new Map<string, number>();
    groups.forEach((g, gi) => g.forEach((k, ki) => rankOf.set(k, gi * 1000 + ki)));
    const other = groups.length * 1000;
    for (const svc of services(ctx.model)) {
      if (!isMap(svc.node)) continue;
      checkOrder(
        ctx,
        svc.node,
        (p) => {
          const k = keyName(p as YPair) ?? '';
          // Merge keys stay first; unknown keys go last, A-Z.
          return { r: k === '<<' ? -1 : (rankOf.get(k) ?? other), k };
        },
        (a, b) => a.r - b.r || (a.r === other ? localeCompare(a.k, b.k) : 0),
        (p, b) =>
          `\`${keyName(p as YPair)}\` should come before \`${keyName(b as YPair)}\` in service \`${svc.name}\`.`,
      );
    }
  },
);
