// What the API server fills in and normalises on a Service before validation: SetDefaults_Service,
// the registry's ClusterIP/ClusterIPs normalisation and IP-family initialisation, and on updates
// the values the client left out (patchAllocatedValues) and those a type change makes moot
// (dropTypeDependentFields).

import type { ServiceSpec } from 'kubernetes-types/core/v1';
import { isIPv4, isIPv6 } from '../../util/ip.js';
import type { ServiceObject } from '../../api/types.js';
import { deepEqual } from '../../util/objects.js';
import { externallyAccessible, needsClusterIP, needsHealthCheck, needsNodePort, specOf } from './util.js';

/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
const DEFAULT_AFFINITY_SECONDS = 10800;

/** SetDefaults_Service. */
function setDefaults(s: ServiceSpec): void {
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && s.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_AFFINITY_SECONDS } };
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (s.internalTrafficPolicy == null && (s.type === 'ClusterIP' || s.type === 'NodePort' || s.type === 'LoadBalancer')) {
    s.internalTrafficPolicy = 'Cluster';
  }
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
}

const isSelectorless = (s: ServiceSpec) => Object.keys(s.selector ?? {}).length === 0;

/**
 * The defaulting half of the registry's initIPFamilyFields on this IPv4-only cluster: the
 * policy (kept from the stored object on updates), families inferred from the addresses, and a
 * selector-less headless Service's second family. Its checks are in allocate.ts.
 */
function initIPFamilies(s: ServiceSpec, old: ServiceSpec | undefined): void {
  if (s.type === 'ExternalName') return;
  if (s.ipFamilyPolicy == null) {
    if (old?.ipFamilyPolicy) s.ipFamilyPolicy = old.ipFamilyPolicy;
    else s.ipFamilyPolicy = s.clusterIP === 'None' && isSelectorless(s) ? 'RequireDualStack' : 'SingleStack';
  }
  const families = (s.ipFamilies ??= []);
  (s.clusterIPs ?? []).forEach((ip, i) => {
    if (ip !== 'None' && i >= families.length && isIPv4(ip)) families.push('IPv4');
  });
  // An IPv6 address is refused later (the cluster is IPv4-only); it gets no default family.
  if (families.length === 0 && !(s.clusterIPs ?? []).some((ip) => isIPv6(ip))) families.push('IPv4');
  if (s.clusterIP === 'None' && isSelectorless(s) && families.length < 2 && s.ipFamilyPolicy !== 'SingleStack') {
    families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
  }
}

/** Defaults for a new or replaced Service; the API server clears resourceVersion only on create. */
export function defaultService(o: ServiceObject): void {
  const s = (o.spec ??= {});
  setDefaults(s);
  if (o.metadata.resourceVersion !== undefined) return;
  o.status = { loadBalancer: {} };
  // normalizeClusterIPs for a create: an old client sets only the singular field.
  if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
  initIPFamilies(s, undefined);
}

const nodePortsOf = (s: ServiceSpec) => (s.ports ?? []).map((p) => p.nodePort ?? 0);
const sameClusterIPs = (a: ServiceSpec, b: ServiceSpec) => deepEqual(a.clusterIPs ?? [], b.clusterIPs ?? []);

/** patchAllocatedValues: what the client did not send is what was allocated before. */
function patchAllocatedValues(s: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(s)) {
    if (!s.clusterIP) s.clusterIP = old.clusterIP;
    if (!s.clusterIPs?.length && old.clusterIPs?.length) s.clusterIPs = [...old.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(s)) {
    const mine = new Set(nodePortsOf(s).filter(Boolean));
    const used = new Set(nodePortsOf(old).filter((n) => n && mine.has(n)));
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of s.ports ?? []) {
      const was = byName.get(p.name ?? '') ?? 0;
      if (!p.nodePort && was && !used.has(was)) p.nodePort = was;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(s) && !s.healthCheckNodePort) s.healthCheckNodePort = old.healthCheckNodePort;
}

/** normalizeClusterIPs for an update: keep clusterIP and clusterIPs in step. */
function normalizeClusterIPs(s: ServiceSpec, old: ServiceSpec): void {
  if (old.clusterIPs?.length && !s.clusterIPs?.length && old.clusterIP === s.clusterIP) s.clusterIPs = [...old.clusterIPs];
  if ((old.clusterIP ?? '') === (s.clusterIP ?? '')) return;
  if (old.clusterIP && !s.clusterIP) {
    if (sameClusterIPs(old, s)) delete s.clusterIPs;
  } else if (sameClusterIPs(old, s)) s.clusterIPs = [s.clusterIP!];
}

/** dropTypeDependentFields: wipe what the new type does not use, unless the client changed it. */
function dropTypeDependentFields(o: ServiceObject, s: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && !needsClusterIP(s)) {
    if (sameClusterIPs(old, s) && (s.clusterIP ?? '') === (old.clusterIP ?? '')) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (deepEqual(s.ipFamilies ?? [], old.ipFamilies ?? [])) delete s.ipFamilies;
    if (s.ipFamilyPolicy === old.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(s) && deepEqual(nodePortsOf(s), nodePortsOf(old))) {
    for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(s) && s.healthCheckNodePort === old.healthCheckNodePort) delete s.healthCheckNodePort;
  if (s.type !== 'LoadBalancer') {
    if (s.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete s.allocateLoadBalancerNodePorts;
    if (s.loadBalancerClass === old.loadBalancerClass) delete s.loadBalancerClass;
    o.status = { ...o.status, loadBalancer: {} };
  }
  if (!externallyAccessible(s) && s.externalTrafficPolicy === old.externalTrafficPolicy) delete s.externalTrafficPolicy;
}

/** The update path: BeginUpdate's patching and normalisation, then PrepareForUpdate. */
export function prepareServiceForUpdate(o: ServiceObject, oldObj: ServiceObject): void {
  const s = specOf(o);
  const old = specOf(oldObj);
  patchAllocatedValues(s, old);
  normalizeClusterIPs(s, old);
  initIPFamilies(s, old);
  dropTypeDependentFields(o, s, old);
}
