// Predicates on Services the API server, the controllers and kubectl share
// (pkg/api/service and the registry's needs* helpers).

import type { ServiceSpec } from 'kubernetes-types/core/v1';
import type { ServiceObject } from '../../api/types.js';

export const specOf = (o: ServiceObject): ServiceSpec => o.spec ?? {};

/** clusterIPs is exactly ["None"]. */
export function isHeadless(s: ServiceSpec): boolean {
  return s.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None';
}

/** helper.IsServiceIPSet: a ClusterIP that is neither empty nor None. */
export function isServiceIPSet(s: ServiceSpec): boolean {
  return !!s.clusterIP && s.clusterIP !== 'None';
}

export const needsClusterIP = (s: ServiceSpec): boolean => s.type !== 'ExternalName';
export const needsNodePort = (s: ServiceSpec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';

export function externallyAccessible(s: ServiceSpec): boolean {
  return s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs?.length ?? 0) > 0);
}

/** A LoadBalancer with externalTrafficPolicy Local gets a health-check node port. */
export function needsHealthCheck(s: ServiceSpec): boolean {
  return s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
}

/** LoadBalancers may opt out of node ports with allocateLoadBalancerNodePorts: false. */
export function shouldAllocateNodePorts(s: ServiceSpec): boolean {
  if (s.type === 'NodePort') return true;
  return s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false;
}
