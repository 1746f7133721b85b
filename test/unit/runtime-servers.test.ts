// The servers of the catalogue's images, reached through the network from a client pod:
// nginx's files and error pages, echo-nginx's echo line, the book's echo server behind its
// nginx proxy over the pod's localhost, and refusals where nothing listens.

import { beforeAll, describe, expect, it } from 'vitest';
import { resourceInfo } from '../../src/api/scheme.js';
import { ApiServer } from '../../src/apiserver/server.js';
import type { KObject } from '../../src/api/types.js';
import { bootstrap } from '../../src/cluster/bootstrap.js';
import { Cluster } from '../../src/cluster/cluster.js';
import { defaultConfig } from '../../src/cluster/config.js';
import { settle } from '../../src/kubelet/index.js';
import type { HttpRequest } from '../../src/networking/http.js';
import { dial } from '../../src/networking/network.js';
import { ImageCatalog } from '../../src/runtime/images/index.js';
import { World } from '../../src/runtime/world.js';
import { seededRandom } from '../../src/util/random.js';

/** The internal checks the suite runs kctl with: frozen store objects, controller fixpoints. */
const CHECKS = { KCTL_CHECKS: '1' };

const NOW = Date.parse('2025-01-01T00:00:00Z');

function pod(name: string, containers: Record<string, unknown>[]): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers } };
}

let world: World;
const ip = (name: string) => (world.cluster.store.get('pods', 'default', name)!.status as { podIP: string }).podIP;

beforeAll(async () => {
  const data = await bootstrap(defaultConfig('2025-01-01T00:00:00Z'), NOW, seededRandom('b'), CHECKS);
  const cluster = new Cluster(data, NOW, seededRandom('c'), true);
  const api = new ApiServer(cluster);
  const info = resourceInfo('pods');
  api.create(pod('web', [{ name: 'nginx', image: 'nginx:1.27' }]), info);
  api.create(pod('echo', [{ name: 'echo', image: 'amsy810/echo-nginx:v2.0' }]), info);
  api.create(pod('echo81', [{ name: 'echo', image: 'amsy810/echo-nginx:v2.0', env: [{ name: 'NGINX_PORT', value: '81' }] }]), info);
  api.create(pod('pair', [{ name: 'nginx', image: 'gihyodocker/nginx-proxy:latest', env: [{ name: 'BACKEND_HOST', value: 'localhost:8080' }] }, { name: 'echo', image: 'gihyodocker/echo:latest' }]), info);
  api.create(pod('lonely', [{ name: 'nginx', image: 'gihyodocker/nginx-proxy:latest', env: [{ name: 'BACKEND_HOST', value: 'localhost:8080' }] }]), info);
  api.create(pod('client', [{ name: 'c', image: 'centos:7' }]), info);
  await settle(cluster, {});
  world = new World(cluster, new ImageCatalog(), 60_000);
});

async function request(to: string, port: number, target = '/', extra: Partial<HttpRequest> = {}) {
  const client = world.container(world.cluster.store.get('pods', 'default', 'client')!, 'c')!;
  const d = dial(client, ip(to), port);
  if (!d.ok) return { error: d.error };
  return d.listener.serve({ method: 'GET', target, headers: [['Host', ip(to)], ['User-Agent', 'curl/7.29.0'], ['Accept', '*/*']], body: '', ...extra }, d.peer);
}

describe('nginx', () => {
  it('serves the welcome page with its headers', async () => {
    const res = await request('web', 80);
    expect(res).toMatchObject({ status: 200, body: expect.stringContaining('<title>Welcome to nginx!</title>') });
    expect((res as { headers: [string, string][] }).headers.map(([n]) => n)).toEqual(['Server', 'Date', 'Content-Type', 'Content-Length', 'Last-Modified', 'Connection', 'ETag', 'Accept-Ranges']);
    expect((res as { headers: [string, string][] }).headers[3]).toEqual(['Content-Length', '615']);
  });

  it('answers with its own error pages', async () => {
    expect(await request('web', 80, '/nope')).toMatchObject({
      status: 404,
      body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n',
    });
    expect(await request('web', 80, '/../etc/passwd')).toMatchObject({ status: 400 });
    expect(await request('web', 80, '/', { method: 'POST' })).toMatchObject({ status: 405, reason: 'Not Allowed' });
    const client = world.container(world.cluster.store.get('pods', 'default', 'web')!, 'nginx')!;
    client.fs.mkdir('/usr/share/nginx/html/path1');
    expect(await request('web', 80, '/path1')).toMatchObject({ status: 301, headers: expect.arrayContaining([['Location', `http://${ip('web')}/path1/`]]) });
    expect(await request('web', 80, '/path1/')).toMatchObject({ status: 403 });
    client.fs.writeFile('/usr/share/nginx/html/path1/index.html', 'one\n');
    expect(await request('web', 80, '/path1/')).toMatchObject({ status: 200, body: 'one\n' });
  });

  it('logs every request in the combined format', () => {
    const log = world.container(world.cluster.store.get('pods', 'default', 'web')!, 'nginx')!.state!.log;
    expect(log.at(-1)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${ip('client').replace(/\./g, '\\.')} - - \\[01/Jan/2025:00:00:\\d\\d \\+0000\\] "GET /path1/ HTTP/1\\.1" 200 4 "-" "curl/7\\.29\\.0" "-"\\n$`));
  });
});

describe('amsy810/echo-nginx', () => {
  it('echoes the request unless a file matches, on $NGINX_PORT', async () => {
    const res = await request('echo', 80, '/a?b=1', { headers: [['Host', 'sample.example.com:8080'], ['X-Forwarded-For', '203.0.113.9']] });
    expect(res).toMatchObject({ status: 200, body: `Host=sample.example.com  Path=/a?b=1  From=echo  ClientIP=${ip('client')}  XFF=203.0.113.9\n` });
    world.container(world.cluster.store.get('pods', 'default', 'echo')!, 'echo')!.fs.writeFile('/usr/share/nginx/html/index.html', 'echo\n');
    expect(await request('echo', 80, '/')).toMatchObject({ body: 'echo\n' });
    expect(await request('echo81', 80)).toEqual({ error: 'refused' });
    expect(await request('echo81', 81)).toMatchObject({ body: expect.stringContaining('From=echo81') });
  });
});

describe('gihyodocker/nginx-proxy in front of gihyodocker/echo', () => {
  it("proxies to the echo container over the pod's localhost", async () => {
    const res = await request('pair', 80);
    expect(res).toMatchObject({ status: 200, body: 'Hello Docker!!' });
    expect((res as { headers: [string, string][] }).headers.map(([n]) => n)).toEqual(['Server', 'Date', 'Content-Length', 'Content-Type', 'Connection']);
    const echo = world.container(world.cluster.store.get('pods', 'default', 'pair')!, 'echo')!.state!.log;
    expect(echo.at(-1)).toMatch(/ \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d received request\n$/);
    expect(await request('pair', 8080)).toMatchObject({ status: 200, body: 'Hello Docker!!' });
  });

  it('answers 502 when nothing listens behind it', async () => {
    expect(await request('lonely', 80)).toMatchObject({ status: 502, body: expect.stringContaining('<center><h1>502 Bad Gateway</h1></center>') });
    expect(await request('lonely', 81)).toEqual({ error: 'refused' });
  });
});
