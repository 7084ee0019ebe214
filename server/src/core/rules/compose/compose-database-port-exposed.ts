import { isMap, isScalar } from '../../compose/yaml-nodes';
import { databaseOf } from '../../compose/databases';
import { appendToBlockMap } from '../../compose/edit';
import { getValue, scalarText, seqItems, services } from '../../compose/model';
import { interpolationNote, projectOf, scalarValue, serviceImage } from '../../compose/project';
import { innerSpan, textMapsToSource } from '../../compose/rule-util';
import { parsePort } from '../../compose/values';
import type { Fix } from '../../types';
import { defineComposeRule } from '../rule';

const ALL = new Set(['', '0.0.0.0', '::', '[::]']);

export default defineComposeRule(
  {
    id: 'compose-database-port-exposed',
    description: 'A database port is published on all network interfaces of the host.',
    type: 'security',
    defaultSeverity: 'warning',
    fixable: true,
    aliases: [],
  },
  (ctx) => {
    const m = ctx.model;
    const project = projectOf(ctx);
    for (const svc of services(m)) {
      // The image may come from the base file when this is an override; interpolated (`postgres:${PG_TAG}`).
      const db = databaseOf(serviceImage(project, svc.name));
      if (!db) continue;
      for (const item of seqItems(m, getValue(m, svc.node, 'ports'))) {
        if (isScalar(item)) {
          // The mapping after interpolation (`${DB_PORT}:5432`); unknown when a variable has no value.
          const l = scalarValue(project, item);
          if (!l) continue;
          const text = l.text;
          const p =
            typeof item.value === 'number' ? { hostIp: undefined, published: undefined } : parsePort(text);
          if (!p || (p.hostIp !== undefined && !ALL.has(p.hostIp))) continue;
          let fix: Fix | undefined;
          const inner = innerSpan(l.node);
          if (typeof item.value === 'number') {
            fix = ctx.replace('Bind to 127.0.0.1', l.start, l.end, `"127.0.0.1::${text}"`);
          } else if (inner && textMapsToSource(m, l.node)) {
            // On an interpolated mapping only edits of its literal start: a prefix, or a written `0.0.0.0:`.
            if (p.hostIp === undefined)
              fix = ctx.replace(
                'Bind to 127.0.0.1',
                inner[0],
                inner[0],
                p.published === undefined ? '127.0.0.1::' : '127.0.0.1:',
              );
            else if (p.hostIp === '0.0.0.0' && (l.interpolated?.raw ?? text).startsWith('0.0.0.0:'))
              fix = ctx.replace('Bind to 127.0.0.1', inner[0], inner[0] + 7, '127.0.0.1');
          }
          const note = interpolationNote(project, l);
          ctx.report({
            range: ctx.range(l.start, l.end),
            message: `${note ? `${note}: ` : ''}${db.label} port \`${text}\` of service \`${svc.name}\` is published on all interfaces: anyone who can reach this host can try to log in. Bind it to 127.0.0.1 (\`127.0.0.1:${p.published ?? ''}:...\`), or drop the mapping if only other services need it.`,
            fix,
          });
        } else if (isMap(item)) {
          const pub = getValue(m, item, 'published');
          // `host_ip` after interpolation; a variable without a value: unknown, say nothing.
          const hostIpNode = getValue(m, item, 'host_ip');
          const hasHostIp = scalarText(hostIpNode) !== undefined;
          const hostIp = hasHostIp ? scalarValue(project, hostIpNode)?.text : undefined;
          if (pub === undefined || (hasHostIp && (hostIp === undefined || !ALL.has(hostIp)))) continue;
          const l = scalarValue(project, pub);
          if (!l) continue;
          const e = hasHostIp ? undefined : appendToBlockMap(m, item, 'host_ip', ['127.0.0.1']);
          const note = interpolationNote(project, l);
          ctx.report({
            range: ctx.range(l.start, l.end),
            message: `${note ? `${note}: ` : ''}${db.label} port ${l.text} of service \`${svc.name}\` is published on all interfaces: add \`host_ip: 127.0.0.1\`, or drop the mapping if only other services need it.`,
            fix: e ? { title: 'Bind to 127.0.0.1', edits: [e] } : undefined,
          });
        }
      }
    }
  },
);
