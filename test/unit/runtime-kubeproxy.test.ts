// kube-proxy's model: which Service an address belongs to from where, and where each new
// connection goes (uniform at random, sticky per client, REJECT, dropped by Local policy).

import fc from 'fast-check';
import type { Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { KubeProxy } from '../../src/networking/kubeproxy.js';
import { STATE_KIND, STATE_VERSION, type StateData } from '../../src/store/schema.js';
import { seededRandom } from '../../src/util/random.js';
import { assertProperty } from '../helpers/seed.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function world(seed = '1', spec: Record<string, unknown> = {}, addresses: { ip: string; nodeName?: string }[] = []) {
  const data: StateData = { kind: STATE_KIND, version: STATE_VERSION, config: defaultConfig('2025-01-01T00:00:00Z'), resourceVersion: 1, objects: {}, containers: {}, ipam: {}, affinity: {} };
  const cluster = new Cluster(data, NOW, seededRandom(seed), true);
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'ClusterIP', clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'], ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }], ...spec },
  };
  cluster.store.put('services', svc);
  cluster.store.put('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'default' },
    subsets: addresses.length ? [{ addresses, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] : [],
  });
  let now = NOW;
  let touched = 0;
  const proxy = new KubeProxy(cluster, () => now, () => touched++);
  return { cluster, proxy, advance: (ms: number) => (now += ms), touched: () => touched };
}

const three = [
  { ip: '10.244.1.2', nodeName: 'kctl-worker' },
  { ip: '10.244.2.2', nodeName: 'kctl-worker2' },
  { ip: '10.244.3.2', nodeName: 'kctl-worker3' },
];

describe('frontends', () => {
  it('serves the ClusterIP only from inside the cluster, node ports on every node', () => {
    const { proxy } = world('1', { type: 'NodePort', ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80, nodePort: 30080 }], externalIPs: ['10.240.0.7', '192.0.2.10'] }, three);
    expect(proxy.frontend('10.96.5.5', 8080, true)?.via).toBe('ClusterIP');
    expect(proxy.frontend('10.96.5.5', 8080, false)).toBeNull();
    expect(proxy.frontend('10.96.5.5', 9999, true)).toBeNull();
    for (const ip of ['10.240.0.6', '10.240.0.7', '10.240.0.8', '10.240.0.9']) expect(proxy.frontend(ip, 30080, false)).toMatchObject({ via: 'NodePort', node: expect.any(String) });
    // An external IP is reached from outside only where it routes: a node's own address.
    expect(proxy.frontend('10.240.0.7', 8080, false)).toMatchObject({ via: 'ExternalIP', node: 'kctl-worker' });
    expect(proxy.frontend('192.0.2.10', 8080, false)).toBeNull();
    expect(proxy.frontend('192.0.2.10', 8080, true)?.via).toBe('ExternalIP');
  });
});

describe('routing new connections', () => {
  it('picks every ready endpoint, close to uniformly', () => {
    const { proxy } = world('7', {}, three);
    const f = proxy.frontend('10.96.5.5', 8080, true)!;
    const counts = new Map<string, number>();
    for (let i = 0; i < 900; i++) {
      const r = proxy.route(f, { ip: '10.244.1.9', node: 'kctl-worker' });
      if (r.kind !== 'forward') throw new Error(r.kind);
      expect(r.backend.port).toBe(80);
      counts.set(r.backend.ip, (counts.get(r.backend.ip) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(three.map((a) => a.ip));
    for (const n of counts.values()) expect(n).toBeGreaterThan(240);
  });

  it('rejects when no endpoint is ready, and picks only ready ones otherwise (any set)', () => {
    assertProperty(
      fc.property(fc.uniqueArray(fc.integer({ min: 2, max: 250 }), { maxLength: 8 }), fc.string(), (hosts, seed) => {
        const addresses = hosts.map((h) => ({ ip: `10.244.1.${h}` }));
        const { proxy } = world(seed, {}, addresses);
        const r = proxy.route(proxy.frontend('10.96.5.5', 8080, true)!, { ip: '10.244.9.9', node: 'kctl-worker' });
        if (addresses.length === 0) return r.kind === 'reject';
        return r.kind === 'forward' && addresses.some((a) => a.ip === r.backend.ip) && r.clientIP === '10.244.9.9';
      }),
    );
  });

  it('keeps a client on its endpoint with ClientIP affinity until the timeout passes', () => {
    const w = world('3', { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } }, three);
    const f = w.proxy.frontend('10.96.5.5', 8080, true)!;
    const pick = (ip: string) => {
      const r = w.proxy.route(f, { ip, node: 'kctl-worker' });
      return r.kind === 'forward' ? r.backend.ip : r.kind;
    };
    const first = pick('10.244.1.9');
    for (let i = 0; i < 20; i++) expect(pick('10.244.1.9')).toBe(first);
    expect(Object.keys(w.cluster.data.affinity)).toEqual(['default/web:http|10.244.1.9']);
    expect(w.touched()).toBeGreaterThan(0);
    const others = new Set<string>();
    for (let i = 0; i < 30; i++) {
      w.advance(11_000);
      others.add(pick('10.244.1.9'));
    }
    expect(others.size).toBeGreaterThan(1);
  });

  it('drops outside traffic on nodes without a local endpoint under externalTrafficPolicy: Local', () => {
    const { proxy } = world('1', { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }, [three[0]]);
    const local = proxy.route(proxy.frontend('10.240.0.7', 30080, false)!, { ip: '10.240.0.1' });
    expect(local).toMatchObject({ kind: 'forward', backend: { ip: '10.244.1.2' }, clientIP: '10.240.0.1' });
    expect(proxy.route(proxy.frontend('10.240.0.8', 30080, false)!, { ip: '10.240.0.1' }).kind).toBe('drop');
  });

  it('masquerades node-port traffic with Cluster policy: the endpoint sees the node', () => {
    const { proxy } = world('1', { type: 'NodePort', ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }, three);
    const r = proxy.route(proxy.frontend('10.240.0.9', 30080, false)!, { ip: '10.240.0.1' });
    expect(r).toMatchObject({ kind: 'forward', clientIP: '10.240.0.9' });
  });

  it('keeps ClusterIP traffic on the client node with internalTrafficPolicy: Local', () => {
    const { proxy } = world('1', { internalTrafficPolicy: 'Local' }, three);
    const f = proxy.frontend('10.96.5.5', 8080, true)!;
    for (let i = 0; i < 10; i++) expect(proxy.route(f, { ip: '10.244.2.9', node: 'kctl-worker2' })).toMatchObject({ backend: { ip: '10.244.2.2' } });
    expect(proxy.route(f, { ip: '10.244.0.9', node: 'kctl-control-plane' }).kind).toBe('drop');
  });

  it('lets a cloud load balancer send only to nodes with endpoints under Local policy', () => {
    const { proxy } = world('1', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' } as Partial<Service['spec']>, [three[1]]);
    const f = { ...proxy.frontend('10.96.5.5', 8080, true)!, via: 'LoadBalancer' as const };
    expect(proxy.balancedNodes(f)).toEqual(['kctl-worker2']);
  });
});
