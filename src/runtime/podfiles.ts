// The files the kubelet writes into every container: /etc/hostname, /etc/hosts and
// /etc/resolv.conf (ClusterFirst: the cluster DNS, the namespace's search path, ndots:5).

import type { PodObject } from '../api/types.js';
import type { ClusterConfig } from '../store/schema.js';

/** The hostname a pod's containers see: spec.hostname, else the pod name (at most 63 characters). */
export function podHostname(pod: PodObject): string {
  // A pod in the node's network has the node's name.
  if (pod.spec?.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName;
  return pod.spec?.hostname || pod.metadata.name.slice(0, 63).replace(/[-.]+$/, '');
}

const HOSTS_HEADER = `# Kubernetes-managed hosts file.
127.0.0.1	localhost
::1	localhost ip6-localhost ip6-loopback
fe00::0	ip6-localnet
fe00::0	ip6-mcastprefix
fe00::1	ip6-allnodes
fe00::2	ip6-allrouters
`;

export function hostsFile(pod: PodObject, domain: string): string {
  const name = podHostname(pod);
  const ip = pod.status?.podIP;
  let out = HOSTS_HEADER;
  if (ip) {
    out += pod.spec?.subdomain
      ? `${ip}\t${name}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${domain}\t${name}\n`
      : `${ip}\t${name}\n`;
  }
  const aliases = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}

/** What the nodes' own resolver is (dnsPolicy Default, host-network pods). */
export const NODE_RESOLV_CONF = 'nameserver 10.240.0.1\noptions ndots:0\n';

export function resolvConf(pod: PodObject, config: ClusterConfig, dnsIP: string): string {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = !!pod.spec?.hostNetwork;
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !hostNetwork);
  const ns = pod.metadata.namespace ?? 'default';
  const domain = config.clusterDomain;
  let search: string[] = [];
  let servers: string[] = [];
  let options: string[] = [];
  if (cluster) {
    search = [`${ns}.svc.${domain}`, `svc.${domain}`, domain];
    servers = [dnsIP];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    return NODE_RESOLV_CONF;
  }
  const cfg = pod.spec?.dnsConfig;
  servers = [...servers, ...(cfg?.nameservers ?? [])];
  search = [...search, ...(cfg?.searches ?? [])];
  for (const o of cfg?.options ?? []) {
    const text = o.value === undefined ? o.name! : `${o.name}:${o.value}`;
    options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
  }
  let out = '';
  if (search.length) out += `search ${search.join(' ')}\n`;
  for (const s of servers) out += `nameserver ${s}\n`;
  if (options.length) out += `options ${options.join(' ')}\n`;
  return out;
}
