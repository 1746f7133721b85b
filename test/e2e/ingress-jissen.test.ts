// Docker/Kubernetes実践コンテナ開発入門 ch.5's Ingress (seed 001): ingress-nginx 0.16.2 installed
// from its manifest URLs, a host-based Ingress, `default backend - 404` without the Host header,
// `Hello Docker!!` with it, and the server-snippet sending mobile browsers to gihyo.jp.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const NOW = { env: { KCTL_NOW: '2025-01-06T01:00:00Z' } };
const MANDATORY = 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/nginx-0.16.2/deploy/mandatory.yaml';
const CLOUD_GENERIC = 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/nginx-0.16.2/deploy/provider/cloud-generic.yaml';
const HOST = ['-H', 'Host: ch05.gihyo.local'];
const IPHONE = 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/604.1.38 (KHTML, like Gecko) Version/11.0 Mobile/15A372 Safari/604.1';

describe('the 実践 Ingress on ingress-nginx 0.16.2 installed from its manifests', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args, NOW);
  const curl = (...args: string[]) => kctl('host', '--', 'curl', '-s', 'http://localhost', ...args);

  beforeAll(async () => {
    await kctl('apply', '-f', `${SAMPLES}simple-replicaset-with-label.yaml`);
    await kctl('apply', '-f', `${SAMPLES}simple-service.yaml`);
  });
  afterAll(() => sb.cleanup());

  it('installs the add-on from the well-known URLs, replacing the built-in controller', async () => {
    expect(await kctl('apply', '-f', MANDATORY)).toBe(
      `namespace/ingress-nginx configured
deployment.apps/default-http-backend created
service/default-http-backend created
configmap/nginx-configuration created
configmap/tcp-services created
configmap/udp-services created
serviceaccount/nginx-ingress-serviceaccount created
deployment.apps/nginx-ingress-controller created
`,
    );
    expect(await kctl('apply', '-f', CLOUD_GENERIC)).toBe('service/ingress-nginx created\n');
    expect(await kctl('get', 'ingressclass')).toBe('');
  });

  it('shows the controller, the default backend and the LoadBalancer as the notes do', async () => {
    const lines = (await kctl('-n', 'ingress-nginx', 'get', 'service,pod')).split('\n');
    const cells = (l: string) => l.split(/\s{2,}/);
    expect(cells(lines[0])).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    expect(cells(lines[1])).toEqual(['service/default-http-backend', 'ClusterIP', expect.stringMatching(/^10\./), '<none>', '80/TCP', '0s']);
    expect(cells(lines[2])).toEqual(['service/ingress-nginx', 'LoadBalancer', expect.stringMatching(/^10\./), '10.240.1.1', expect.stringMatching(/^80:3\d{4}\/TCP,443:3\d{4}\/TCP$/), '0s']);
    expect(lines[3]).toBe('');
    expect(cells(lines[4])).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(lines[5]).toMatch(/^pod\/default-http-backend-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +0s$/);
    expect(lines[6]).toMatch(/^pod\/nginx-ingress-controller-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +0s$/);
    expect(lines.length).toBe(8);
  });

  it('routes on the Host header only', async () => {
    const r = await sb.run(['apply', '-f', `${SAMPLES}simple-ingress.yaml`], NOW);
    expect(r.stdout).toBe('ingress.networking.k8s.io/echo created\n');
    expect(r.stderr).toBe('Warning: extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress\n');
    expect(await curl()).toBe('default backend - 404');
    expect(await curl(...HOST)).toBe('Hello Docker!!');
    expect(await kctl('get', 'ingress', 'echo', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}')).toBe('10.240.1.1');
  });

  it('sends mobile browsers to gihyo.jp once the server-snippet is applied', async () => {
    expect(await kctl('apply', '-f', `${SAMPLES}simple-ingress-mobile-redirect.yaml`)).toBe('ingress.networking.k8s.io/echo configured\n');
    expect(await curl(...HOST)).toBe('Hello Docker!!');
    expect((await curl(...HOST, '-H', IPHONE)).replace(/\r\n/g, '\n')).toBe(
      `<html>
<head><title>301 Moved Permanently</title></head>
<body bgcolor="white">
<center><h1>301 Moved Permanently</h1></center>
<hr><center>nginx/1.13.12</center>
</body>
</html>
`,
    );
    const head = (await kctl('host', '--', 'curl', '-sI', 'http://localhost', ...HOST, '-H', IPHONE)).replace(/\r/g, '');
    expect(head).toMatch(/^HTTP\/1\.1 301 Moved Permanently\nServer: nginx\/1\.13\.12\n/);
    expect(head).toMatch(/\nLocation: http:\/\/gihyo\.jp\/\n/);
  });

  it('describes the Ingress with its snippet and the Service endpoints behind it', async () => {
    const ips = (await kctl('get', 'ep', 'echo', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')).split(' ').sort();
    expect(ips.length).toBeGreaterThan(0);
    const out = await kctl('describe', 'ingress', 'echo');
    expect(out).toMatch(/\nDefault backend:  <default>\n/);
    expect(out).toMatch(new RegExp(`\\n {20}/   echo:80 \\(${ips.map((ip) => `${ip.replace(/\./g, '\\.')}:80`).join(',')}\\)\\n`));
    expect(out).toMatch(/\nAnnotations: {8}nginx\.ingress\.kubernetes\.io\/server-snippet:\n {22}set \$agentflag 0;\n/);
    expect(out).toMatch(/ Normal {2}Sync {4}0s \(x3 over 0s\) {2}nginx-ingress-controller {2}Scheduled for sync\n$/);
  });

  it('logs access lines in the controller, in the 0.x format', async () => {
    const logs = (await kctl('logs', '-n', 'ingress-nginx', 'deploy/nginx-ingress-controller')).split('\n');
    const access = logs.filter((l) => l.includes('"GET / HTTP/1.1"'));
    expect(access[0]).toMatch(/^10\.240\.0\.1 - \[10\.240\.0\.1\] - - \[06\/Jan\/2025:01:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 404 21 "-" "curl\/7\.68\.0" \d+ [0-9.]+ \[upstream-default-backend\] 10\.244\.\d+\.\d+:8080 21 [0-9.]+ 404 [0-9a-f]{32}$/);
    expect(access[1]).toMatch(/" 200 14 "-" "curl\/7\.68\.0" \d+ [0-9.]+ \[default-echo-80\] 10\.244\.\d+\.\d+:80 14 [0-9.]+ 200 [0-9a-f]{32}$/);
    expect(access.some((l) => / 301 186 "-" "Mozilla\/5\.0 \(iPhone;/.test(l))).toBe(true);
  });

  it('says in the controller log which snippet directives it does not run', async () => {
    const manifest = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: echo-extra
  annotations:
    nginx.ingress.kubernetes.io/server-snippet: |
      proxy_set_header X-Extra 1;
    nginx.ingress.kubernetes.io/auth-url: http://auth.example.com
spec:
  rules:
    - host: extra.gihyo.local
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: echo
                port:
                  number: 80
`;
    await kctl('apply', '-f', sb.file('extra.yaml', manifest));
    const logs = await kctl('logs', '-n', 'ingress-nginx', 'deploy/nginx-ingress-controller');
    expect(logs).toMatch(/\nW0106 01:00:00\.\d{6} +7 simulation\.go:1\] default\/echo-extra: annotation nginx\.ingress\.kubernetes\.io\/auth-url is not simulated by kctl and has no effect\n/);
    expect(logs).toMatch(/\] default\/echo-extra: nginx\.ingress\.kubernetes\.io\/server-snippet: directive "proxy_set_header" \(line 1\) is not simulated and is ignored\n/);
    expect(await curl('-H', 'Host: extra.gihyo.local')).toBe('Hello Docker!!');
  });
});

describe('a cluster without the built-in add-on', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args, NOW);

  beforeAll(() => kctl('cluster', 'reset', '--no-ingress'));
  afterAll(() => sb.cleanup());

  it('leaves Ingresses without an address until a controller is installed', async () => {
    await kctl('apply', '-f', `${SAMPLES}simple-replicaset-with-label.yaml`, '-f', `${SAMPLES}simple-service.yaml`, '-f', `${SAMPLES}simple-ingress.yaml`);
    expect(await kctl('get', 'ingress', 'echo')).toBe('NAME   CLASS    HOSTS              ADDRESS   PORTS   AGE\necho   <none>   ch05.gihyo.local             80      0s\n');
    expect((await sb.run(['host', '--', 'curl', '-s', 'http://localhost'], NOW)).code).toBe(7);
    expect((await kctl('apply', '-f', MANDATORY)).split('\n')[0]).toBe('namespace/ingress-nginx created');
    await kctl('apply', '-f', CLOUD_GENERIC);
    expect(await kctl('get', 'ingress', 'echo', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}')).toBe('10.240.1.1');
    expect(await kctl('host', '--', 'curl', '-s', 'http://localhost', '-H', 'Host: ch05.gihyo.local')).toBe('Hello Docker!!');
  });

  it('fails any other URL as an offline machine would', async () => {
    const before = sb.stateText();
    const r = await sb.run(['apply', '-f', 'https://example.com/some/manifest.yaml'], NOW);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: unable to read URL "https:\/\/example\.com\/some\/manifest\.yaml", server reported Get "https:\/\/example\.com\/some\/manifest\.yaml": dial tcp: lookup example\.com: no such host/);
    expect(sb.stateText()).toBe(before);
  });
});
