// Kubernetes完全ガイド ch.6 (seeds 000 and 002) replayed with the upstream kubectl v1.32 through
// `kctl serve`: every step that needs no streaming goes through the server and prints what kctl
// prints and what the book shows (names, addresses, ages and column padding aside). The steps that
// stream (`run --rm -i`, `exec -it`) are done with kctl in between, as a user does while the server
// has no exec, so both clients work on one cluster. Where v1.32 differs from the book the test
// says so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBook, serveBooks, type Books } from '../helpers/books.js';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/ingress/', import.meta.url).pathname;
const TESTPOD = ['run', '--image=centos:6', '--restart=Never', '--rm', '-i', 'testpod', '--'];

describe('Kubernetes完全ガイド ch.6 through kubectl v1.32 and kctl serve', () => {
  const sb = new Sandbox('6');
  let b: Books;
  const apply = (file: string) => b.ok('apply', '-f', SAMPLES + file);
  /** What the throw-away pod prints, without kubectl's closing line. */
  const testpod = async (...cmd: string[]) => {
    const r = await b.kctl(...TESTPOD, ...cmd);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('pod "testpod" deleted\n')).toBe(true);
    return r.stdout.slice(0, -'pod "testpod" deleted\n'.length);
  };
  const podNames = async () => (await b.ok('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].metadata.name}')).split(' ');

  beforeAll(async () => {
    b = await serveBooks(sb);
  });
  afterAll(async () => {
    await b?.stop();
    sb.cleanup();
  });

  it('6.x ClusterIP: tables, describe, and curl from throw-away pods over every pod', async () => {
    expect(await apply('sample-deployment.yaml')).toBe('deployment.apps/sample-deployment created\n');
    expect(await apply('sample-clusterip.yaml')).toBe('service/sample-clusterip created\n');
    expectBook(await b.same('get', 'deployments'), 'NAME READY UP-TO-DATE AVAILABLE AGE\nsample-deployment 3/3 3 3 80s');
    const columns = await b.same('get', 'pods', '-l', 'app=sample-app', '-o', 'custom-columns=NAME:{metadata.name},IP:{status.podIP}');
    expectBook(columns, `NAME                                 IP
sample-deployment-6c5948bf66-c5j2l   10.4.2.40
sample-deployment-6c5948bf66-fwdzj   10.4.1.14
sample-deployment-6c5948bf66-xkn4v   10.4.2.41`);
    expectBook(await b.same('get', 'service', 'sample-clusterip'), `NAME               TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE
sample-clusterip   ClusterIP   10.7.246.109   <none>        8080/TCP   13s`);
    // v1.32: no last-applied-configuration annotation, and IP Family Policy, IP Families, IPs and
    // Internal Traffic Policy lines in between.
    expectBook(await b.same('describe', 'service', 'sample-clusterip'), `Name:              sample-clusterip
Namespace:         default
Labels:            <none>
Selector:          app=sample-app
Type:              ClusterIP
IP:                10.7.246.109
Port:              http-port  8080/TCP
TargetPort:        80/TCP
Endpoints:         10.4.1.14:80,10.4.2.40:80,10.4.2.41:80
Session Affinity:  None
Events:            <none>`);
    // `exec -it` streams: kctl writes each pod's name into its index.html, and the pods kubectl
    // listed answer a curl through the ClusterIP.
    const pods = await podNames();
    for (const p of pods) expect((await b.kctl('exec', '-it', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html')).code).toBe(0);
    const ip = await b.ok('get', 'service', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}');
    const seen = new Set<string>();
    for (let i = 0; i < 15 && seen.size < pods.length; i++) seen.add((await testpod('curl', '-s', `http://${ip}:8080`)).trim());
    expect([...seen].sort()).toEqual([...pods].sort());
  });

  it('6.x ClusterIP: recreated pods are the new endpoints, and their env names the Service', async () => {
    // The book's v1.14 kubectl said deployment.extensions; v1.32 names the apps group.
    expect(await b.ok('delete', 'deployment', 'sample-deployment')).toBe('deployment.apps "sample-deployment" deleted\n');
    expect(await apply('sample-deployment.yaml')).toBe('deployment.apps/sample-deployment created\n');
    const ips = (await b.ok('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].status.podIP}')).split(' ');
    const endpoints = (await b.same('describe', 'service', 'sample-clusterip')).split('\n').filter((l) => l.includes('Endpoints'));
    expect(endpoints).toEqual([`Endpoints:                ${ips.map((i) => `${i}:80`).sort().join(',')}`]);
    const pods = await podNames();
    for (const p of pods) expect((await b.kctl('exec', '-it', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html')).code).toBe(0);
    const env = await b.kctl('exec', '-it', pods[0], '--', 'printenv');
    expect(env.stdout).toContain('\nSAMPLE_CLUSTERIP_SERVICE_PORT_HTTP_PORT=8080\n');
    const ip = await b.ok('get', 'service', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}');
    expect(await testpod('dig', 'sample-clusterip.default.svc.cluster.local', '+short')).toBe(`${ip}\n`);
  });

  it('the throw-away pod without streaming: kubectl run (no -i), logs and delete', async () => {
    const pods = await podNames();
    const run = (...cmd: string[]) => b.ok('run', 'testpod', '--image=centos:6', '--restart=Never', '--', ...cmd);
    expect(await run('curl', '-s', 'http://sample-clusterip:8080')).toBe('pod/testpod created\n');
    expect(await b.same('get', 'pod', 'testpod')).toMatch(/^testpod +0\/1 +Completed +0 +\S+\n$/m);
    expect(pods).toContain((await b.same('logs', 'testpod')).trim());
    expect(await b.ok('delete', 'pod', 'testpod')).toBe('pod "testpod" deleted\n');
    const ip = await b.ok('get', 'service', 'sample-clusterip', '-o', 'jsonpath={.spec.clusterIP}');
    expect(await run('dig', 'sample-clusterip.default.svc.cluster.local', '+short')).toBe('pod/testpod created\n');
    expect(await b.same('logs', 'testpod')).toBe(`${ip}\n`);
    expect(await b.ok('delete', 'pod', 'testpod')).toBe('pod "testpod" deleted\n');
  });

  it('6.2: pod labels by jsonpath, and the multi-port ClusterIP', async () => {
    const pod = (await podNames())[0];
    // v1.32's jsonpath prints a map as JSON; the book's older kubectl printed map[app:… …].
    const labels = await b.same('get', 'pods', pod, '-o', 'jsonpath={.metadata.labels}');
    expect(labels).toMatch(/^\{"app":"sample-app","pod-template-hash":"[a-z0-9]+"\}$/);
    expect(await apply('sample-clusterip-multi.yaml')).toBe('service/sample-clusterip-multi created\n');
    expectBook(await b.same('describe', 'service', 'sample-clusterip-multi'), `Name:              sample-clusterip-multi
Selector:          app=sample-app
Type:              ClusterIP
Port:              http-port  8080/TCP
TargetPort:        80/TCP
Endpoints:         10.1.0.47:80,10.1.0.48:80,10.1.0.49:80
Port:              https-port  8443/TCP
TargetPort:        443/TCP
Endpoints:         10.1.0.47:443,10.1.0.48:443,10.1.0.49:443
Session Affinity:  None
Events:            <none>`);
    expect(await b.ok('delete', 'service', 'sample-clusterip', 'sample-clusterip-multi')).toBe('service "sample-clusterip" deleted\nservice "sample-clusterip-multi" deleted\n');
  });

  it('6.x ExternalIP: nodes by custom columns, the Service table and describe, curl from outside', async () => {
    expect(await apply('sample-externalip.yaml')).toBe('service/sample-externalip created\n');
    expectBook(await b.same('get', 'pods', '-o', 'custom-columns=NAME:{.metadata.name},PodIP:{.status.podIP}'), 'NAME PodIP\nsample-deployment-6c5948bf66-9j5jh 10.4.2.3');
    expectBook(await b.same('get', 'nodes', '-o', 'custom-columns=NAME:{metadata.name},IP:{status.addresses[].address}'), 'NAME IP');
    // The nodes are a kind cluster's, not GKE's; sample-externalip lists two of them.
    expectBook(await b.same('get', 'services'), `NAME                TYPE        CLUSTER-IP     EXTERNAL-IP              PORT(S)    AGE
kubernetes          ClusterIP   10.7.240.1     <none>                   443/TCP    93d
sample-externalip   ClusterIP   10.7.241.169   10.138.0.9,10.138.0.10   8080/TCP   50s`);
    expectBook(await b.same('describe', 'service', 'sample-externalip'), `Name:              sample-externalip
Selector:          app=sample-app
Type:              ClusterIP
IP:                10.7.241.169
External IPs:      10.138.0.9,10.138.0.10
Port:              http-port  8080/TCP
TargetPort:        80/TCP
Endpoints:         10.4.2.3:80,10.4.2.4:80,10.4.2.5:80`);
    const r = await b.kctl('host', '--', 'curl', '-s', 'http://10.240.0.7:8080');
    expect(await podNames()).toContain(r.stdout.trim() || '(no answer)');
  });

  it('6.x NodePort: describe, nodes -o wide, the refused port 8888, and curl on every node', async () => {
    expect(await apply('sample-nodeport.yaml')).toBe('service/sample-nodeport created\n');
    expectBook(await b.same('get', 'services', 'sample-nodeport'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nsample-nodeport NodePort 10.4.13.251 <none> 8080:30080/TCP 7s');
    expectBook(await b.same('describe', 'service', 'sample-nodeport'), `Name:                     sample-nodeport
Selector:                 app=sample-app
Type:                     NodePort
IP:                       10.4.13.251
Port:                     http-port  8080/TCP
TargetPort:               80/TCP
NodePort:                 http-port  30080/TCP
Endpoints:                10.0.0.6:80,10.0.1.3:80,10.0.2.3:80
Session Affinity:         None
External Traffic Policy:  Cluster
Events:                   <none>`);
    const wide = await b.same('get', 'nodes', '-o', 'wide');
    expect(wide.split('\n')[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/);
    const failed = await b.k('apply', '-f', SAMPLES + 'sample-nodeport-fail.yaml');
    expect(failed).toEqual({
      stdout: '',
      stderr: 'The Service "sample-nodeport-fail" is invalid: spec.ports[0].nodePort: Invalid value: 8888: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
      code: 1,
    });
    expect(failed).toEqual(await b.kctl('apply', '-f', SAMPLES + 'sample-nodeport-fail.yaml'));
    const pods = await podNames();
    for (const ip of ['10.240.0.6', '10.240.0.7', '10.240.0.8', '10.240.0.9']) expect(pods).toContain((await b.kctl('host', '--', 'curl', '-s', `http://${ip}:30080`)).stdout.trim());
  });

  it('6.x LoadBalancer and session affinity: the address, the NodePort inside, and the events', async () => {
    expect(await apply('sample-lb.yaml')).toBe('service/sample-lb created\n');
    expectBook(await b.same('get', 'services', 'sample-lb'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nsample-lb LoadBalancer 10.4.13.107 34.71.248.88 8080:30082/TCP 5m43s');
    // v1.32 ends the address with ` (VIP)` and lists the source ranges.
    const lb = await b.same('describe', 'service', 'sample-lb');
    expectBook(lb, `Name:                     sample-lb
Selector:                 app=sample-app
Type:                     LoadBalancer
IP:                       10.4.13.107
Port:                     http-port  8080/TCP
TargetPort:               80/TCP
NodePort:                 http-port  30082/TCP
Endpoints:                10.0.0.6:80,10.0.1.3:80,10.0.2.3:80
Session Affinity:         None
External Traffic Policy:  Cluster
Events:
  Type    Reason                Age    From                Message
  ----    ------                ----   ----                -------
  Normal  EnsuringLoadBalancer  5m45s  service-controller  Ensuring load balancer
  Normal  EnsuredLoadBalancer   5m     service-controller  Ensured load balancer`);
    expect(lb).toMatch(/^LoadBalancer Ingress: +10\.240\.1\.\d+ \(VIP\)$/m);
    const address = await b.ok('get', 'service', 'sample-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
    expect(await podNames()).toContain((await b.kctl('host', '--', 'curl', '-s', `http://${address}:8080`)).stdout.trim());
    expect(await apply('sample-session-affinity.yaml')).toBe('service/sample-session-affinity created\n');
    expect(await b.same('describe', 'service', 'sample-session-affinity')).toMatch(/^Session Affinity: +ClientIP$/m);
    expect(await b.ok('delete', 'service', 'sample-externalip', 'sample-nodeport', 'sample-lb', 'sample-session-affinity')).toMatch(/^(service "[a-z-]+" deleted\n){4}$/);
  });

  it('6.x Headless: a StatefulSet under a Service without a ClusterIP, by name from a throw-away pod', async () => {
    expect(await b.ok('delete', 'deployment', 'sample-deployment')).toBe('deployment.apps "sample-deployment" deleted\n');
    expect(await apply('sample-statefulset-headless.yaml')).toBe('statefulset.apps/sample-statefulset-headless created\n');
    expect(await apply('sample-headless.yaml')).toBe('service/sample-headless created\n');
    expectBook(await b.same('get', 'pods', '-o', 'custom-columns=NAME:{.metadata.name},PodIP:{.status.podIP}'), `NAME                            PodIP
sample-statefulset-headless-0   10.0.1.2
sample-statefulset-headless-1   10.0.1.3
sample-statefulset-headless-2   10.0.1.4`);
    expectBook(await b.same('get', 'services'), `NAME              TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
kubernetes        ClusterIP   10.4.0.1     <none>        443/TCP   12d
sample-headless   ClusterIP   None         <none>        80/TCP    19s`);
    expectBook(await b.same('describe', 'service', 'sample-headless'), `Name:              sample-headless
Selector:          app=sample-app
Type:              ClusterIP
IP:                None
Port:              http-port  80/TCP
TargetPort:        80/TCP
Endpoints:         10.0.1.2:80,10.0.1.3:80,10.0.1.4:80
Session Affinity:  None
Events:            <none>`);
    const ip0 = await b.ok('get', 'pod', 'sample-statefulset-headless-0', '-o', 'jsonpath={.status.podIP}');
    expect(await testpod('dig', 'sample-statefulset-headless-0.sample-headless.default.svc.cluster.local', '+short')).toBe(`${ip0}\n`);
  });

  it('6.x ExternalName and the selector-less Service with hand-written Endpoints', async () => {
    expect(await apply('sample-externalname.yaml')).toBe('service/sample-externalname created\n');
    expectBook(await b.same('get', 'services', 'sample-externalname'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nsample-externalname ExternalName <none> example.com <none> 5s');
    expectBook(await b.same('describe', 'service', 'sample-externalname'), 'Name: sample-externalname\nSelector: <none>\nType: ExternalName\nIP:\nExternal Name: example.com');
    expect(await testpod('dig', 'sample-externalname.default.svc.cluster.local', 'CNAME', '+short')).toBe('example.com.\n');
    expect(await apply('sample-none-selector.yaml')).toBe('service/sample-none-selector created\nendpoints/sample-none-selector created\n');
    expectBook(await b.same('get', 'services', 'sample-none-selector'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nsample-none-selector ClusterIP 10.4.2.165 <none> 8080/TCP 12s');
    expectBook(await b.same('describe', 'service', 'sample-none-selector'), `Name:              sample-none-selector
Selector:          <none>
Type:              ClusterIP
IP:                10.4.2.165
Port:              <unset>  8080/TCP
TargetPort:        80/TCP
Endpoints:         17.178.96.59:80,172.217.175.110:80
Session Affinity:  None
Events:            <none>`);
    expectBook(await b.same('get', 'endpoints', 'sample-none-selector'), 'NAME ENDPOINTS AGE\nsample-none-selector 17.178.96.59:80,172.217.175.110:80 78s');
    expectBook(await b.same('describe', 'endpoints', 'sample-none-selector'), `Name:         sample-none-selector
Namespace:    default
Labels:       <none>
Subsets:
  Addresses:          17.178.96.59,172.217.175.110
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  80    TCP
Events:  <none>`);
    const ip = await b.ok('get', 'service', 'sample-none-selector', '-o', 'jsonpath={.spec.clusterIP}');
    expect(await testpod('curl', '-I', '-s', `${ip}:8080`)).toMatch(/^HTTP\/1\.1 301 Moved Permanently\r\n|^HTTP\/1\.1 301 MOVED PERMANENTLY\r\n/);
  });

  it('6.x Ingress: the apps, a TLS secret, the v1 manifest (v1beta1 is not served by v1.32), and curl', async () => {
    expect(await apply('sample-ingress-apps.yaml')).toBe(
      'pod/sample-ingress-apps-1 created\nservice/sample-ingress-svc-1 created\npod/sample-ingress-apps-2 created\nservice/sample-ingress-svc-2 created\npod/sample-ingress-default created\nservice/sample-ingress-default created\n',
    );
    expectBook(await b.same('get', 'all'), `NAME                         READY   STATUS    RESTARTS   AGE
pod/sample-ingress-apps-1    1/1     Running   0          62s
pod/sample-ingress-apps-2    1/1     Running   0          61s
pod/sample-ingress-default   1/1     Running   0          60s

NAME                             TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)          AGE
service/sample-ingress-default   NodePort    10.4.2.125   <none>        8888:32343/TCP   62s
service/sample-ingress-svc-1     NodePort    10.4.4.202   <none>        8888:30755/TCP   63s
service/sample-ingress-svc-2     NodePort    10.4.0.222   <none>        8888:31640/TCP   62s`);
    expect(await b.ok('create', 'secret', 'tls', 'tls-sample', '--key', `${FIXTURES}tls.key`, '--cert', `${FIXTURES}tls.crt`)).toBe('secret/tls-sample created\n');
    await b.kctl('exec', '-it', 'sample-ingress-apps-1', '--', 'mkdir', '/usr/share/nginx/html/path1');
    await b.kctl('exec', '-it', 'sample-ingress-apps-1', '--', '/bin/sh', '-c', 'hostname > /usr/share/nginx/html/path1/index.html');
    await b.kctl('exec', '-it', 'sample-ingress-default', '--', '/bin/sh', '-c', 'hostname > /usr/share/nginx/html/index.html');
    // The book's networking.k8s.io/v1beta1 Ingress: a v1.32 server no longer serves that version,
    // so kubectl finds no mapping for it (kctl's own apply converts it, with the deprecation
    // warning a v1.19–v1.21 server gave).
    expect(await b.k('apply', '-f', SAMPLES + 'sample-ingress.yaml')).toEqual({
      stdout: '',
      stderr: `error: resource mapping not found for name: "sample-ingress" namespace: "" from "${SAMPLES}sample-ingress.yaml": no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"\nensure CRDs are installed first\n`,
      code: 1,
    });
    expect(await apply('sample-ingress-v1.yaml')).toBe('ingress.networking.k8s.io/sample-ingress created\n');
    // v1.32 adds the CLASS column.
    expectBook(await b.same('get', 'ingresses'), 'NAME CLASS HOSTS ADDRESS PORTS AGE\nsample-ingress nginx sample.example.com 35.190.31.149 80, 443 2d1h');
    const described = await b.same('describe', 'ingress', 'sample-ingress');
    // v1.32 resolves the backends' endpoints where the book's GKE showed <none>, and the v1
    // manifest's paths are Prefix paths without GKE's `/*`.
    expectBook(described, `Name:             sample-ingress
Namespace:        default
Address:          35.190.31.149
TLS:
  tls-sample terminates sample.example.com
Rules:
  Host                Path  Backends
  ----                ----  --------
  sample.example.com`);
    expect(described).toMatch(/^Default backend: +sample-ingress-default:8888 \(10\.244\.\d+\.\d+:80\)$/m);
    expect(described).toMatch(/^ +\/path1\/ +sample-ingress-svc-1:8888 \(10\.244\.\d+\.\d+:80\)$/m);
    const address = await b.ok('get', 'ingress', 'sample-ingress', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
    // The v1 manifest leaves ingress-nginx's ssl-redirect on (the book's v1beta1 one turned it
    // off), so plain http answers 308 and the pages come over https.
    expect((await b.kctl('host', '--', 'curl', '-si', `http://${address}/index.html`, '-H', 'Host: sample.example.com')).stdout).toMatch(/^HTTP\/1\.1 308 Permanent Redirect\r\n/);
    const curl = async (path: string) => (await b.kctl('host', '--', 'curl', '-sk', `https://${address}${path}`, '-H', 'Host: sample.example.com')).stdout;
    expect(await curl('/index.html')).toBe('sample-ingress-default\n');
    expect(await curl('/path1/index.html')).toBe('sample-ingress-apps-1\n');
  });
});
