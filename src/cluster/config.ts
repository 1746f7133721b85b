// The shape of the fake cluster: nodes, address ranges and add-ons. Stored in the state file
// and chosen at `kctl cluster reset` (flags or a small YAML config file).

export interface NodeConfig {
  name: string;
  role: 'control-plane' | 'worker';
  internalIP: string;
  podCIDR: string;
}

export interface ClusterConfig {
  name: string;
  kubernetesVersion: string;
  createdAt: string;
  nodes: NodeConfig[];
  serviceCIDR: string;
  podCIDR: string;
  nodePortRange: { min: number; max: number };
  /** Addresses the built-in load-balancer controller hands to LoadBalancer Services. */
  loadBalancerPool: { first: string; last: string };
  clusterDomain: string;
  dnsTTL: number;
  maxPodsPerNode: number;
  /** Whether the ingress-nginx add-on is installed. */
  ingressNginx: boolean;
}

export interface ClusterShape {
  workers?: number;
  ingressNginx?: boolean;
}

function ip(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A control-plane node and N workers on 10.240.0.0/16; the first workers are 10.240.0.7 and .8. */
export function defaultConfig(createdAt: string, shape: ClusterShape = {}): ClusterConfig {
  const workers = shape.workers ?? 3;
  const base = (10 << 24) | (240 << 16);
  const nodes: NodeConfig[] = [{ name: 'kctl-control-plane', role: 'control-plane', internalIP: '10.240.0.6', podCIDR: '10.244.0.0/24' }];
  for (let i = 1; i <= workers; i++) {
    nodes.push({
      name: i === 1 ? 'kctl-worker' : `kctl-worker${i}`,
      role: 'worker',
      internalIP: ip(base + 6 + i),
      podCIDR: `10.244.${i}.0/24`,
    });
  }
  return {
    name: 'kctl',
    kubernetesVersion: 'v1.32.2',
    createdAt,
    nodes,
    serviceCIDR: '10.96.0.0/12',
    podCIDR: '10.244.0.0/16',
    nodePortRange: { min: 30000, max: 32767 },
    loadBalancerPool: { first: '10.240.1.1', last: '10.240.1.254' },
    clusterDomain: 'cluster.local',
    dnsTTL: 30,
    maxPodsPerNode: 110,
    ingressNginx: shape.ingressNginx ?? true,
  };
}
