// Every kind of Service from the books' samples through apply, get, describe, update and delete,
// in kubectl 1.32's layout.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const NOW = '2025-01-06T01:00:00Z';

function sandbox(): { sb: Sandbox; kctl: (...args: string[]) => Promise<string> } {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args, { env: { KCTL_NOW: NOW } });
  return { sb, kctl };
}

const sample = (name: string) => SAMPLES + name;

describe('the ch.6 Services next to a three-replica Deployment', () => {
  const { sb, kctl } = sandbox();
  let ip: (svc: string) => Promise<string>;
  let podIPs: string[];

  beforeAll(async () => {
    await kctl('apply', '-f', sample('sample-deployment.yaml'));
    for (const f of ['clusterip', 'clusterip-multi', 'externalip', 'nodeport', 'lb', 'headless', 'externalname', 'none-selector', 'session-affinity']) {
      await kctl('apply', '-f', sample(`sample-${f}.yaml`));
    }
    ip = (svc) => kctl('get', 'svc', svc, '-o', 'jsonpath={.spec.clusterIP}');
    podIPs = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].status.podIP}')).split(' ').sort();
  });
  afterAll(() => sb.cleanup());

  it('lists every type with its columns', async () => {
    const rows = (await kctl('get', 'svc', '-o', 'wide')).split('\n');
    const row = (name: string) => rows.find((r) => r.startsWith(name + ' '))!.split(/\s{2,}/);
    expect(rows[0].split(/\s{2,}/)).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(row('sample-clusterip')).toEqual(['sample-clusterip', 'ClusterIP', await ip('sample-clusterip'), '<none>', '8080/TCP', '0s', 'app=sample-app']);
    expect(row('sample-clusterip-multi').slice(1, 5)).toEqual(['ClusterIP', await ip('sample-clusterip-multi'), '<none>', '8080/TCP,8443/TCP']);
    expect(row('sample-externalip').slice(1, 5)).toEqual(['ClusterIP', await ip('sample-externalip'), '10.240.0.7,10.240.0.8', '8080/TCP']);
    expect(row('sample-nodeport').slice(1, 5)).toEqual(['NodePort', await ip('sample-nodeport'), '<none>', '8080:30080/TCP']);
    expect(row('sample-lb').slice(1, 5)).toEqual(['LoadBalancer', await ip('sample-lb'), '10.240.1.1', '8080:30082/TCP']);
    expect(row('sample-session-affinity').slice(1, 5)).toEqual(['LoadBalancer', await ip('sample-session-affinity'), '10.240.1.2', '8080:30084/TCP']);
    expect(row('sample-headless').slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '80/TCP']);
    expect(row('sample-externalname')).toEqual(['sample-externalname', 'ExternalName', '<none>', 'example.com', '<none>', '0s', '<none>']);
    expect(row('sample-none-selector').slice(1, 7)).toEqual(['ClusterIP', await ip('sample-none-selector'), '<none>', '8080/TCP', '0s', '<none>']);
  });

  it('allocates ClusterIPs at random from the upper part of 10.96.0.0/12, all distinct', async () => {
    const ips = (await kctl('get', 'svc', '-o', 'jsonpath={.items[*].spec.clusterIP}')).split(' ').filter((x) => x !== 'None' && x !== '');
    expect(new Set(ips).size).toBe(ips.length);
    for (const a of ips.filter((x) => x !== '10.96.0.1')) expect(a).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(ips.filter((x) => x !== '10.96.0.1' && x.startsWith('10.96.0.'))).toEqual([]);
  });

  it('describes a ClusterIP Service with its endpoints', async () => {
    const cip = await ip('sample-clusterip');
    expect(await kctl('describe', 'svc', 'sample-clusterip')).toBe(
      `Name:                     sample-clusterip
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=sample-app
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${cip}
IPs:                      ${cip}
Port:                     http-port  8080/TCP
TargetPort:               80/TCP
Endpoints:                ${podIPs.map((p) => `${p}:80`).join(',')}
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
    );
  });

  it('gives each port of a multi-port Service its own group', async () => {
    const text = await kctl('describe', 'svc', 'sample-clusterip-multi');
    expect(text).toContain(
      `Port:                     http-port  8080/TCP
TargetPort:               80/TCP
Endpoints:                ${podIPs.map((p) => `${p}:80`).join(',')}
Port:                     https-port  8443/TCP
TargetPort:               443/TCP
Endpoints:                ${podIPs.map((p) => `${p}:443`).join(',')}
Session Affinity:         None
`,
    );
  });

  it('shows external IPs, and the traffic policy they make externally accessible', async () => {
    const text = await kctl('describe', 'svc', 'sample-externalip');
    expect(text).toContain(`IPs:                      ${await ip('sample-externalip')}\nExternal IPs:             10.240.0.7,10.240.0.8\nPort:`);
    expect(text).toContain('External Traffic Policy:  Cluster\nInternal Traffic Policy:  Cluster\n');
  });

  it('describes a NodePort Service', async () => {
    const text = await kctl('describe', 'svc', 'sample-nodeport');
    expect(text).toContain('Type:                     NodePort\n');
    expect(text).toContain('Port:                     http-port  8080/TCP\nTargetPort:               80/TCP\nNodePort:                 http-port  30080/TCP\n');
    expect(text).toContain('Session Affinity:         None\nExternal Traffic Policy:  Cluster\nInternal Traffic Policy:  Cluster\nEvents:                   <none>\n');
  });

  it('gives a LoadBalancer an address from the pool, with the service controller events', async () => {
    const lb = await ip('sample-lb');
    expect(await kctl('describe', 'svc', 'sample-lb')).toBe(
      `Name:                        sample-lb
Namespace:                   default
Labels:                      <none>
Annotations:                 <none>
Selector:                    app=sample-app
Type:                        LoadBalancer
IP Family Policy:            SingleStack
IP Families:                 IPv4
IP:                          ${lb}
IPs:                         ${lb}
LoadBalancer Ingress:        10.240.1.1 (VIP)
Port:                        http-port  8080/TCP
TargetPort:                  80/TCP
NodePort:                    http-port  30082/TCP
Endpoints:                   ${podIPs.map((p) => `${p}:80`).join(',')}
Session Affinity:            None
External Traffic Policy:     Cluster
Internal Traffic Policy:     Cluster
LoadBalancer Source Ranges:  10.0.0.0/8
Events:
  Type    Reason                Age   From                Message
  ----    ------                ----  ----                -------
  Normal  EnsuringLoadBalancer  0s    service-controller  Ensuring load balancer
  Normal  EnsuredLoadBalancer   0s    service-controller  Ensured load balancer
`,
    );
    const status = JSON.parse(await kctl('get', 'svc', 'sample-lb', '-o', 'jsonpath={.status}'));
    expect(status).toEqual({ loadBalancer: { ingress: [{ ip: '10.240.1.1', ipMode: 'VIP' }] } });
  });

  it('keeps ClientIP session affinity with its timeout', async () => {
    expect(await kctl('get', 'svc', 'sample-session-affinity', '-o', 'jsonpath={.spec.sessionAffinity} {.spec.sessionAffinityConfig.clientIP.timeoutSeconds}')).toBe('ClientIP 10');
    expect(await kctl('describe', 'svc', 'sample-session-affinity')).toContain('Session Affinity:         ClientIP\n');
  });

  it('describes a headless Service: no ClusterIP, the pods as endpoints', async () => {
    const text = await kctl('describe', 'svc', 'sample-headless');
    expect(text).toContain('IP Family Policy:         SingleStack\nIP Families:              IPv4\nIP:                       None\nIPs:                      None\n');
    expect(text).toContain(`Endpoints:                ${podIPs.map((p) => `${p}:80`).join(',')}\n`);
    expect(await kctl('get', 'ep', 'sample-headless', '-o', 'jsonpath={.metadata.labels}')).toBe('{"service.kubernetes.io/headless":""}');
  });

  it('describes an ExternalName Service as kubectl does, empty IP and all', async () => {
    expect(await kctl('describe', 'svc', 'sample-externalname')).toBe(
      `Name:              sample-externalname
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          <none>
Type:              ExternalName
IP Families:       <none>
IP:                
IPs:               <none>
External Name:     example.com
Session Affinity:  None
Events:            <none>
`,
    );
  });

  it('serves the Endpoints users write for a selector-less Service', async () => {
    expect(await kctl('describe', 'svc', 'sample-none-selector')).toContain(
      'Port:                     <unset>  8080/TCP\nTargetPort:               80/TCP\nEndpoints:                17.178.96.59:80,172.217.175.110:80\n',
    );
    expect(await kctl('get', 'ep', 'sample-none-selector')).toBe('NAME                   ENDPOINTS                            AGE\nsample-none-selector   17.178.96.59:80,172.217.175.110:80   0s\n');
    expect(await kctl('describe', 'ep', 'sample-none-selector')).toBe(
      `Name:         sample-none-selector
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          17.178.96.59,172.217.175.110
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  80    TCP

Events:  <none>
`,
    );
  });

  it('keeps the Endpoints in step with the pods when the Deployment is replaced', async () => {
    await kctl('delete', 'deployment', 'sample-deployment');
    expect((await kctl('describe', 'service', 'sample-clusterip')).split('\n').filter((l) => l.startsWith('Endpoints'))).toEqual(['Endpoints:                ']);
    expect(await kctl('get', 'ep', 'sample-clusterip', '-o', 'jsonpath={.subsets}')).toBe('');
    await kctl('apply', '-f', sample('sample-deployment.yaml'));
    const fresh = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].status.podIP}')).split(' ').sort();
    expect(fresh).toHaveLength(3);
    expect((await kctl('describe', 'service', 'sample-clusterip')).split('\n').filter((l) => l.startsWith('Endpoints'))).toEqual([`Endpoints:                ${fresh.map((p) => `${p}:80`).join(',')}`]);
    podIPs = fresh;
  });

  it('turns a NodePort Service into a ClusterIP one and hands its node port to the next Service', async () => {
    const before = await ip('sample-nodeport');
    const cip = sb.file('nodeport-as-clusterip.yaml', readFileSync(sample('sample-nodeport.yaml'), 'utf8').replace('type: NodePort', 'type: ClusterIP').replace(/\s+nodePort: 30080/, ''));
    expect(await kctl('apply', '-f', cip)).toBe('service/sample-nodeport configured\n');
    expect(await kctl('get', 'svc', 'sample-nodeport', '-o', 'jsonpath={.spec.type} {.spec.clusterIP} {.spec.ports[0].nodePort} {.spec.externalTrafficPolicy}')).toBe(`ClusterIP ${before}  `);
    const other = sb.file('other-nodeport.yaml', readFileSync(sample('sample-nodeport.yaml'), 'utf8').replace('name: sample-nodeport', 'name: other-nodeport'));
    expect(await kctl('apply', '-f', other)).toBe('service/other-nodeport created\n');
    expect(await kctl('get', 'svc', 'other-nodeport', '-o', 'jsonpath={.spec.ports[0].nodePort}')).toBe('30080');
  });

  it('releases the ClusterIP on a change to ExternalName and allocates a new one on the way back', async () => {
    const before = await ip('sample-clusterip');
    const en = sb.file('as-externalname.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: sample-clusterip\nspec:\n  type: ExternalName\n  externalName: example.com\n');
    await kctl('apply', '-f', en);
    expect(await kctl('get', 'svc', 'sample-clusterip', '-o', 'jsonpath={.spec}')).toBe('{"externalName":"example.com","internalTrafficPolicy":"Cluster","sessionAffinity":"None","type":"ExternalName"}');
    const taker = sb.file('taker.yaml', `apiVersion: v1\nkind: Service\nmetadata:\n  name: taker\nspec:\n  clusterIP: ${before}\n  ports:\n  - port: 80\n`);
    expect(await kctl('apply', '-f', taker)).toBe('service/taker created\n');
    await kctl('apply', '-f', sample('sample-clusterip.yaml'));
    const after = await ip('sample-clusterip');
    expect(after).toMatch(/^10\./);
    expect(after).not.toBe(before);
  });

  it('frees everything a deleted Service held', async () => {
    const lbIP = await ip('sample-lb');
    await kctl('delete', 'svc', 'sample-lb');
    expect(await kctl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=sample-lb', '-o', 'name')).toBe('');
    expect((await sb.run(['get', 'ep', 'sample-lb'], { env: { KCTL_NOW: NOW } })).stderr).toBe('Error from server (NotFound): endpoints "sample-lb" not found\n');
    const again = sb.file('lb-again.yaml', readFileSync(sample('sample-lb.yaml'), 'utf8').replace('name: sample-lb', 'name: lb-again').replace('spec:', `spec:\n  clusterIP: ${lbIP}\n  loadBalancerIP: 10.240.1.1`));
    await kctl('apply', '-f', again);
    expect(await kctl('get', 'svc', 'lb-again', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort} {.status.loadBalancer.ingress[0].ip}')).toBe(`${lbIP} 30082 10.240.1.1`);
  });
});

describe('the jissen ch.5 Services', () => {
  const { sb, kctl } = sandbox();
  const JISSEN = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
  afterAll(() => sb.cleanup());

  it('defaults targetPort to port and picks a node port from 30000-32767', async () => {
    await kctl('apply', '-f', JISSEN + 'simple-replicaset-with-label.yaml', '-f', JISSEN + 'simple-nodeport-service.yaml');
    const [target, nodePort] = (await kctl('get', 'svc', 'echo', '-o', 'jsonpath={.spec.ports[0].targetPort} {.spec.ports[0].nodePort}')).split(' ').map(Number);
    expect(target).toBe(80);
    expect(nodePort).toBeGreaterThanOrEqual(30000 + 86);
    expect(nodePort).toBeLessThanOrEqual(32767);
    expect(await kctl('get', 'svc', 'echo')).toMatch(new RegExp(`^NAME   TYPE       CLUSTER-IP +EXTERNAL-IP   PORT\\(S\\)        AGE\necho   NodePort   10\\.[0-9.]+ +<none>        80:${nodePort}/TCP   0s\n$`));
    // echo's three pods (spring and summer) serve port 80 of their nginx container
    expect((await kctl('get', 'ep', 'echo', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')).split(' ')).toHaveLength(3);
  });

  it('narrows the endpoints to release=summer when the selector changes', async () => {
    await kctl('apply', '-f', JISSEN + 'simple-service.yaml');
    const summer = (await kctl('get', 'pods', '-l', 'release=summer', '-o', 'jsonpath={.items[*].status.podIP}')).split(' ').sort();
    expect((await kctl('get', 'ep', 'echo', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')).split(' ')).toEqual(summer);
  });

  it('creates the ExternalName Service for gihyo.jp', async () => {
    await kctl('apply', '-f', JISSEN + 'simple-externalname-service.yaml');
    expect(await kctl('get', 'svc', 'gihyo')).toBe('NAME    TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\ngihyo   ExternalName   <none>       gihyo.jp      <none>    0s\n');
  });
});
