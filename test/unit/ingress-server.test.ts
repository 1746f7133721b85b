// The controller's nginx in-process: rewrite-target in both generations, the redirect
// annotations, configuration-snippet headers, proxy headers, and 503 without endpoints.

import { beforeAll, describe, expect, it } from 'vitest';
import { resourceForKind } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import type { KObject } from '../../src/api/types.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { settle } from '../../src/kubelet/index.js';
import { headerValue, type HttpResponse } from '../../src/networking/http.js';
import { rewrite } from '../../src/runtime/servers/ingress-nginx.js';
import { HostMachine } from '../../src/runtime/host.js';
import { fetchFrom } from '../../src/runtime/http-client.js';
import { ImageCatalog } from '../../src/runtime/images/index.js';
import { World } from '../../src/runtime/world.js';
import { seededRandom } from '../../src/util/random.js';

/** The internal checks the suite runs kctl with: frozen store objects, controller fixpoints. */
const CHECKS = { KCTL_CHECKS: '1' };

describe('rewrite-target', () => {
  it('replaces the whole URI with the target and its captures (0.22 and later)', () => {
    expect(rewrite('/something(/|$)(.*)', '/$2', '/something/new/x', false)).toBe('/new/x');
    expect(rewrite('/something(/|$)(.*)', '/$2', '/something', false)).toBe('/');
    expect(rewrite('/foo', '/', '/foo/bar', false)).toBe('/');
  });

  it('replaces only the location prefix in the 0.x releases', () => {
    expect(rewrite('/foo', '/', '/foo/bar', true)).toBe('/bar');
    expect(rewrite('/foo', '/', '/foo', true)).toBe('/');
    expect(rewrite('/foo/', '/app', '/foo/bar', true)).toBe('/app/bar');
  });
});

const NOW = Date.parse('2025-01-01T00:00:00Z');
const rand = seededRandom('ingress-server');
let cluster: Cluster;

function create(o: KObject): void {
  new ApiServer(cluster).create({ ...o, metadata: { namespace: 'default', ...o.metadata } }, resourceForKind(o.kind)!);
}

const echoPod = (name: string, labels: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'echo', image: 'amsy810/echo-nginx:v2.0' }] } }) as KObject;
const service = (name: string, selector: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 8080, targetPort: 80 }] } }) as KObject;
const prefix = (path: string, svc: string) => ({ path, pathType: 'ImplementationSpecific', backend: { service: { name: svc, port: { number: 8080 } } } });
const ingress = (name: string, host: string, annotations: Record<string, string>, ...paths: ReturnType<typeof prefix>[]): KObject =>
  ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations }, spec: { rules: [{ host, http: { paths } }] } }) as KObject;

beforeAll(async () => {
  cluster = new Cluster(await bootstrap(defaultConfig('2025-01-01T00:00:00Z'), NOW, rand, CHECKS), NOW, rand, true);
  create(echoPod('app', { app: 'app' }));
  create(service('app', { app: 'app' }));
  create(service('nobody', { app: 'none' }));
  create(ingress('rewrite', 'rewrite.local', { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }, prefix('/api(/|$)(.*)', 'app')));
  create(ingress('redirects', 'redirect.local', { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://example.com/moved', 'nginx.ingress.kubernetes.io/permanent-redirect-code': '308' }, prefix('/', 'app')));
  create(ingress('approot', 'root.local', { 'nginx.ingress.kubernetes.io/app-root': '/app1' }, prefix('/', 'app')));
  create(ingress('headers', 'headers.local', { 'nginx.ingress.kubernetes.io/configuration-snippet': 'more_set_headers "X-Served-By: kctl";' }, prefix('/', 'app')));
  create(ingress('empty', 'empty.local', {}, prefix('/', 'nobody')));
  create(ingress('answers', 'answers.local', { 'nginx.ingress.kubernetes.io/server-snippet': 'if ($arg_q = "204") { return 204; }\nreturn 200 "hi $host";' }, prefix('/', 'app')));
  create(ingress('missing', 'missing.local', {}, prefix('/', 'no-such-service')));
  await settle(cluster, {});
});

async function get(host: string, target: string, headers: [string, string][] = []): Promise<HttpResponse> {
  const world = new World(cluster, new ImageCatalog(), 60_000);
  const r = await fetchFrom(new HostMachine(world), 'localhost', 80, { method: 'GET', target, headers: [['Host', host], ['User-Agent', 'curl/7.68.0'], ['Accept', '*/*'], ...headers], body: '' });
  if (!r.ok) throw new Error(r.error);
  return r.response;
}

describe('the controller nginx', () => {
  it('rewrites with the captures of a regex path, keeping the query', async () => {
    expect((await get('rewrite.local', '/api/users?id=1')).body).toMatch(/^Host=rewrite\.local {2}Path=\/users\?id=1 {2}From=app /);
  });

  it('sends the proxy headers: X-Forwarded-For is the client', async () => {
    expect((await get('rewrite.local', '/api/')).body).toMatch(/ClientIP=10\.244\.\d+\.\d+ {2}XFF=10\.240\.0\.1\n$/);
  });

  it('answers permanent-redirect with its code', async () => {
    const res = await get('redirect.local', '/anything');
    expect(res.status).toBe(308);
    expect(headerValue(res.headers, 'Location')).toBe('https://example.com/moved');
  });

  it('redirects / to the app-root only', async () => {
    const res = await get('root.local', '/');
    expect([res.status, headerValue(res.headers, 'Location')]).toEqual([302, 'http://root.local/app1']);
    expect((await get('root.local', '/app1')).status).toBe(200);
  });

  it('adds configuration-snippet headers to the response', async () => {
    expect(headerValue((await get('headers.local', '/')).headers, 'X-Served-By')).toBe('kctl');
  });

  it('answers a server-snippet return with its text, or nothing for 204', async () => {
    const ok = await get('answers.local', '/');
    expect([ok.status, ok.body, headerValue(ok.headers, 'Content-Type')]).toEqual([200, 'hi answers.local', 'text/html']);
    const none = await get('answers.local', '/?q=204');
    expect([none.status, none.body]).toEqual([204, '']);
  });

  it('answers 503 when the Service has no ready endpoints or does not exist', async () => {
    for (const host of ['empty.local', 'missing.local']) {
      const res = await get(host, '/');
      expect(res.status).toBe(503);
      expect(res.body).toMatch(/<title>503 Service Temporarily Unavailable<\/title>/);
    }
  });
});
