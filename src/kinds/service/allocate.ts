// The registry's allocation step (storage/alloc.go): IP-family checks, ClusterIPs from the
// Service CIDR, NodePorts and health-check node ports from the node port range. The API server
// runs it before validation, so its errors are the ones a request sees first.

import type { ServiceSpec } from 'kubernetes-types/core/v1';
import { isIPv6 } from '../../util/ip.js';
import { invalid, StatusError, type FieldError } from '../../api/errors.js';
import type { ServiceObject } from '../../api/types.js';
import type { Cluster } from '../../cluster/cluster.js';
import { ServiceIPRange, usedClusterIPs } from '../../networking/allocators/clusterip.js';
import { NodePortRange, usedNodePorts } from '../../networking/allocators/nodeport.js';
import type { Random } from '../../util/random.js';
import { isHeadless, needsClusterIP, needsHealthCheck, needsNodePort, shouldAllocateNodePorts, specOf } from './util.js';
import { validateClusterIPsRelatedFields } from './validation.js';

interface Allocators {
  ips: ServiceIPRange;
  usedIPs: Set<string>;
  ports: NodePortRange;
  usedPorts: Set<number>;
  rand: Random;
}

/** The allocators, with what every other Service holds (one pass over the stored Services). */
function allocators(cluster: Cluster, self: ServiceObject): Allocators {
  const services = cluster.store.list('services');
  // An update replaces the stored object with the same uid; its own values are not "taken".
  const except = self.metadata.uid;
  return {
    ips: new ServiceIPRange(cluster.config.serviceCIDR),
    usedIPs: usedClusterIPs(services, except),
    ports: new NodePortRange(cluster.config.nodePortRange),
    usedPorts: usedNodePorts(services, except),
    rand: cluster.rand,
  };
}

const internalError = (message: string) => new StatusError('InternalError', `Internal error occurred: ${message}`);

/** initIPFamilyFields' checks, on a cluster configured for IPv4 only. */
function ipFamilyErrors(s: ServiceSpec): FieldError[] {
  if (s.type === 'ExternalName') return [];
  const related = validateClusterIPsRelatedFields(s);
  if (related.length) return related;
  const errs: FieldError[] = [];
  const ips = s.clusterIPs ?? [];
  const families = s.ipFamilies ?? [];
  if (s.ipFamilyPolicy === 'SingleStack') {
    if (ips.length === 2) errs.push(invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (families.length === 2) errs.push(invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    if (i >= families.length && isIPv6(ips[i])) errs.push(invalid(`spec.clusterIPs[${i}]`, ips, 'IPv6 is not configured on this cluster'));
  }
  if (errs.length) return errs;
  // A selector-less headless Service may name families the cluster does not have.
  if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) return [];
  if (s.ipFamilyPolicy === 'RequireDualStack') errs.push(invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => f !== 'IPv4' && errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster')));
  return errs;
}

/** A new Service, or one leaving ExternalName, gets its ClusterIP: the one asked for, or a free one. */
function allocateClusterIP(s: ServiceSpec, old: ServiceSpec | undefined, a: Allocators): FieldError | undefined {
  if (!needsClusterIP(s) || isHeadless(s) || (old && needsClusterIP(old))) return undefined;
  const requested = s.clusterIPs?.[0];
  if (requested) {
    const err = a.ips.check(requested, a.usedIPs);
    if (err) return invalid('spec.clusterIPs', s.clusterIPs, `failed to allocate IP ${requested}: ${err}`);
    a.usedIPs.add(requested);
    return undefined;
  }
  const ip = a.ips.next(a.usedIPs, a.rand);
  if (!ip) throw internalError('failed to allocate a serviceIP: range is full');
  a.usedIPs.add(ip);
  s.clusterIP = ip;
  s.clusterIPs = [ip];
  return undefined;
}

function takeNodePort(port: number, field: string, a: Allocators): FieldError | undefined {
  const err = a.ports.check(port, a.usedPorts);
  if (err) return invalid(field, port, err);
  a.usedPorts.add(port);
  return undefined;
}

function nextNodePort(a: Allocators): number {
  const port = a.ports.next(a.usedPorts, a.rand);
  if (port === undefined) throw internalError('failed to allocate a nodePort: range is full');
  a.usedPorts.add(port);
  return port;
}

/** initNodePorts: ports with the same number share one node port (TCP and UDP of a DNS port). */
function initNodePorts(s: ServiceSpec, a: Allocators): FieldError | undefined {
  const ports = s.ports ?? [];
  const byPort = new Map<number, number>();
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (!p.nodePort && !shouldAllocateNodePorts(s)) continue;
    const shared = byPort.get(p.port);
    if (shared === undefined) {
      const requested = ports.find((q) => q.port === p.port && q.nodePort)?.nodePort;
      if (requested) {
        const err = takeNodePort(requested, `spec.ports[${i}].nodePort`, a);
        if (err) return err;
      }
      p.nodePort = requested || nextNodePort(a);
      byPort.set(p.port, p.nodePort);
    } else if (p.nodePort !== shared) {
      if (!p.nodePort) p.nodePort = shared;
      else {
        const err = takeNodePort(p.nodePort, `spec.ports[${i}].nodePort`, a);
        if (err) return err;
      }
    }
  }
  return undefined;
}

/** updateNodePorts: node ports the Service already had stay; new requests are checked, gaps filled. */
function updateNodePorts(s: ServiceSpec, old: ServiceSpec, a: Allocators): FieldError | undefined {
  const had = new Set((old.ports ?? []).map((p) => p.nodePort).filter(Boolean));
  const taken = new Set<number>();
  const ports = s.ports ?? [];
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    if (!p.nodePort && !shouldAllocateNodePorts(s)) continue;
    if (!p.nodePort) p.nodePort = nextNodePort(a);
    else if (!had.has(p.nodePort) && !taken.has(p.nodePort)) {
      const err = takeNodePort(p.nodePort, `spec.ports[${i}].nodePort`, a);
      if (err) return err;
      taken.add(p.nodePort);
    }
  }
  return undefined;
}

