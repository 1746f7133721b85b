// The allocators' ranges are part of the cluster's shape, chosen at `kctl cluster reset`.

import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

describe('cluster reset --config with address ranges', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());

  it('puts the system services, ClusterIPs, NodePorts and load balancers in the configured ranges', async () => {
    const cfg = sb.file('cluster.yaml', 'workers: 2\nserviceCIDR: 10.100.0.0/16\nnodePortRange: 31000-31010\nloadBalancerPool: 192.168.50.10-192.168.50.20\n');
    expect(await sb.ok(['cluster', 'reset', '--config', cfg])).toMatch(/1 control-plane node and 2 worker nodes/);
    expect(await sb.ok(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}'])).toBe('10.100.0.1');
    expect(await sb.ok(['-n', 'kube-system', 'get', 'svc', 'kube-dns', '-o', 'jsonpath={.spec.clusterIP}'])).toBe('10.100.0.10');
    await sb.ok(['create', 'service', 'loadbalancer', 'lb', '--tcp=80:8080']);
    const ip = await sb.ok(['get', 'svc', 'lb', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(ip).toMatch(/^10\.100\.\d+\.\d+$/);
    const nodePort = Number(await sb.ok(['get', 'svc', 'lb', '-o', 'jsonpath={.spec.ports[0].nodePort}']));
    expect(nodePort).toBeGreaterThanOrEqual(31000);
    expect(nodePort).toBeLessThanOrEqual(31010);
    expect(await sb.ok(['get', 'svc', 'lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'])).toMatch(/^192\.168\.50\.(1\d|20)$/);
  });

  it('reports out-of-range requests with the configured range', async () => {
    const f = sb.file('np.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n');
    const before = sb.stateText();
    const r = await sb.run(['apply', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 31000-31010\n');
    expect(sb.stateText()).toBe(before);
  });

  it('refuses a config with a bad range, naming the field, and leaves the state alone', async () => {
    const before = sb.stateText();
    const cfg = sb.file('bad.yaml', 'nodePortRange: 40000-30000\n');
    const r = await sb.run(['cluster', 'reset', '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: cluster config .*bad\.yaml: nodePortRange: "40000-30000" is not a port range like 30000-32767\n$/);
    expect(sb.stateText()).toBe(before);
  });

  it('refuses ranges that overlap, so that no address means two things, and leaves the state alone', async () => {
    // Before, a pool over the Service CIDR gave a LoadBalancer the kubernetes Service's 10.96.0.1,
    // and serviceCIDR 10.240.0.0/16 gave kubernetes kctl-host's address.
    const before = sb.stateText();
    const refused = async (config: string, flags: string[] = []) => {
      const r = await sb.run(['cluster', 'reset', '--config', sb.file('overlap.yaml', config), ...flags]);
      expect(sb.stateText()).toBe(before);
      expect(r.code).toBe(1);
      return r.stderr.replace(/^error: cluster config \S+overlap\.yaml: /, '');
    };
    expect(await refused('loadBalancerPool: 10.96.0.1-10.96.0.20\n')).toBe('loadBalancerPool: "10.96.0.1-10.96.0.20" overlaps serviceCIDR 10.96.0.0/12, where ClusterIPs are allocated\n');
    expect(await refused('serviceCIDR: 10.100.0.0/16\nloadBalancerPool: 10.99.255.250-10.100.0.3\n')).toBe('loadBalancerPool: "10.99.255.250-10.100.0.3" overlaps serviceCIDR 10.100.0.0/16, where ClusterIPs are allocated\n');
    expect(await refused('loadBalancerPool: 10.244.1.1-10.244.1.9\n')).toBe('loadBalancerPool: "10.244.1.1-10.244.1.9" overlaps the pod network 10.244.0.0/16\n');
    expect(await refused('loadBalancerPool: 10.240.0.1-10.240.0.5\n')).toBe('loadBalancerPool: "10.240.0.1-10.240.0.5" includes the address of kctl-host (10.240.0.1)\n');
    expect(await refused('workers: 2\nloadBalancerPool: 10.240.0.100-10.240.0.120\n', ['--nodes', '150'])).toBe('loadBalancerPool: "10.240.0.100-10.240.0.120" includes the address of node kctl-worker94 (10.240.0.100)\n');
    expect(await refused('serviceCIDR: 10.0.0.0/8\n')).toBe('serviceCIDR: 10.0.0.0/8 overlaps the pod network 10.244.0.0/16\n');
    expect(await refused('serviceCIDR: 10.240.0.0/16\n')).toBe("serviceCIDR: 10.240.0.0/16 overlaps the nodes' network 10.240.0.0/16\n");
    // A pool on the nodes' network away from their addresses is MetalLB's usual setup, as the default is.
    expect(await sb.ok(['cluster', 'reset', '--config', sb.file('fine.yaml', 'loadBalancerPool: 10.240.2.1-10.240.2.9\n')])).toMatch(/reset: 1 control-plane node and 3 worker nodes/);
  });
});
