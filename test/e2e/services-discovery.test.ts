// How pods find Services: Endpoints and EndpointSlices kept by the controllers (named ports,
// headless hostnames), the environment variables a container starts with, and kctl expose.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const NOW = '2025-01-06T01:00:00Z';

function sandbox(): { sb: Sandbox; kctl: (...args: string[]) => Promise<string> } {
  const sb = new Sandbox();
  return { sb, kctl: (...args: string[]) => sb.ok(args, { env: { KCTL_NOW: NOW } }) };
}

describe('endpoints of named ports and headless Services', () => {
  const { sb, kctl } = sandbox();
  afterAll(() => sb.cleanup());

  it('resolves a named targetPort per pod (80 and 81)', async () => {
    await kctl('apply', '-f', SAMPLES + 'sample-named-port-pods.yaml', '-f', SAMPLES + 'sample-named-port-service.yaml');
    const ip80 = await kctl('get', 'pod', 'sample-named-port-pod-80', '-o', 'jsonpath={.status.podIP}');
    const ip81 = await kctl('get', 'pod', 'sample-named-port-pod-81', '-o', 'jsonpath={.status.podIP}');
    const line = (await kctl('describe', 'svc', 'sample-named-port-service')).split('\n').find((l) => l.startsWith('Endpoints:'))!;
    expect(line.replace(/^Endpoints:\s+/, '').split(',').sort()).toEqual([`${ip80}:80`, `${ip81}:81`].sort());
    expect(await kctl('describe', 'svc', 'sample-named-port-service')).toContain('TargetPort:               http/TCP\n');
    // Two port sets, two subsets and two slices.
    expect((await kctl('get', 'ep', 'sample-named-port-service', '-o', 'jsonpath={range .subsets[*]}{.addresses[0].ip}:{.ports[0].port} {end}')).trim().split(' ').sort()).toEqual([`${ip80}:80`, `${ip81}:81`].sort());
    const slices = await kctl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=sample-named-port-service', '-o', 'jsonpath={range .items[*]}{.ports[0].port}={.endpoints[0].addresses[0]} {end}');
    expect(slices.trim().split(' ').sort()).toEqual([`80=${ip80}`, `81=${ip81}`].sort());
  });

  it('names StatefulSet pods under their headless Service', async () => {
    await kctl('apply', '-f', SAMPLES + 'sample-statefulset-headless.yaml', '-f', SAMPLES + 'sample-headless.yaml');
    const hostnames = (await kctl('get', 'ep', 'sample-headless', '-o', 'jsonpath={.subsets[0].addresses[*].hostname}')).split(' ').sort();
    expect(hostnames).toEqual(['sample-statefulset-headless-0', 'sample-statefulset-headless-1', 'sample-statefulset-headless-2']);
    const slice = await kctl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=sample-headless', '-o', 'name');
    const text = await kctl('describe', slice.trim());
    expect(text).toMatch(/^Name:         sample-headless-[bcdfghjklmnpqrstvwxz2456789]{5}\nNamespace:    default\nLabels:       endpointslice.kubernetes.io\/managed-by=endpointslice-controller.k8s.io\n              kubernetes.io\/service-name=sample-headless\n              service.kubernetes.io\/headless=\nAnnotations:  endpoints.kubernetes.io\/last-change-trigger-time: 2025-01-06T01:00:00Z\nAddressType:  IPv4\nPorts:\n  Name       Port  Protocol\n  ----       ----  --------\n  http-port  80    TCP\nEndpoints:\n  - Addresses:  10\.244\.\d+\.\d+\n    Conditions:\n      Ready:    true\n    Hostname:   sample-statefulset-headless-\d\n    TargetRef:  Pod\/sample-statefulset-headless-\d\n    NodeName:   kctl-worker\d?\n    Zone:       <unset>\n/);
    const owner = await kctl('get', slice.trim(), '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}');
    expect(owner).toBe('Service/sample-headless');
  });

  it('keeps the kube-dns Endpoints of the CoreDNS pods, one subset for its three ports', async () => {
    const ports = await kctl('get', 'ep', 'kube-dns', '-n', 'kube-system', '-o', 'jsonpath={range .subsets[0].ports[*]}{.name}/{.port}/{.protocol} {end}');
    expect(ports.trim()).toBe('dns/53/UDP dns-tcp/53/TCP metrics/9153/TCP');
    expect(await kctl('get', 'ep', 'kube-dns', '-n', 'kube-system', '-o', 'jsonpath={.subsets[0].addresses[*].targetRef.name}')).toMatch(/^coredns-\S+ coredns-\S+$/);
    expect(await kctl('describe', 'svc', 'kubernetes')).toContain('Endpoints:                10.240.0.6:6443\n');
  });
});

