// kube-proxy in iptables mode: which Service a destination address and port belong to
// (ClusterIP, NodePort on every node, externalIPs, load-balancer addresses), and which ready
// endpoint a new connection goes to — chosen at random, or kept per client with
// `sessionAffinity: ClientIP`. No ready endpoint: REJECT (connection refused). Traffic policy
// Local with no endpoint on the node: dropped (the client times out).

import type { ServicePort } from 'kubernetes-types/core/v1';
import type { ObjectOf, ServiceObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';

export type Via = 'ClusterIP' | 'NodePort' | 'ExternalIP' | 'LoadBalancer';

export interface Frontend {
  service: ServiceObject;
  port: ServicePort;
  via: Via;
  /** The node whose kube-proxy received the traffic (node ports, external IPs on a node). */
  node?: string;
}

export interface Backend {
  ip: string;
  port: number;
  nodeName?: string;
}

export type Route = { kind: 'forward'; backend: Backend; clientIP: string } | { kind: 'reject' } | { kind: 'drop' };

export interface Client {
  ip: string;
  /** The client's node; undefined outside the cluster. */
  node?: string;
}

interface Index {
  byAddress: Map<string, Frontend[]>;
  nodePorts: Map<number, Frontend>;
  nodeByIP: Map<string, string>;
  endpoints: Map<string, ObjectOf<'endpoints'>>;
}

const key = (ip: string, port: number) => `${ip}:${port}`;
const tcp = (p: { protocol?: string }) => (p.protocol ?? 'TCP') === 'TCP';

export class KubeProxy {
  private cache?: Index;

  constructor(
    private readonly cluster: Cluster,
    private readonly now: () => number,
    /** Called when the affinity table changes. */
    private readonly touch: () => void,
  ) {}

  private get index(): Index {
    if (this.cache) return this.cache;
    const idx: Index = { byAddress: new Map(), nodePorts: new Map(), nodeByIP: new Map(), endpoints: new Map() };
    for (const n of this.cluster.config.nodes) idx.nodeByIP.set(n.internalIP, n.name);
    const add = (ip: string, port: number, f: Frontend) => {
      const list = idx.byAddress.get(key(ip, port));
      if (list) list.push(f);
      else idx.byAddress.set(key(ip, port), [f]);
    };
    for (const svc of this.cluster.store.list('services')) {
      const spec = svc.spec ?? {};
      if (spec.type === 'ExternalName') continue;
      for (const port of (spec.ports ?? []).filter(tcp)) {
        const ips = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
        for (const ip of ips) if (ip !== 'None') add(ip, port.port, { service: svc, port, via: 'ClusterIP' });
        for (const ip of spec.externalIPs ?? []) add(ip, port.port, { service: svc, port, via: 'ExternalIP' });
        for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip) add(ing.ip, port.port, { service: svc, port, via: 'LoadBalancer' });
        if (port.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) idx.nodePorts.set(port.nodePort, { service: svc, port, via: 'NodePort' });
      }
    }
    for (const ep of this.cluster.store.list('endpoints')) idx.endpoints.set(`${ep.metadata.namespace}/${ep.metadata.name}`, ep);
    this.cache = idx;
    return idx;
  }

  /** The node that owns an address, if it is a node's. */
  nodeOf(ip: string): string | undefined {
    return this.index.nodeByIP.get(ip);
  }

  /**
   * The Service behind ip:port. `inCluster`: the packet is handled by a node's kube-proxy on the
   * way out (pods, nodes); from outside, only what reaches a node (node ports, external IPs that
   * are node addresses) or a load balancer.
   */
  frontend(ip: string, port: number, inCluster: boolean): Frontend | null {
    const idx = this.index;
    const node = idx.nodeByIP.get(ip);
    if (node) {
      const np = idx.nodePorts.get(port);
      if (np) return { ...np, node };
    }
    const found = idx.byAddress.get(key(ip, port)) ?? [];
    for (const f of found) {
      if (f.via === 'LoadBalancer') return f;
      if (f.via === 'ExternalIP' && (inCluster || node)) return { ...f, node };
      if (f.via === 'ClusterIP' && inCluster) return f;
    }
    return null;
  }

  /** Ready endpoints of a Service port, with the target port resolved. */
  backends(svc: ServiceObject, port: ServicePort): Backend[] {
    const ep = this.index.endpoints.get(`${svc.metadata.namespace}/${svc.metadata.name}`);
    const out: Backend[] = [];
    for (const subset of ep?.subsets ?? []) {
      const match = (subset.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && tcp(p));
      if (!match) continue;
      for (const a of subset.addresses ?? []) out.push({ ip: a.ip, port: match.port, nodeName: a.nodeName ?? undefined });
    }
    return out;
  }

  /** Where one new connection to a frontend goes. */
  route(f: Frontend, client: Client): Route {
    let backends = this.backends(f.service, f.port);
    if (backends.length === 0) return { kind: 'reject' };
    const spec = f.service.spec ?? {};
    let clientIP = client.ip;
    // Pods reaching external IPs and load-balancer addresses are short-circuited like a ClusterIP.
    const external = f.via === 'NodePort' || (f.via !== 'ClusterIP' && !client.node);
    if (external && spec.externalTrafficPolicy === 'Local') {
      backends = backends.filter((b) => b.nodeName === f.node);
      if (backends.length === 0) return { kind: 'drop' };
    } else if (f.via === 'ClusterIP' && spec.internalTrafficPolicy === 'Local') {
      backends = backends.filter((b) => b.nodeName === client.node);
      if (backends.length === 0) return { kind: 'drop' };
    } else if (external && f.node) {
      // Masqueraded: the endpoint sees the node that took the traffic in.
      clientIP = this.cluster.config.nodes.find((n) => n.name === f.node)?.internalIP ?? clientIP;
    }
    return { kind: 'forward', backend: this.pick(f, backends, client.ip), clientIP };
  }

  private pick(f: Frontend, backends: Backend[], clientIP: string): Backend {
    const spec = f.service.spec ?? {};
    if (spec.sessionAffinity !== 'ClientIP') return backends[this.cluster.rand.int(backends.length)];
    const table = this.cluster.data.affinity;
    const now = this.now();
    const id = `${f.service.metadata.namespace}/${f.service.metadata.name}:${f.port.name ?? ''}|${clientIP}`;
    const timeout = (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
    const kept = table[id];
    let chosen = kept && kept.expires > now ? backends.find((b) => key(b.ip, b.port) === kept.endpoint) : undefined;
    chosen ??= backends[this.cluster.rand.int(backends.length)];
    for (const [k, v] of Object.entries(table)) if (v.expires <= now) delete table[k];
    table[id] = { endpoint: key(chosen.ip, chosen.port), expires: now + timeout };
    this.touch();
    return chosen;
  }

  /** Load balancers serving a port, whatever their address (Docker Desktop's localhost). */
  loadBalancersOnPort(port: number): Frontend[] {
    const out: Frontend[] = [];
    for (const [k, list] of this.index.byAddress) if (k.endsWith(`:${port}`)) out.push(...list.filter((f) => f.via === 'LoadBalancer'));
    return out;
  }

  /** Services with a health-check node port: kube-proxy answers it on every node. */
  healthCheck(port: number): ServiceObject | undefined {
    return this.cluster.store.list('services').find((svc) => svc.spec?.healthCheckNodePort === port);
  }

  /** Nodes a cloud load balancer sends to: all workers, or only those with an endpoint (Local). */
  balancedNodes(f: Frontend): string[] {
    const workers = this.cluster.config.nodes.filter((n) => n.role === 'worker').map((n) => n.name);
    if (f.service.spec?.externalTrafficPolicy !== 'Local') return workers;
    const local = new Set(this.backends(f.service, f.port).map((b) => b.nodeName));
    return workers.filter((n) => local.has(n));
  }
}
