// Failures and traffic policies as clients see them, and the images of a user catalogue.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('traffic as clients see it', () => {
  const sb = new Sandbox('23');
  const curlPod = (...args: string[]) => sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', ...args]);
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    for (const p of (await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ')) {
      await sb.ok(['exec', p, '--', 'cp', '/etc/hostname', '/usr/share/nginx/html/index.html']);
    }
  });
  afterAll(() => sb.cleanup());

  it('refuses connections to a Service without endpoints, and cannot resolve unknown names', async () => {
    sb.file('empty.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: empty\nspec:\n  selector:\n    app: nothing\n  ports:\n  - port: 80\n');
    await sb.ok(['apply', '-f', 'empty.yaml']);
    const refused = await curlPod('curl', '-sS', 'http://empty/');
    expect(refused.code).toBe(7);
    expect(refused.stderr).toBe('curl: (7) Failed connect to empty:80; Connection refused\npod default/testpod terminated (Error)\n');
    const unknown = await sb.run(['run', '--image=amsy810/tools:v2.0', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-sS', 'http://nope/']);
    expect(unknown.code).toBe(6);
    expect(unknown.stderr).toBe('curl: (6) Could not resolve host: nope\npod default/testpod terminated (Error)\n');
  });

  it('gets no answer to ping from a ClusterIP, and one from a pod', async () => {
    const cip = await sb.ok(['get', 'svc', 'empty', '-o', 'jsonpath={.spec.clusterIP}']);
    const pod = await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].status.podIP}']);
    const r = await sb.run(['run', '--image=busybox', '--restart=Never', '--rm', '-i', 'pinger', '--', 'sh', '-c', `ping -c 2 ${pod} && ping -c 2 ${cip}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^PING ${pod} \\(${pod}\\): 56 data bytes\\n64 bytes from ${pod}: seq=0 ttl=6[34] time=`));
    expect(r.stdout).toContain(`--- ${cip} ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n`);
  });

  it('keeps a client on one pod with sessionAffinity: ClientIP', async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-session-affinity.yaml']);
    const out = await curlPod('sh', '-c', 'for i in 1 2 3 4 5 6 7 8; do curl -s http://sample-session-affinity:8080; done');
    const lines = out.stdout.split('\n').slice(0, 8);
    expect(new Set(lines).size).toBe(1);
  });

  it('with externalTrafficPolicy: Local, answers only on nodes with an endpoint and keeps the client address', async () => {
    sb.file('local.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: local-echo\n  labels:\n    app: local\nspec:\n  containers:\n  - name: echo\n    image: amsy810/echo-nginx:v2.0\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: local\nspec:\n  type: NodePort\n  externalTrafficPolicy: Local\n  selector:\n    app: local\n  ports:\n  - port: 80\n    nodePort: 30900\n');
    await sb.ok(['apply', '-f', 'local.yaml']);
    const node = await sb.ok(['get', 'pod', 'local-echo', '-o', 'jsonpath={.status.hostIP}']);
    expect(await sb.ok(['host', '--', 'curl', '-s', `http://${node}:30900/`])).toMatch(/ClientIP=10\.240\.0\.1 {2}XFF=\n$/);
    const other = ['10.240.0.7', '10.240.0.8', '10.240.0.9'].find((ip) => ip !== node)!;
    expect(await sb.run(['host', '--', 'curl', '-sS', '-m', '2', `http://${other}:30900/`])).toMatchObject({ code: 28, stderr: 'curl: (28) Connection timed out after 2001 milliseconds\n' });
  });

  it('runs a script fed to kctl host on the outside machine', async () => {
    const r = await sb.run(['host'], { stdin: 'hostname\ncurl -sS --connect-timeout 1 http://10.96.0.1/ || echo "no route to ClusterIPs"\n' });
    expect(r).toEqual({ code: 0, stdout: 'kctl-host\nno route to ClusterIPs\n', stderr: 'curl: (28) Connection timed out after 1001 milliseconds\n' });
  });

  it('lists each machine\'s own address with hostname -I, and what /etc/hosts says with -i', async () => {
    expect(await sb.ok(['host', '--', 'hostname', '-I'])).toBe('10.240.0.1 \n');
    expect(await sb.ok(['host', '--', 'hostname', '-i'])).toBe('127.0.1.1\n');
    await sb.ok(['run', 'named', '--image=centos:7', '--', 'sleep', '3600']);
    const ip = await sb.ok(['get', 'pod', 'named', '-o', 'jsonpath={.status.podIP}']);
    expect(await sb.ok(['exec', 'named', '--', 'hostname', '-I'])).toBe(`${ip} \n`);
    expect(await sb.ok(['exec', 'named', '--', 'hostname', '-i'])).toBe(`${ip}\n`);
  });

  it('shows the exchange with curl -v and -i', async () => {
    const pod = await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].status.podIP}']);
    const r = await sb.run(['run', '--image=amsy810/tools:v2.0', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-sv', `http://${pod}/`]);
    expect(r.stderr).toMatch(new RegExp(`^\\*   Trying ${pod}:80\\.\\.\\.\\n\\* Connected to ${pod} \\(${pod}\\) port 80 \\(#0\\)\\n> GET / HTTP/1\\.1\\r\\n> Host: ${pod}\\r\\n> User-Agent: curl/7\\.68\\.0\\r\\n> Accept: \\*/\\*\\r\\n> \\r\\n< HTTP/1\\.1 200 OK\\r\\n< Server: nginx/1\\.19\\.0\\r\\n`));
  });
});

describe('images of a user catalogue ($KCTL_IMAGES)', () => {
  const sb = new Sandbox('24');
  afterAll(() => sb.cleanup());

  it('serves, logs and holds files as the catalogue says', async () => {
    const file = sb.file('images.yaml', `images:
  - match: [example/hello]
    base: alpine
    env: {GREETING: hi}
    files: {/app/motd: "welcome\\n"}
    programs: [curl]
    curl: 7.88.1
    startLog: ["{go_time} listening on :8080"]
    servers:
      - port: 8080
        response: {status: 200, headers: {Content-Type: text/plain}, body: "hello from example\\n"}
        accessLog: "{go_time} {method} {uri} {status}"
`);
    const env = { KCTL_IMAGES: file };
    await sb.ok(['run', 'hello', '--image=example/hello:1.0', '--port=8080', '--expose'], { env });
    expect(await sb.ok(['exec', 'hello', '--', 'cat', '/app/motd'], { env })).toBe('welcome\n');
    expect(await sb.ok(['exec', 'hello', '--', 'printenv', 'GREETING'], { env })).toBe('hi\n');
    expect(await sb.ok(['exec', 'hello', '--', 'curl', '-s', 'http://hello:8080/x'], { env })).toBe('hello from example\n');
    expect(await sb.ok(['logs', 'hello'], { env })).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d listening on :8080\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d GET \/x 200\n$/);
  });

  it('names the field of a mistake', async () => {
    const file = sb.file('bad.yaml', 'images:\n  - match: [x]\n    servers:\n      - port: 80\n        kind: teapot\n');
    const r = await sb.run(['run', 'bad', '--image=x', '--', 'true'], { env: { KCTL_IMAGES: file } });
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`error: image catalogue ${file}: images[0].servers[0].kind: must be one of nginx, echo-nginx, gihyo-echo, proxy, static, apiserver`)).toBe(true);
  });
});