/** A LoadBalancer turning externalTrafficPolicy Local gets its health-check node port. */
function allocateHealthCheckNodePort(s: ServiceSpec, old: ServiceSpec | undefined, a: Allocators): void {
  if (!needsHealthCheck(s) || (old && needsHealthCheck(old))) return;
  const requested = s.healthCheckNodePort;
  if (requested) {
    const err = a.ports.check(requested, a.usedPorts);
    if (err) throw internalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${err}`);
    a.usedPorts.add(requested);
    return;
  }
  const port = a.ports.next(a.usedPorts, a.rand);
  if (port === undefined) throw internalError('failed to allocate a HealthCheck NodePort 0: range is full');
  a.usedPorts.add(port);
  s.healthCheckNodePort = port;
}

/** What an update keeps of the Service's own node ports stays taken while new ones are picked. */
function holdKeptNodePorts(s: ServiceSpec, old: ServiceSpec, a: Allocators): void {
  const had = new Set((old.ports ?? []).map((p) => p.nodePort).filter(Boolean));
  if (old.healthCheckNodePort) had.add(old.healthCheckNodePort);
  for (const p of s.ports ?? []) if (p.nodePort && had.has(p.nodePort)) a.usedPorts.add(p.nodePort);
  if (s.healthCheckNodePort && had.has(s.healthCheckNodePort)) a.usedPorts.add(s.healthCheckNodePort);
}

/** Runs the allocation on s (filling it in); returns the first failure as field errors. */
function allocateSpec(s: ServiceSpec, old: ServiceSpec | undefined, a: Allocators): FieldError[] {
  const familyErrs = ipFamilyErrors(s);
  if (familyErrs.length) return familyErrs;
  if (old) holdKeptNodePorts(s, old, a);
  const ipErr = allocateClusterIP(s, old, a);
  if (ipErr) return [ipErr];
  if (needsNodePort(s)) {
    const portErr = old ? updateNodePorts(s, old, a) : initNodePorts(s, a);
    if (portErr) return [portErr];
  }
  allocateHealthCheckNodePort(s, old, a);
  return [];
}

/** The Kind's allocate hook: fills in ClusterIP, NodePorts and the health-check node port. */
export function allocateService(obj: ServiceObject, old: ServiceObject | undefined, cluster: Cluster): FieldError[] {
  return allocateSpec(specOf(obj), old && specOf(old), allocators(cluster, obj));
}
