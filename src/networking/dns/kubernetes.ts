// The records the CoreDNS `kubernetes` plugin derives from Services, Endpoints and Pods
// (plugin/kubernetes: parseRequest, Records, findServices, findPods, serviceRecordForIP),
// with `pods insecure` as in the kubeadm Corefile.

import type { EndpointAddress, Endpoints, Service } from 'kubernetes-types/core/v1';
import { canonical, isIPv4, isIPv6, trimZone } from './names.js';
import type { DnsData, Fields } from './types.js';

/** One backend entry (CoreDNS msg.Service): an address or a name, and the name it is known by. */
export interface Item {
  host: string;
  /** -1 when the endpoint declares no port. */
  port: number;
  /** Owner name used for SRV targets and their address records. */
  key: string;
}

const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const DEFAULT_DNS_IP = '10.96.0.10';

export function namespaces(data: DnsData): Set<string> {
  if (data.namespaces) return new Set(data.namespaces);
  const all = [...data.services, ...data.endpoints, ...data.pods].map((o) => o.metadata?.namespace ?? 'default');
  return new Set([...BUILTIN_NAMESPACES, ...all]);
}

function isHeadless(svc: Fields<Service>): boolean {
  return svc.spec?.clusterIP === 'None';
}

function clusterIPs(svc: Fields<Service>): string[] {
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : [svc.spec?.clusterIP ?? ''];
  return ips.filter((ip) => ip !== '' && ip !== 'None');
}

/** The cluster DNS Service (kube-system/kube-dns) as CoreDNS advertises itself in NS answers. */
export function dnsService(data: DnsData): { name: string; ips: string[] } {
  const zone = canonical(data.clusterDomain);
  const svc = data.services.find((s) => s.metadata?.namespace === 'kube-system' && s.metadata?.name === 'kube-dns');
  const ips = svc ? clusterIPs(svc) : [];
  if (ips.length === 0) return { name: `ns.dns.${zone}`, ips: [DEFAULT_DNS_IP] };
  return { name: `kube-dns.kube-system.svc.${zone}`, ips };
}

/** Addresses where a client reaches CoreDNS: the Service IPs and the CoreDNS pods behind them. */
export function dnsServerAddresses(data: DnsData): string[] {
  const pods = endpointsOf(data, 'kube-system', 'kube-dns').flatMap((ep) =>
    (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)),
  );
  return [...dnsService(data).ips, ...pods];
}

/** SOA serial: CoreDNS reports when it last saw a change; the newest object stands in for that. */
export function serial(data: DnsData): number {
  if (data.serial !== undefined) return data.serial;
  const times = [...data.services, ...data.endpoints, ...data.pods]
    .map((o) => Date.parse(o.metadata?.creationTimestamp ?? ''))
    .filter((t) => !Number.isNaN(t));
  return times.length ? Math.floor(Math.max(...times) / 1000) : 1700000000;
}

function endpointsOf(data: DnsData, namespace: string, name: string): Fields<Endpoints>[] {
  return data.endpoints.filter(
    (e) => (e.metadata?.namespace ?? 'default') === namespace && e.metadata?.name === name,
  );
}

/**
 * The endpoints controller copies spec.hostname into the address when spec.subdomain names the
 * service; do the same for Endpoints written without it. Otherwise the dashed IP names the address.
 */
function endpointHostname(data: DnsData, ep: Fields<Endpoints>, addr: EndpointAddress): string {
  if (addr.hostname) return addr.hostname;
  const ns = ep.metadata?.namespace ?? 'default';
  const pod = data.pods.find(
    (p) =>
      (p.metadata?.namespace ?? 'default') === ns &&
      (addr.targetRef?.kind === 'Pod' ? p.metadata?.name === addr.targetRef.name : p.status?.podIP === addr.ip),
  );
  if (pod?.spec?.hostname && pod.spec.subdomain === ep.metadata?.name) return pod.spec.hostname;
  return addr.ip.replace(/[.:]/g, '-');
}

