// Ingress (networking.k8s.io/v1): conversion from the books' v1beta1 shapes, the
// DefaultIngressClass admission plugin, validation and columns.

import { resourceInfo } from '../../api/scheme.js';
import type { Cluster } from '../../cluster/cluster.js';
import { age } from '../../util/duration.js';
import type { Kind } from '../kind.js';
import { convertIngress } from './convert.js';
import { addressColumn, hostsColumn } from './status.js';
import { INGRESS_CLASS_ANNOTATION, validateIngressCreate, validateIngressSpec } from './validation.js';

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The newest IngressClass annotated as the default, as the admission plugin picks it. */
function defaultClass(cluster: Cluster): string | undefined {
  const defaults = cluster.store.list('ingressclasses').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  defaults.sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  return defaults[0]?.metadata.name;
}

export const ingressKind: Kind<'ingresses'> = {
  info: resourceInfo('ingresses'),
  convert: convertIngress,
  defaults(o, cluster) {
    // Admission runs on create only: an object being created has no resourceVersion yet.
    if (o.metadata.resourceVersion) return;
    // LoadBalancer is a struct, not a pointer: a new Ingress shows `status: {loadBalancer: {}}`.
    o.status = { loadBalancer: {} };
    const s = (o.spec ??= {});
    if (s.ingressClassName === undefined && o.metadata.annotations?.[INGRESS_CLASS_ANNOTATION] === undefined) {
      const cls = defaultClass(cluster);
      if (cls) s.ingressClassName = cls;
    }
  },
  validate(o) {
    return o.metadata.resourceVersion ? validateIngressSpec(o.spec ?? {}) : validateIngressCreate(o);
  },
  columns: [
    { name: 'CLASS', cell: (o) => o.spec?.ingressClassName ?? '<none>' },
    { name: 'HOSTS', cell: (o) => hostsColumn(o.spec?.rules) },
    { name: 'ADDRESS', cell: (o, c) => addressColumn(o, !!c.wide) },
    { name: 'PORTS', cell: (o) => (o.spec?.tls?.length ? '80, 443' : '80') },
    { name: 'AGE', cell: (o, c) => age(o.metadata.creationTimestamp, c.now) },
  ],
};