describe('environment variables of Services', () => {
  const { sb, kctl } = sandbox();
  const envOf = async (pod: string, container = 'nginx-container'): Promise<Record<string, string>> => {
    const uid = await kctl('get', 'pod', pod, '-o', 'jsonpath={.metadata.uid}');
    return JSON.parse(sb.stateText()).containers[uid][container].env;
  };
  const firstPod = () => kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].metadata.name}');
  beforeAll(() => kctl('apply', '-f', SAMPLES + 'sample-deployment.yaml'));
  afterAll(() => sb.cleanup());

  it('are not seen by pods that started before the Service', async () => {
    await kctl('apply', '-f', SAMPLES + 'sample-clusterip.yaml');
    const env = await envOf(await firstPod());
    expect(Object.keys(env).filter((k) => k.startsWith('SAMPLE_'))).toEqual([]);
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
  });

  it('are given to pods created afterwards, as in seed 000', async () => {
    await kctl('delete', 'pod', await firstPod());
    const cip = await kctl('get', 'svc', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}');
    const pods = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ');
    const envs: Record<string, string>[] = [];
    for (const p of pods) envs.push(await envOf(p));
    const fresh = envs.find((e) => 'SAMPLE_CLUSTERIP_SERVICE_HOST' in e)!;
    const mine = Object.fromEntries(Object.entries(fresh).filter(([k]) => k.startsWith('SAMPLE_CLUSTERIP')));
    expect(mine).toEqual({
      SAMPLE_CLUSTERIP_PORT: `tcp://${cip}:8080`,
      SAMPLE_CLUSTERIP_PORT_8080_TCP_PORT: '8080',
      SAMPLE_CLUSTERIP_SERVICE_HOST: cip,
      SAMPLE_CLUSTERIP_SERVICE_PORT: '8080',
      SAMPLE_CLUSTERIP_PORT_8080_TCP_ADDR: cip,
      SAMPLE_CLUSTERIP_SERVICE_PORT_HTTP_PORT: '8080',
      SAMPLE_CLUSTERIP_PORT_8080_TCP: `tcp://${cip}:8080`,
      SAMPLE_CLUSTERIP_PORT_8080_TCP_PROTO: 'tcp',
    });
    expect(fresh.KUBERNETES_PORT_443_TCP).toBe('tcp://10.96.0.1:443');
    expect(fresh.KUBERNETES_SERVICE_PORT_HTTPS).toBe('443');
  });

  it('leave out headless and ExternalName Services, and all but kubernetes without service links', async () => {
    await kctl('apply', '-f', SAMPLES + 'sample-headless.yaml', '-f', SAMPLES + 'sample-externalname.yaml');
    const pod = (name: string, links: boolean) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  enableServiceLinks: ${links}\n  containers:\n  - name: c\n    image: centos:7\n    env:\n    - name: TARGET\n      value: $(SAMPLE_CLUSTERIP_SERVICE_HOST):$(SAMPLE_CLUSTERIP_SERVICE_PORT)\n    - name: SAMPLE_CLUSTERIP_SERVICE_PORT\n      value: "9999"\n    - name: ME\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n`;
    await kctl('apply', '-f', sb.file('linked.yaml', pod('linked', true)), '-f', sb.file('unlinked.yaml', pod('unlinked', false)));
    const cip = await kctl('get', 'svc', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}');
    const linked = await envOf('linked', 'c');
    expect(Object.keys(linked).filter((k) => /^SAMPLE_(HEADLESS|EXTERNALNAME)/.test(k))).toEqual([]);
    expect(linked.TARGET).toBe(`${cip}:8080`);
    expect(linked.SAMPLE_CLUSTERIP_SERVICE_PORT).toBe('9999');
    expect(linked.ME).toBe('linked');
    const unlinked = await envOf('unlinked', 'c');
    expect(Object.keys(unlinked).filter((k) => !k.startsWith('KUBERNETES_')).sort()).toEqual(['ME', 'SAMPLE_CLUSTERIP_SERVICE_PORT', 'TARGET']);
    expect(unlinked.TARGET).toBe('$(SAMPLE_CLUSTERIP_SERVICE_HOST):$(SAMPLE_CLUSTERIP_SERVICE_PORT)');
  });
});

describe('LoadBalancer details', () => {
  const { sb, kctl } = sandbox();
  afterAll(() => sb.cleanup());
  const lb = (name: string, extra: string) => sb.file(`${name}.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: LoadBalancer\n${extra}  ports:\n  - port: 8080\n  selector:\n    app: sample-app\n`);

  it('stays <pending> with a warning while loadBalancerIP is outside the pool, then takes it once it fits', async () => {
    await kctl('apply', '-f', lb('sample-lb', '  loadBalancerIP: 203.0.113.10\n'));
    expect(await kctl('get', 'svc', 'sample-lb', '-o', 'jsonpath={.status}')).toBe('{"loadBalancer":{}}');
    const text = await kctl('describe', 'svc', 'sample-lb');
    expect(text).toContain('IPs:                      ' + await kctl('get', 'svc', 'sample-lb', '-o', 'jsonpath={.spec.clusterIP}') + '\nDesired LoadBalancer IP:  203.0.113.10\nPort:');
    expect(text).toContain(
      'Events:\n  Type     Reason                  Age   From                Message\n  ----     ------                  ----  ----                -------\n  Normal   EnsuringLoadBalancer    0s    service-controller  Ensuring load balancer\n  Warning  SyncLoadBalancerFailed  0s    service-controller  Error syncing load balancer: failed to ensure load balancer: requested IP 203.0.113.10 is not in the address pool 10.240.1.1-10.240.1.254\n',
    );
    await kctl('apply', '-f', lb('sample-lb', '  loadBalancerIP: 10.240.1.200\n'));
    expect(await kctl('get', 'svc', 'sample-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}')).toBe('10.240.1.200');
  });

  it('refuses an address another LoadBalancer holds, and hands out the lowest free one otherwise', async () => {
    await kctl('apply', '-f', lb('second', '  loadBalancerIP: 10.240.1.200\n'), '-f', lb('third', ''));
    expect(await kctl('get', 'svc', 'second', 'third', '-o', 'jsonpath={.items[*].status.loadBalancer}')).toBe('{} {"ingress":[{"ip":"10.240.1.1","ipMode":"VIP"}]}');
    expect(await kctl('describe', 'svc', 'second')).toContain('failed to ensure load balancer: requested IP 10.240.1.200 is already in use by default/sample-lb\n');
  });

  it('gives externalTrafficPolicy Local a health-check node port, and takes it back', async () => {
    await kctl('apply', '-f', lb('local', '  externalTrafficPolicy: Local\n'));
    const [hc, np] = (await kctl('get', 'svc', 'local', '-o', 'jsonpath={.spec.healthCheckNodePort} {.spec.ports[0].nodePort}')).split(' ').map(Number);
    expect(hc).toBeGreaterThanOrEqual(30000);
    expect(hc).not.toBe(np);
    expect(await kctl('describe', 'svc', 'local')).toContain(`External Traffic Policy:  Local\nInternal Traffic Policy:  Cluster\nHealthCheck NodePort:     ${hc}\n`);
    await kctl('apply', '-f', lb('local', '  externalTrafficPolicy: Cluster\n'));
    expect(await kctl('get', 'svc', 'local', '-o', 'jsonpath={.spec.healthCheckNodePort}')).toBe('');
  });
});

describe('kctl expose', () => {
  const { sb, kctl } = sandbox();
  beforeAll(() => kctl('apply', '-f', SAMPLES + 'sample-deployment.yaml', '-f', SAMPLES + 'sample-named-port-pods.yaml'));
  afterAll(() => sb.cleanup());

  it('prints the Service kubectl would send', async () => {
    expect(await kctl('expose', 'deployment', 'sample-deployment', '--port=8080', '--target-port=80', '--type=NodePort', '--dry-run=client', '-o', 'yaml')).toBe(
      `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: sample-deployment
spec:
  ports:
  - port: 8080
    protocol: TCP
    targetPort: 80
  selector:
    app: sample-app
  type: NodePort
status:
  loadBalancer: {}
`,
    );
  });

  it('prints JSON in kubectl\'s field order for a dry run', async () => {
    expect(await kctl('expose', 'deployment', 'sample-deployment', '--port=80', '--cluster-ip=None', '--dry-run=client', '-o', 'json')).toBe(
      `{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "sample-deployment",
        "creationTimestamp": null
    },
    "spec": {
        "ports": [
            {
                "protocol": "TCP",
                "port": 80,
                "targetPort": 80
            }
        ],
        "selector": {
            "app": "sample-app"
        },
        "clusterIP": "None"
    },
    "status": {
        "loadBalancer": {}
    }
}
`,
    );
  });

  it('takes the port and labels from a pod and creates the Service', async () => {
    expect(await kctl('expose', 'pod', 'sample-named-port-pod-81', '--name=pod81', '--session-affinity=ClientIP')).toBe('service/pod81 exposed\n');
    expect(await kctl('get', 'svc', 'pod81', '-o', 'jsonpath={.spec.ports[0].port} {.spec.selector} {.metadata.labels} {.spec.sessionAffinityConfig.clientIP.timeoutSeconds}')).toBe(
      '81 {"app":"sample-app-named-port"} {"app":"sample-app-named-port"} 10800',
    );
  });

  it('refuses what it cannot expose or find a port for', async () => {
    const fail = (args: string[]) => sb.run(args, { env: { KCTL_NOW: NOW } });
    expect((await fail(['expose', 'deployment', 'sample-deployment'])).stderr).toBe("error: couldn't find port via --port flag or introspection\n");
    expect((await fail(['expose', 'ep', 'kubernetes', '--port=80'])).stderr).toBe('error: cannot expose a Endpoints\n');
    expect((await fail(['expose', 'deployment', 'sample-deployment', '--port=80', '--session-affinity=Sticky'])).stderr).toBe('error: unknown session affinity: Sticky\n');
    expect((await fail(['expose', 'svc', 'pod81', '--port=81'])).stderr).toBe('Error from server (AlreadyExists): services "pod81" already exists\n');
  });
});