interface Request {
  podOrSvc: string;
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

const stripUnderscore = (s: string) => (s.startsWith('_') ? s.slice(1) : s);

/** null = invalid name (NXDOMAIN); podOrSvc '' = apex-like name (NODATA). */
function parseRequest(base: string): Request | null {
  const r: Request = { podOrSvc: '', namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  if (base === '' || base === 'svc' || base === 'pod') return r;
  const segs = base.split('.');
  let last = segs.length - 1;
  r.podOrSvc = segs[last--];
  if (r.podOrSvc !== 'svc' && r.podOrSvc !== 'pod') return null;
  if (last < 0) return r;
  r.namespace = segs[last--];
  if (last < 0) return r;
  r.service = segs[last--];
  if (last === 0) r.endpoint = segs[0];
  else if (last === 1) [r.port, r.protocol] = [stripUnderscore(segs[0]), stripUnderscore(segs[1])];
  else if (last > 1) return null;
  return r;
}

const match = (want: string, have: string | undefined) => want === '' || want === (have ?? '').toLowerCase();

function findPods(r: Request, zone: string): Item[] | null {
  if (r.service === '') return [];
  const podname = r.service;
  const dashed = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--');
  const ip = podname.replace(/-/g, dashed ? '.' : ':');
  if (!isIPv4(ip) && !isIPv6(ip)) return null;
  return [{ host: ip, port: 0, key: `${podname}.${r.namespace}.pod.${zone}` }];
}

function findServices(data: DnsData, r: Request, zone: string): Item[] | null {
  if (r.service === '') return [];
  const svc = data.services.find(
    (s) => (s.metadata?.namespace ?? 'default') === r.namespace && s.metadata?.name === r.service,
  );
  if (!svc) return null;
  const key = `${r.service}.${r.namespace}.svc.${zone}`;
  if (svc.spec?.type === 'ExternalName') {
    const target = svc.spec.externalName ?? '';
    if (r.endpoint !== '' || target === '' || isIPv4(target) || isIPv6(target)) return null;
    return [{ host: target, port: 0, key }];
  }
  const items: Item[] = [];
  if (isHeadless(svc) || r.endpoint !== '') {
    for (const ep of endpointsOf(data, r.namespace, r.service)) {
      for (const subset of ep.subsets ?? []) {
        for (const addr of subset.addresses ?? []) {
          const hostname = endpointHostname(data, ep, addr);
          if (r.endpoint !== '' && r.endpoint !== hostname.toLowerCase()) continue;
          const ports = subset.ports?.length ? subset.ports : [{ port: -1, name: '', protocol: '' }];
          for (const p of ports) {
            if (!match(r.port, p.name) || !match(r.protocol, p.protocol ?? 'TCP')) continue;
            items.push({ host: addr.ip, port: p.port, key: `${hostname}.${key}` });
          }
        }
      }
    }
    return items.length ? items : null;
  }
  let matched = false;
  for (const p of svc.spec?.ports ?? []) {
    if (!match(r.port, p.name) || !match(r.protocol, p.protocol ?? 'TCP')) continue;
    matched = true;
    for (const ip of clusterIPs(svc)) items.push({ host: ip, port: p.port, key });
  }
  return matched ? items : null;
}

/** Records for a name inside the cluster domain: null means NXDOMAIN, [] means NODATA. */
export function records(data: DnsData, name: string): Item[] | null {
  const zone = canonical(data.clusterDomain);
  const base = trimZone(name, zone);
  if (base === 'ns.dns') {
    const ns = dnsService(data);
    return ns.ips.map((ip) => ({ host: ip, port: 0, key: canonical(name) }));
  }
  const r = parseRequest(base);
  if (!r) return null;
  if (r.podOrSvc === '' || r.namespace === '') return [];
  if (!namespaces(data).has(r.namespace)) return null;
  return r.podOrSvc === 'pod' ? findPods(r, zone) : findServices(data, r, zone);
}

/** PTR targets for an address: the Service owning the ClusterIP, else every endpoint holding it. */
export function reverse(data: DnsData, ip: string): string[] {
  const zone = canonical(data.clusterDomain);
  const svc = data.services.find((s) => clusterIPs(s).includes(ip));
  if (svc) return [`${svc.metadata?.name}.${svc.metadata?.namespace ?? 'default'}.svc.${zone}`];
  const names: string[] = [];
  for (const ep of data.endpoints) {
    for (const subset of ep.subsets ?? []) {
      for (const addr of subset.addresses ?? []) {
        if (addr.ip !== ip) continue;
        const ns = ep.metadata?.namespace ?? 'default';
        names.push(`${endpointHostname(data, ep, addr)}.${ep.metadata?.name}.${ns}.svc.${zone}`);
      }
    }
  }
  return [...new Set(names)];
}
