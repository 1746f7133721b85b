// The live cluster through kctl serve and kctl's own verbs: attach, cp, proxy and debug answered
// as kubectl v1.32 answers them on the same state; the API server's proxy subresources reaching
// the simulated containers; and the books' live steps (get -w during a rollout, logs -f with a
// request made later from the host with real curl, run -it --rm at a terminal, helm --wait).

import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, normalizeAges, runProcess, Sandbox, type Result } from '../helpers/kctl.js';
import { hasScript, Live } from '../helpers/live.js';
import { upstreamBinaries } from '../helpers/kubectl.js';
import { helm, kubectl, startKubectl, startServe, type Served } from '../helpers/serve.js';

/** One plain-HTTP GET, the Host header as given. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: small\nversion: 0.1.0\n',
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: "{{ .Release.Name }}-web"}
spec:
  replicas: 2
  selector: {matchLabels: {app: "{{ .Release.Name }}-web"}}
  template:
    metadata: {labels: {app: "{{ .Release.Name }}-web"}}
    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata: {name: "{{ .Release.Name }}-web"}
spec: {selector: {app: "{{ .Release.Name }}-web"}, ports: [{port: 80}]}
`,
  'templates/test.yaml': `apiVersion: v1
kind: Pod
metadata: {name: "{{ .Release.Name }}-check", annotations: {"helm.sh/hook": test}}
spec:
  restartPolicy: Never
  containers: [{name: wget, image: busybox, command: [wget, -q, -O, /dev/null, "{{ .Release.Name }}-web"]}]
`,
};

describe('the live cluster: attach, cp, proxy, debug and the books\' live steps', () => {
  const sb = new Sandbox();
  let served: Served;
  let bin: string;
  let nodePort: number;
  const k = (args: string[], stdin?: string) => kubectl(sb, served, args, { stdin });
  const kctl = (args: string[], stdin?: string) => sb.run(args, { stdin });
  const env = () => ({ ...process.env, HOME: sb.dir, KUBECONFIG: served.kubeconfig });
  const kargs = (args: string[]) => ['--cache-dir', join(sb.dir, '.kube-cache'), ...args];

  beforeAll(async () => {
    bin = (await upstreamBinaries()).kubectl;
    await sb.ok(['run', 'web', '--image=nginx']);
    await sb.ok(['expose', 'pod', 'web', '--port=80', '--type=NodePort', '--name=websvc']);
    for (const p of ['w1', 'w2']) await sb.ok(['run', p, '--image=busybox', '-i', '--restart=Never', '--attach=false', '--', 'sh', '-c', 'read x; echo got $x; exit 2']);
    await sb.ok(['create', 'deployment', 'app', '--image=nginx:1.26', '--replicas=2']);
    served = await startServe(sb, ['--ingress-http-port', '0', '--ingress-https-port', '0']);
    const want = Number(await sb.ok(['get', 'svc', 'websvc', '-o', 'jsonpath={.spec.ports[0].nodePort}']));
    const line = await served.process.output(new RegExp(`Publishing NodePort ${want} of service default/websvc at http://127\\.0\\.0\\.1:(\\d+)\\n`));
    nodePort = Number(new RegExp(`NodePort ${want} of service default/websvc at http://127\\.0\\.0\\.1:(\\d+)`).exec(line)![1]);
  });

  afterAll(async () => {
    if (served) await served.stop();
    sb.cleanup();
  });

  it('kctl attach and kctl cp print what kubectl prints through kctl serve, with its exit codes', async () => {
    // Each attaches to a process that waits for it; the pod then records how it ended.
    const attached = await kctl(['attach', '-i', 'w1'], 'one\n');
    expect(attached).toEqual({ stdout: 'got one\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
    expect(await k(['attach', '-i', 'w2'], 'one\n')).toEqual(attached);
    for (const args of [['attach', 'w1'], ['attach', 'ghost'], ['attach'], ['attach', 'a', 'b', 'c'], ['attach', 'web', '-c', 'nope']]) {
      expect(await kctl(args)).toEqual(await k(args));
    }
    expect((await kctl(['attach', 'w1'])).stderr).toBe('error: cannot attach a container in a completed pod; current phase is Failed\n');

    mkdirSync(join(sb.dir, 'tree/sub'), { recursive: true });
    writeFileSync(join(sb.dir, 'tree/a.txt'), 'A\n');
    writeFileSync(join(sb.dir, 'tree/sub/b.txt'), 'B ünïcode\n');
    writeFileSync(join(sb.dir, 'note.txt'), 'from the host\n');
    const before = sb.stateText();
    for (const args of [['cp', 'note.txt'], ['cp', 'a', 'b'], ['cp', 'a:x', 'b:y'], ['cp', ':x', 'y'], ['cp', 'nofile', 'web:/tmp'], ['cp', 'note.txt', 'ghost:/tmp'], ['cp', 'note.txt', 'web:']]) {
      const ours = await kctl(args);
      expect(ours.code).toBe(1);
      expect(ours).toEqual(await k(args));
    }
    expect(sb.stateText()).toBe(before);
    // Into a directory the source keeps its name; both ways the tree comes back whole.
    expect(await kctl(['cp', 'note.txt', 'web:/tmp/'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await kctl(['cp', 'tree', 'default/web:/srv/tree'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await sb.ok(['exec', 'web', '--', 'cat', '/tmp/note.txt', '/srv/tree/sub/b.txt'])).toBe('from the host\nB ünïcode\n');
    const back = await kctl(['cp', 'web:/srv/tree', 'copy']);
    expect(back).toEqual(await k(['cp', 'web:/srv/tree', 'copy2']));
    expect(back).toEqual({ stdout: "tar: Removing leading `/' from member names\n", stderr: '', code: 0 });
    expect(readFileSync(join(sb.dir, 'copy/sub/b.txt'), 'utf8')).toBe('B ünïcode\n');
    expect(await kctl(['cp', 'web:/tmp/note.txt', 'note2.txt'])).toEqual(await k(['cp', 'web:/tmp/note.txt', 'note3.txt']));
    expect(readFileSync(join(sb.dir, 'note2.txt'), 'utf8')).toBe('from the host\n');
    const nodir = await kctl(['cp', 'note.txt', 'web:/nodir/x']);
    expect(nodir).toEqual({ stdout: '', stderr: 'tar: /nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n', code: 2 });
    expect(nodir).toEqual(await k(['cp', 'note.txt', 'web:/nodir/x']));
  });

  it('kubectl proxy and kctl proxy serve the API, and services/pods proxy reach the containers', async () => {
    const theirs = await startKubectl(sb, served, ['proxy', '--port=0']);
    const ours = sb.start(['proxy', '--port=0']);
    try {
      const at = async (p: { output(re: RegExp): Promise<string> }) => `http://127.0.0.1:${/Starting to serve on 127\.0\.0\.1:(\d+)\n/.exec(await p.output(/Starting to serve on 127\.0\.0\.1:\d+\n/))![1]}`;
      const ip = await sb.ok(['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
      for (const base of [await at(theirs), await at(ours)]) {
        const pod = await get(`${base}/api/v1/namespaces/default/pods/web`);
        expect(pod.status).toBe(200);
        expect(JSON.parse(pod.body).metadata.name).toBe('web');
        const viaService = await get(`${base}/api/v1/namespaces/default/services/websvc:80/proxy/`);
        expect(viaService.status).toBe(200);
        expect(viaService.body).toContain('<title>Welcome to nginx!</title>');
        expect((await get(`${base}/api/v1/namespaces/default/pods/web/proxy/missing`)).status).toBe(404);
        expect(await get(`${base}/api/v1/namespaces/default/pods/web:81/proxy/`)).toEqual({
          status: 500,
          body: `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"error trying to reach service: dial tcp ${ip}:81: connect: connection refused","code":500}\n`,
        });
        expect((await get(`${base}/api/v1/namespaces/default/services/websvc:99/proxy/`)).status).toBe(503);
        // kubectl proxy's filter: exec and attach, and other hosts, are refused.
        expect(await get(`${base}/api/v1/namespaces/default/pods/web/exec`)).toEqual({ status: 403, body: 'Forbidden\n' });
        expect(await get(`${base}/api/v1/pods`, { Host: 'evil.example' })).toEqual({ status: 403, body: 'Forbidden\n' });
      }
      // nginx logged the proxied requests, as made from the API server's node.
      expect((await sb.ok(['logs', 'web'])).match(/"GET \/missing HTTP\/1\.1" 404/g)).toHaveLength(2);
    } finally {
      theirs.kill();
      ours.kill('SIGINT');
    }
    expect((await ours.exited).code).toBe(0);
  });

  it('debug adds an ephemeral container, attaches to it, and describe shows it; node/NAME sees the node at /host', async () => {
    const norm = (r: Result) => ({ ...r, stdout: r.stdout.replace(/debugger-[a-z0-9]{5}/g, 'debugger-x').replace(/node-debugger-kctl-worker-[a-z0-9]{5}/g, 'node-debugger-kctl-worker-x') });
    const script = 'hostname; wget -q -O - http://websvc | grep -o "Welcome to nginx"; exit 3\n';
    const ours = norm(await kctl(['debug', '-i', 'web', '--image=busybox'], script));
    expect(ours).toEqual(norm(await k(['debug', '-i', 'web', '--image=busybox'], script)));
    expect(ours.stdout).toBe('Defaulting debug container name to debugger-x.\nweb\nWelcome to nginx\nWelcome to nginx\n');
    expect(ours.code).toBe(0);
    expect(await sb.ok(['get', 'pod', 'web', '-o', 'jsonpath={range .status.ephemeralContainerStatuses[*]}{.state.terminated.exitCode} {end}'])).toBe('3 3 ');
    const described = await kctl(['describe', 'pod', 'web']);
    expect(described.stdout).toMatch(/\nEphemeral Containers:\n {2}debugger-[a-z0-9]{5}:\n/);
    expect(normalizeAges(described.stdout)).toBe(normalizeAges((await k(['describe', 'pod', 'web'])).stdout));
    const invalid = await kctl(['debug', 'web', '--image=busybox', '-c', 'web']);
    expect(invalid).toEqual(await k(['debug', 'web', '--image=busybox', '-c', 'web']));
    expect(invalid.stderr).toMatch(/The Pod "web" is invalid: spec\.ephemeralContainers\[2\]\.name: Duplicate value: "web"\n$/);

    const onNode = 'cat /host/etc/hostname; hostname; ls /host/etc/kubernetes\n';
    const node = norm(await kctl(['debug', '-i', 'node/kctl-worker', '--image=busybox'], onNode));
    expect(node).toEqual(norm(await k(['debug', '-i', 'node/kctl-worker', '--image=busybox'], onNode)));
    expect(node.stdout).toBe('Creating debugging pod node-debugger-kctl-worker-x with container debugger on node kctl-worker.\nkctl-worker\nkctl-worker\nkubelet.conf\n');
  });

  it('book step: kubectl get pods -w shows the new pods of a rollout come and the old ones go', async () => {
    const old = (await sb.ok(['get', 'pods', '-l', 'app=app', '-o', 'name'])).trim().split('\n').map((n) => n.slice(4));
    const w = await startKubectl(sb, served, ['get', 'pods', '-l', 'app=app', '-w']);
    try {
      await w.output(new RegExp(`${old[1]} +1/1 +Running`));
      expect((await k(['set', 'image', 'deployment/app', 'nginx=nginx:1.27'])).stdout).toBe('deployment.apps/app image updated\n');
      const fresh = (await sb.ok(['get', 'pods', '-l', 'app=app', '--field-selector=status.phase=Running', '-o', 'name'])).trim().split('\n').map((n) => n.slice(4)).filter((n) => !old.includes(n));
      expect(fresh).toHaveLength(2);
      // Each new pod goes from Pending to Running; each old one shows once more as it goes.
      const all = [...fresh.map((n) => `(?=[^]*\n${n} +1/1 +Running)`), ...old.map((n) => `(?=(?:[^]*\n${n} ){2})`)].join('');
      const out = await w.output(new RegExp(`^${all}`));
      for (const name of fresh) expect(out).toMatch(new RegExp(`\n${name} +0/1 +Pending[^]*\n${name} +1/1 +Running`));
      for (const name of old) expect(out.split(`\n${name} `)).toHaveLength(3);
    } finally {
      w.kill();
    }
  });

  it('book step: kubectl logs -f shows the line of a request made later from the host with real curl through the NodePort', async () => {
    const last = (await sb.ok(['logs', 'web'])).trim().split('\n').pop()!;
    const f = await startKubectl(sb, served, ['logs', '-f', 'web', '-c', 'web', '--tail=1']);
    try {
      // Following from here: the line shown before the request is made.
      await f.output(new RegExp(last.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
      const curl = await runProcess('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `http://127.0.0.1:${nodePort}/from-the-host`]);
      expect(curl.stdout).toBe('404');
      expect(await f.output(/"GET \/from-the-host HTTP\/1\.1" 404 153 "-" "curl\/[\d.]+"/)).not.toContain('/missing');
    } finally {
      f.kill();
    }
  });

  it.skipIf(!hasScript)('book step: kubectl run -it --rm debug --image=busybox --restart=Never -- sh, at a terminal', async () => {
    const t = Live.atTerminal(bin, kargs(['run', '-it', '--rm', 'debug', '--image=busybox', '--restart=Never', '--', 'sh']), { env: env(), cwd: sb.dir });
    await t.waitFor('/ # ');
    t.write('wget -q -O - http://websvc.default.svc.cluster.local | grep -c nginx\r');
    await t.waitFor(/\r\n\d+\r\n/);
    t.write('exit\r');
    const r = await t.ended;
    expect(r.stdout).toContain('pod "debug" deleted');
    expect(r.code).toBe(0);
    expect((await sb.run(['get', 'pod', 'debug'])).code).toBe(1);
    // kctl debug -it at a terminal: a shell in an ephemeral container, and how to come back to it.
    const d = Live.atTerminal(KCTL, ['debug', '-it', 'web', '--image=busybox', '--profile=general'], { env: sb.env(), cwd: sb.dir });
    await d.waitFor('/ # ');
    d.write('hostname\r');
    await d.waitFor('web\r\n');
    d.write('exit\r');
    const ended = await d.ended;
    expect(ended.stdout).toMatch(/Session ended, the ephemeral container will not be restarted but may be reattached using 'kctl attach web -c debugger-[a-z0-9]{5} -i -t' if it is still running\r\n$/);
    expect(ended.code).toBe(0);
  });

  it('helm install --wait waits for the chart\'s Deployment; helm test runs its test pod against the Service', async () => {
    for (const [file, text] of Object.entries(CHART)) {
      mkdirSync(join(sb.dir, 'small', file, '..'), { recursive: true });
      writeFileSync(join(sb.dir, 'small', file), text);
    }
    const install = await helm(sb, served, ['install', 'demo', './small', '--wait', '--timeout', '60s']);
    expect(install.stderr).toBe('');
    expect(install.stdout).toMatch(/\nSTATUS: deployed\nREVISION: 1\n/);
    expect(await sb.ok(['get', 'deploy', 'demo-web', '-o', 'jsonpath={.status.readyReplicas}'])).toBe('2');
    const test = await helm(sb, served, ['test', 'demo']);
    expect(test.stdout).toMatch(/TEST SUITE: +demo-check\n.*\n.*\nPhase: +Succeeded\n/);
  });
});
