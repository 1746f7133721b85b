// The packet path: who answers a TCP connection to ip:port from a given machine. Pod IPs are
// reachable from every pod and node; 127.0.0.1 is the pod's own containers; Service addresses go
// through kube-proxy to an endpoint; node addresses reach host-network pods and the node ports.
// The machine outside the cluster reaches nodes, external IPs on nodes and load balancers, but
// not ClusterIPs or pod IPs (as on a real cluster), and Docker Desktop's localhost.

import type { ServiceObject } from '../api/types.js';
import { cidrContains, parseCidr } from '../util/ip.js';
import { byteLength, httpDate, type HttpRequest, type HttpResponse } from './http.js';
import { internetListener } from './internet.js';
import type { Frontend, Route } from './kubeproxy.js';
import type { ConnectError, Listener, NetworkHost as Machine, Peer } from './types.js';

export type Dial = { ok: true; listener: Listener; peer: Peer } | { ok: false; error: ConnectError };

const fail = (error: ConnectError): Dial => ({ ok: false, error });

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

/** kube-proxy's health check for `externalTrafficPolicy: Local` load balancers. */
function healthCheckListener(svc: ServiceObject, local: number, now: number): Listener {
  return {
    serve: async (_req: HttpRequest): Promise<HttpResponse> => {
      const body = `{\n\t"service": {\n\t\t"namespace": "${svc.metadata.namespace}",\n\t\t"name": "${svc.metadata.name}"\n\t},\n\t"localEndpoints": ${local},\n\t"serviceProxyHealthy": true\n}`;
      return {
        status: local > 0 ? 200 : 503,
        headers: [['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff'], ['X-Load-Balancing-Endpoint-Weight', String(local)], ['Date', httpDate(now)], ['Content-Length', String(byteLength(body))]],
        body,
      };
    },
  };
}

/** Delivery to an address after any translation: a pod, a node, or the internet. */
function deliver(from: Machine, ip: string, port: number, clientIP: string): Dial {
  const world = from.world;
  const peer = (tls: boolean): Peer => ({ clientIP, clientPort: 32768 + world.cluster.rand.int(28000), localIP: ip, localPort: port, tls });
  const answer = (l: Listener | null, otherwise: ConnectError): Dial => (l ? { ok: true, listener: l, peer: peer(!!l.tls) } : fail(otherwise));
  const node = world.proxy.nodeOf(ip);
  if (node) {
    const svc = world.proxy.healthCheck(port);
    if (svc) {
      const local = world.proxy.backends(svc, svc.spec!.ports![0]).filter((b) => b.nodeName === node).length;
      return answer(healthCheckListener(svc, local, world.clock.now()), 'refused');
    }
    return answer(world.hostNetworkListener(node, port), 'refused');
  }
  const pod = world.podByIP(ip);
  if (pod) {
    if (!pod.running) return fail('unreachable');
    return answer(pod.listener(port), 'refused');
  }
  const internet = internetListener(ip, port, () => world.clock.now());
  if (internet) return answer(internet, 'refused');
  if (cidrContains(parseCidr(world.cluster.config.podCIDR), ip)) return fail('unreachable');
  if (ip === world.hostIP) return fail('refused');
  return fail('timeout');
}

/**
 * A packet of a connection kube-proxy already routed (conntrack): straight to the endpoint it
 * chose, whatever the rules say now; refused once that pod is gone.
 */
export function dialEstablished(from: Machine, ip: string, port: number, clientIP: string): Dial {
  from.world.clock.tick();
  return deliver(from, ip, port, clientIP);
}

function viaProxy(from: Machine, f: Frontend): Dial {
  const world = from.world;
  let frontend = f;
  if (f.via === 'LoadBalancer' && from.kind === 'host') {
    // The cloud load balancer picks a healthy node and sends the traffic to its node port.
    const nodes = world.proxy.balancedNodes(f);
    if (nodes.length === 0) return fail('timeout');
    frontend = { ...f, node: nodes[world.cluster.rand.int(nodes.length)] };
  }
  const route: Route = world.proxy.route(frontend, { ip: from.ip, node: from.nodeName });
  if (route.kind === 'reject') return fail('refused');
  if (route.kind === 'drop') return fail('timeout');
  return deliver(from, route.backend.ip, route.backend.port, route.clientIP);
}

/** Docker Desktop publishes node ports and load-balancer ports on the host's localhost. */
function hostLocalhost(from: Machine, port: number): Dial {
  const world = from.world;
  for (const f of world.proxy.loadBalancersOnPort(port)) return viaProxy(from, f);
  const cp = world.cluster.config.nodes.find((n) => n.role === 'control-plane') ?? world.cluster.config.nodes[0];
  const f = cp ? world.proxy.frontend(cp.internalIP, port, false) : null;
  return f ? viaProxy(from, f) : fail('refused');
}

/** Opens a TCP connection from a machine to ip:port. */
export function dial(from: Machine, ip: string, port: number): Dial {
  const world = from.world;
  world.clock.tick();
  if (isLoopback(ip)) {
    if (from.kind === 'host') return hostLocalhost(from, port);
    const l = from.loopback(port);
    return l ? { ok: true, listener: l, peer: { clientIP: '127.0.0.1', clientPort: 32768 + world.cluster.rand.int(28000), localIP: '127.0.0.1', localPort: port, tls: !!l.tls } } : fail('refused');
  }
  const inCluster = from.kind === 'pod';
  const f = world.proxy.frontend(ip, port, inCluster);
  if (f) return viaProxy(from, f);
  if (!inCluster) {
    const cfg = world.cluster.config;
    if (cidrContains(parseCidr(cfg.serviceCIDR), ip) || cidrContains(parseCidr(cfg.podCIDR), ip)) return fail('timeout');
  }
  return deliver(from, ip, port, from.ip);
}
