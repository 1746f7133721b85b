// ResourceQuota and LimitRange: kubectl describe's layouts, alone and in a Namespace's.

import type { LimitRangeSpec } from 'kubernetes-types/core/v1';
import type { ObjectOf } from '../../api/types.js';
import { DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** The rows of a LimitRange: each item's resources, `-` where a value is not set. */
function limitRangeRows(w: DescribeWriter, spec: LimitRangeSpec | undefined, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const keys = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort();
    for (const k of keys) w.line(0, `${prefix}${item.type}\t${k}\t${lists.map((l) => l?.[k] ?? '-').join('\t')}`);
  }
}

const LIMIT_HEADER = 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio';
const LIMIT_RULE = '----\t--------\t---\t---\t---------------\t-------------\t-----------------------';

export const describeLimitRange: Describer<'limitranges'> = (o) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.line(0, LIMIT_HEADER);
  w.line(0, LIMIT_RULE);
  limitRangeRows(w, o.spec, '');
  return w.toString();
};

export const describeResourceQuota: Describer<'resourcequotas'> = (o) => {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  const scopes = [...(o.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.line(0, `Scopes:\t${scopes.join(', ')}`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.line(0, ` * ${SCOPE_HELP[s]}`);
  }
  w.line(0, 'Resource\tUsed\tHard');
  w.line(0, '--------\t----\t----');
  const hard = o.spec?.hard ?? {};
  for (const k of Object.keys(hard).sort()) w.line(0, `${k}\t${o.status?.used?.[k] ?? '0'}\t${hard[k]}`);
  return w.toString();
};

/** DescribeResourceQuotas and DescribeLimitRanges, the end of a Namespace's description. */
export function describeNamespaceLimits(w: DescribeWriter, quotas: ObjectOf<'resourcequotas'>[], limits: ObjectOf<'limitranges'>[]): void {
  w.line(0, '');
  if (!quotas.length) w.line(0, 'No resource quota.');
  else {
    w.line(0, 'Resource Quotas');
    for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      w.line(1, `Name:\t${q.metadata.name}`);
      const scopes = [...(q.spec?.scopes ?? [])].sort();
      if (scopes.length) {
        w.line(1, `Scopes:\t${scopes.join(', ')}`);
        for (const s of scopes) if (SCOPE_HELP[s]) w.line(1, `* ${SCOPE_HELP[s]}`);
      }
      w.line(1, 'Resource\tUsed\tHard');
      w.line(1, '--------\t---\t---');
      const hard = q.status?.hard ?? {};
      for (const k of Object.keys(hard).sort()) w.line(1, `${k}\t${q.status?.used?.[k] ?? '0'}\t${hard[k]}`);
    }
  }
  w.line(0, '');
  if (!limits.length) w.line(0, 'No LimitRange resource.');
  else {
    w.line(0, 'Resource Limits');
    w.line(0, ` ${LIMIT_HEADER}`);
    w.line(0, ` ${LIMIT_RULE}`);
    for (const l of limits) limitRangeRows(w, l.spec, ' ');
  }
}
