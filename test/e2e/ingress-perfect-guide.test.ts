// Kubernetes完全ガイド ch.6's Ingress (seed 000): three echo-nginx apps behind /path1, /path2 and
// the default backend, a TLS secret, the book's v1beta1 manifest, and curl from outside.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/ingress/', import.meta.url).pathname;
const HOST = ['-H', 'Host: sample.example.com'];
const NOW = { env: { KCTL_NOW: '2025-01-06T01:00:00Z' } };
/** The machine `kctl host` runs on. */
const HOST_IP = '10.240.0.1';

describe('the 完全ガイド Ingress on the built-in ingress-nginx', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args, NOW);
  let address: string;
  let podIP: (name: string) => Promise<string>;

  beforeAll(async () => {
    await kctl('apply', '-f', `${SAMPLES}sample-ingress-apps.yaml`);
    await kctl('create', 'secret', 'tls', 'tls-sample', '--key', `${FIXTURES}tls.key`, '--cert', `${FIXTURES}tls.crt`);
    await kctl('exec', 'sample-ingress-apps-1', '--', 'mkdir', '/usr/share/nginx/html/path1');
    await kctl('exec', 'sample-ingress-apps-1', '--', '/bin/sh', '-c', 'hostname > /usr/share/nginx/html/path1/index.html');
    await kctl('exec', 'sample-ingress-apps-2', '--', 'mkdir', '/usr/share/nginx/html/path2');
    await kctl('exec', 'sample-ingress-apps-2', '--', '/bin/sh', '-c', 'hostname > /usr/share/nginx/html/path2/index.html');
    await kctl('exec', 'sample-ingress-default', '--', '/bin/sh', '-c', 'hostname > /usr/share/nginx/html/index.html');
    podIP = (name) => kctl('get', 'pod', name, '-o', 'jsonpath={.status.podIP}');
  });
  afterAll(() => sb.cleanup());

  it('accepts the v1beta1 manifest with the API server deprecation warning', async () => {
    const r = await sb.run(['apply', '-f', `${SAMPLES}sample-ingress.yaml`], NOW);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ingress.networking.k8s.io/sample-ingress created\n');
    expect(r.stderr).toBe('Warning: networking.k8s.io/v1beta1 Ingress is deprecated in v1.19+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress\n');
    address = await kctl('get', 'ingress', 'sample-ingress', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
    expect(address).toBe(await kctl('get', 'svc', '-n', 'ingress-nginx', 'ingress-nginx-controller', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'));
  });

  it('lists the Ingress with its host, address and both ports', async () => {
    expect(await kctl('get', 'ingresses')).toBe(
      `NAME             CLASS    HOSTS                ADDRESS        PORTS     AGE
sample-ingress   <none>   sample.example.com   ${address.padEnd(12)}   80, 443   0s
`,
    );
  });

  it('describes rules, TLS, the default backend with their endpoints, and the controller events', async () => {
    expect(await kctl('describe', 'ingress', 'sample-ingress')).toBe(
      `Name:             sample-ingress
Labels:           <none>
Namespace:        default
Address:          ${address}
Ingress Class:    <none>
Default backend:  sample-ingress-default:8888 (${await podIP('sample-ingress-default')}:80)
TLS:
  tls-sample terminates sample.example.com
Rules:
  Host                Path  Backends
  ----                ----  --------
  sample.example.com  
                      /path1   sample-ingress-svc-1:8888 (${await podIP('sample-ingress-apps-1')}:80)
                      /path2   sample-ingress-svc-2:8888 (${await podIP('sample-ingress-apps-2')}:80)
Annotations:          kubernetes.io/ingress.class: nginx
                      nginx.ingress.kubernetes.io/ssl-redirect: false
Events:
  Type    Reason  Age              From                      Message
  ----    ------  ----             ----                      -------
  Normal  Sync    0s (x2 over 0s)  nginx-ingress-controller  Scheduled for sync
`,
    );
  });

  it('routes by path to each Service, and everything else to the default backend', async () => {
    const curl = (path: string) => kctl('host', '--', 'curl', '-s', `http://${address}${path}`, ...HOST);
    expect(await curl('/index.html')).toBe('sample-ingress-default\n');
    expect(await curl('/path1/index.html')).toBe('sample-ingress-apps-1\n');
    expect(await curl('/path2/index.html')).toBe('sample-ingress-apps-2\n');
  });

  it('terminates TLS for the host (curl -k for the self-signed certificate)', async () => {
    expect(await kctl('host', '--', 'curl', '-sk', `https://${address}/path2/index.html`, ...HOST)).toBe('sample-ingress-apps-2\n');
    expect((await sb.run(['host', '--', 'curl', '-s', `https://${address}/path2/index.html`, ...HOST])).code).toBe(60);
  });

  it('proxies to the pod with the X-Forwarded headers echo-nginx shows', async () => {
    const controllerIP = await kctl('get', 'pods', '-n', 'ingress-nginx', '-o', 'jsonpath={.items[0].status.podIP}');
    expect(await kctl('host', '--', 'curl', '-s', `http://${address}/path1/echo`, ...HOST)).toBe(
      `Host=sample.example.com  Path=/path1/echo  From=sample-ingress-apps-1  ClientIP=${controllerIP}  XFF=${HOST_IP}\n`,
    );
  });

  it('answers pods inside the cluster through the controller Service too', async () => {
    const out = await kctl('run', '--image=amsy810/tools:v2.0', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', 'http://ingress-nginx-controller.ingress-nginx/path1/index.html', ...HOST);
    expect(out).toBe('sample-ingress-apps-1\npod "testpod" deleted\n');
  });

  it('logs each request in the controller with the upstream it went to', async () => {
    const logs = await kctl('logs', '-n', 'ingress-nginx', 'deploy/ingress-nginx-controller');
    expect(logs).toMatch(/reason: 'Sync' Scheduled for sync/);
    expect(logs).toMatch(new RegExp(`"GET /path1/index.html HTTP/1.1" 200 22 "-" "curl/7.68.0" \\d+ [0-9.]+ \\[default-sample-ingress-svc-1-8888\\] \\[\\] ${(await podIP('sample-ingress-apps-1')).replace(/\./g, '\\.')}:80 22 `));
  });
});

describe('ssl-redirect', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args);
  let address: string;

  beforeAll(async () => {
    await kctl('apply', '-f', `${SAMPLES}sample-ingress-apps.yaml`);
    await kctl('create', 'secret', 'tls', 'tls-sample', '--key', `${FIXTURES}tls.key`, '--cert', `${FIXTURES}tls.crt`);
    await kctl('apply', '-f', `${SAMPLES}sample-ingress-v1.yaml`);
    address = await kctl('get', 'ingress', 'sample-ingress', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
  });
  afterAll(() => sb.cleanup());

  it('redirects http to https with 308 for a host with TLS', async () => {
    const out = (await kctl('host', '--', 'curl', '-si', `http://${address}/path1/x?y=1`, ...HOST)).replace(/\r/g, '');
    expect(out).toMatch(/^HTTP\/1\.1 308 Permanent Redirect\n/);
    expect(out).toMatch(/\nLocation: https:\/\/sample\.example\.com\/path1\/x\?y=1\n/);
    expect(out).toMatch(/<head><title>308 Permanent Redirect<\/title><\/head>/);
  });

  it('matches Prefix /path1/ element-wise over https', async () => {
    const out = await kctl('host', '--', 'curl', '-sk', `https://${address}/path1/x`, ...HOST);
    expect(out).toMatch(/^Host=sample\.example\.com {2}Path=\/path1\/x {2}From=sample-ingress-apps-1 /);
    expect(await kctl('host', '--', 'curl', '-sk', `https://${address}/path1x`, ...HOST)).toMatch(/From=sample-ingress-default /);
  });

  it('serves nginx 404 for hosts no rule names', async () => {
    const r = await sb.run(['host', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${address}/`, '-H', 'Host: unknown.example.com']);
    expect(r.stdout).toBe('404');
  });
});

describe('the built-in ingress-nginx was installed as kubectl apply installs it', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const url = 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/kind/deploy.yaml';

  it('merges the add-on manifest applied again, without warnings, then leaves it unchanged', async () => {
    const live = JSON.parse(await sb.ok(['get', 'deploy', '-n', 'ingress-nginx', 'ingress-nginx-controller', '-o', 'json']));
    expect(JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'])).toMatchObject({ kind: 'Deployment', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' } });
    const first = await sb.run(['apply', '-f', url]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('namespace/ingress-nginx unchanged\n');
    expect(first.stdout).toContain('ingressclass.networking.k8s.io/nginx unchanged\n');
    const again = await sb.ok(['apply', '-f', url]);
    expect(again.split('\n').filter(Boolean).every((l) => l.endsWith(' unchanged'))).toBe(true);
  });
});
