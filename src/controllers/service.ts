// The service controller, as a cloud provider or MetalLB runs it: every LoadBalancer Service
// (without a loadBalancerClass of its own) gets an address from the cluster's load-balancer pool
// in status.loadBalancer.ingress. A loadBalancerIP outside the pool, or taken, leaves the Service
// <pending> with a warning event.

import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { KObject, ObjectOf } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { pickLoadBalancerIP, usedLoadBalancerIPs } from '../networking/allocators/lbpool.js';

const COMPONENT = 'service-controller';

function hasEvent(cluster: Cluster, obj: KObject, reason: string, message: string): boolean {
  // listEvents hands out KObject; what it lists are Events.
  const events = cluster.listEvents(obj.metadata.namespace) as ObjectOf<'events'>[];
  return events.some((e) => e.involvedObject.uid === obj.metadata.uid && e.reason === reason && e.message === message);
}

export function serviceController(api: ApiServer): void {
  const { cluster } = api;
  const services = cluster.store.list('services');
  const balanced = services.filter((s) => s.spec?.type === 'LoadBalancer' && !s.spec.loadBalancerClass);
  if (!balanced.length) return;
  const used = usedLoadBalancerIPs(services);
  for (const svc of balanced) {
    const requested = svc.spec?.loadBalancerIP || undefined;
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length && (!requested || ingress.some((i) => i.ip === requested))) continue;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    for (const i of ingress) if (i.ip && used.get(i.ip) === key) used.delete(i.ip);
    const pick = pickLoadBalancerIP(cluster.config.loadBalancerPool, used, requested);
    if ('error' in pick) {
      // The real controller retries with back-off; one warning per distinct failure is enough here.
      const message = `Error syncing load balancer: failed to ensure load balancer: ${pick.error}`;
      if (hasEvent(cluster, svc, 'SyncLoadBalancerFailed', message)) continue;
      cluster.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', COMPONENT);
      cluster.event(svc, 'Warning', 'SyncLoadBalancerFailed', message, COMPONENT);
      continue;
    }
    cluster.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', COMPONENT);
    used.set(pick.ip, key);
    api.updateStatus(resourceInfo('services'), svc, { loadBalancer: { ingress: [{ ip: pick.ip, ipMode: 'VIP' }] } });
    cluster.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', COMPONENT);
  }
}
