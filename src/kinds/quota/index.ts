// ResourceQuota and LimitRange (v1): defaults, validation, columns. What they do to pods is the
// API server's admission (apiserver/quota.ts, apiserver/limitranger.ts); a quota's usage is the
// resource quota controller's (controllers/resourcequota.ts).

import type { LimitRangeItem } from 'kubernetes-types/core/v1';
import { forbidden, invalid, required, unsupported, type FieldError } from '../../api/errors.js';
import { parseQuantityNanos, quantityError } from '../../api/quantity.js';
import { resourceInfo } from '../../api/scheme.js';
import type { ObjectOf } from '../../api/types.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';

const STANDARD_QUOTA = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage',
  'requests.storage', 'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];
const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

/** A resource name with no domain must be a standard one; hugepages and count/ and domains pass. */
function quotaResourceName(name: string): boolean {
  return name.includes('/') || STANDARD_QUOTA.has(name) || /^(requests\.)?hugepages-/.test(name);
}

function quantities(field: string, list: Record<string, string> | undefined, nameOk: (n: string) => string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(list ?? {})) {
    const f = `${field}[${k}]`;
    const bad = nameOk(k);
    if (bad) errs.push(invalid(f, k, bad));
    const qe = quantityError(String(v));
    if (qe) errs.push(invalid(f, v, qe));
    else if ((parseQuantityNanos(String(v)) ?? 0n) < 0n) errs.push(invalid(f, v, 'must be greater than or equal to 0'));
  }
  return errs;
}

/** ResourceQuota's REQUEST and LIMIT columns: `resource: used/hard`, limits.* in the second. */
function quotaColumn(o: ObjectOf<'resourcequotas'>, limits: boolean): string {
  const hard = o.spec?.hard ?? {};
  const used = o.status?.used ?? {};
  return Object.keys(hard)
    .sort()
    .filter((k) => (k.split('.').length > 1 && k.split('.')[0] === 'limits') === limits)
    .map((k) => `${k}: ${used[k] ?? '0'}/${hard[k]}`)
    .join(', ');
}

export const resourceQuotaKind: Kind<'resourcequotas'> = {
  info: resourceInfo('resourcequotas'),
  prepareForCreate(o) {
    o.status = {};
  },
  validate(o) {
    const s = o.spec ?? {};
    const errs = quantities('spec.hard', s.hard, (k) => (quotaResourceName(k) ? undefined : 'must be a standard resource for quota'));
    (s.scopes ?? []).forEach((sc, i) => {
      if (!SCOPES.includes(sc)) errs.push(unsupported(`spec.scopes[${i}]`, sc, SCOPES));
    });
    return errs;
  },
  columns: [
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
    { name: 'REQUEST', cell: (o) => quotaColumn(o, false) },
    { name: 'LIMIT', cell: (o) => quotaColumn(o, true) },
  ],
};

/** SetDefaults_LimitRangeItem: a Container's default limit from its max, its default request from the default or the min. */
function defaultLimitItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  item.default ??= {};
  item.defaultRequest ??= {};
  for (const [k, v] of Object.entries(item.max ?? {})) item.default[k] ??= v;
  for (const [k, v] of Object.entries(item.default)) item.defaultRequest[k] ??= v;
  for (const [k, v] of Object.entries(item.min ?? {})) item.defaultRequest[k] ??= v;
}

const cmp = (a: string, b: string) => {
  const x = parseQuantityNanos(a) ?? 0n;
  const y = parseQuantityNanos(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
};

function validateLimitItem(item: LimitRangeItem, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!item.type) errs.push(required(`${f}.type`, ''));
  else if (!LIMIT_TYPES.includes(item.type)) errs.push(unsupported(`${f}.type`, item.type, LIMIT_TYPES));
  const lists = { max: item.max, min: item.min, default: item.default, defaultRequest: item.defaultRequest, maxLimitRequestRatio: item.maxLimitRequestRatio };
  for (const [name, list] of Object.entries(lists)) errs.push(...quantities(`${f}.${name}`, list as Record<string, string> | undefined, () => undefined));
  if (item.type === 'Pod') {
    if (Object.keys(item.default ?? {}).length) errs.push(forbidden(`${f}.default`, "may not be specified when `type` is 'Pod'"));
    if (Object.keys(item.defaultRequest ?? {}).length) errs.push(forbidden(`${f}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
  }
  const keys = new Set(Object.values(lists).flatMap((l) => Object.keys(l ?? {})));
  for (const k of keys) {
    const min = item.min?.[k];
    const max = item.max?.[k];
    const def = item.default?.[k];
    const req = item.defaultRequest?.[k];
    if (min && max && cmp(min, max) > 0) errs.push(invalid(`${f}.min[${k}]`, min, `min value ${min} is greater than max value ${max}`));
    if (req && min && cmp(min, req) > 0) errs.push(invalid(`${f}.defaultRequest[${k}]`, req, `min value ${min} is greater than default request value ${req}`));
    if (req && max && cmp(req, max) > 0) errs.push(invalid(`${f}.defaultRequest[${k}]`, req, `default request value ${req} is greater than max value ${max}`));
    if (req && def && cmp(req, def) > 0) errs.push(invalid(`${f}.defaultRequest[${k}]`, req, `default request value ${req} is greater than default limit value ${def}`));
    if (def && min && cmp(min, def) > 0) errs.push(invalid(`${f}.default[${k}]`, min, `min value ${min} is greater than default value ${def}`));
    if (def && max && cmp(def, max) > 0) errs.push(invalid(`${f}.default[${k}]`, max, `default value ${def} is greater than max value ${max}`));
  }
  return errs;
}

export const limitRangeKind: Kind<'limitranges'> = {
  info: resourceInfo('limitranges'),
  defaults(o) {
    o.spec ??= { limits: [] };
    o.spec.limits ??= [];
    o.spec.limits.forEach(defaultLimitItem);
  },
  validate: (o) => o.spec!.limits.flatMap((item, i) => validateLimitItem(item, `spec.limits[${i}]`)),
  columns: [{ name: 'CREATED AT', cell: (o) => o.metadata.creationTimestamp ?? '' }],
};
