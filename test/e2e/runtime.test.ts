// run, exec and logs beyond the seeds: detached commands and restart policies, exit codes and
// kubectl's messages, failures as clients see them, traffic policies, and user images.

import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCTL, Sandbox, runProcess } from '../helpers/kctl.js';

// util-linux's `script` gives kctl a real terminal; without it the terminal tests are skipped
// (and reported as skipped).
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

describe('run: detached commands, restart policies and attached exit codes', () => {
  const sb = new Sandbox('21');
  afterAll(() => sb.cleanup());

  it('runs a detached command to Completed or Error, its output in the log', async () => {
    expect(await sb.ok(['run', 'done', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo fine; echo warn >&2'])).toBe('pod/done created\n');
    expect(await sb.ok(['run', 'failed', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo bad; exit 3'])).toBe('pod/failed created\n');
    expect(await sb.ok(['run', 'crash', '--image=busybox', '--', 'sh', '-c', 'exit 1'])).toBe('pod/crash created\n');
    expect(await sb.ok(['run', 'sleeper', '--image=busybox', '--', 'sh', '-c', 'echo start; sleep 3600; echo never'])).toBe('pod/sleeper created\n');
    const rows = (await sb.ok(['get', 'pods', '--no-headers'])).split('\n').map((l) => l.split(/\s+/).slice(0, 4).join(' '));
    expect(rows).toContain('done 0/1 Completed 0');
    expect(rows).toContain('failed 0/1 Error 0');
    expect(rows).toContain('sleeper 1/1 Running 0');
    expect(rows.find((r) => r.startsWith('crash '))).toMatch(/^crash 0\/1 CrashLoopBackOff 1$/);
    expect(await sb.ok(['logs', 'done'])).toBe('fine\nwarn\n');
    expect(await sb.ok(['logs', 'failed'])).toBe('bad\n');
    expect(await sb.ok(['logs', 'sleeper'])).toBe('start\n');
    expect(await sb.ok(['get', 'pod', 'failed', '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode} {.status.phase}'])).toBe('3 Failed');
  });

  it('runs the commands of a Job to completion', async () => {
    await sb.ok(['create', 'job', 'pi', '--image=busybox', '--', 'sh', '-c', 'echo 3.14']);
    expect((await sb.ok(['get', 'job', 'pi', '--no-headers'])).split(/\s+/).slice(0, 3)).toEqual(['pi', 'Complete', '1/1']);
    expect(await sb.ok(['logs', 'job/pi'])).toBe('3.14\n');
  });

  it("ends with the container's exit code, after the pod is deleted", async () => {
    const r = await sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'sh', '-c', 'echo out; echo err >&2; exit 4']);
    expect(r).toEqual({ code: 4, stdout: 'out\npod "testpod" deleted\n', stderr: 'err\npod default/testpod terminated (Error)\n' });
    const start = await sb.run(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'nosuch']);
    expect(start.code).toBe(128);
    expect(start.stdout).toBe('pod "testpod" deleted\n');
    expect(start.stderr).toBe('pod default/testpod terminated (StartError)\nfailed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n');
    const retried = await sb.run(['run', '--image=centos:7', '--rm', '-i', 'testpod', '--', 'false']);
    expect(retried).toEqual({ code: 1, stdout: 'pod "testpod" deleted\n', stderr: 'error: timed out waiting for the condition\n' });
  });

  it("refuses what kubectl refuses, changing nothing", async () => {
    const before = sb.stateText();
    expect((await sb.run(['run', 'x', '--image=busybox', '--rm', '--', 'true'])).stderr).toBe('error: --rm should only be used for attached containers\n');
    expect((await sb.run(['run', 'x', '--image=busybox', '-t'])).stderr).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect((await sb.run(['run', 'x'])).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await sb.run(['run', 'x', '--image=busybox', '--restart=Sometimes'])).stderr).toBe("error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\nSee 'kctl run -h' for help and examples\n");
    expect((await sb.run(['run', 'x', '--image=Bad Image'])).stderr).toBe('error: invalid image name "Bad Image": invalid reference format\n');
    const clash = await sb.run(['run', 'done', '--image=busybox']);
    expect(clash).toEqual({ code: 1, stdout: '', stderr: 'Error from server (AlreadyExists): pods "done" already exists\n' });
    expect(sb.stateText()).toBe(before);
  });
});

describe('exec and logs: messages and options', () => {
  const sb = new Sandbox('22');
  beforeAll(async () => {
    await sb.ok(['apply', '-f', SAMPLES + 'sample-deployment.yaml']);
    await sb.ok(['run', 'box', '--image=busybox', '--', 'sleep', '3600']);
    await sb.ok(['run', 'done', '--image=busybox', '--restart=Never', '--', 'true']);
  });
  afterAll(() => sb.cleanup());

  it('reports exec errors as kubectl does', async () => {
    expect(await sb.run(['exec', 'done', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n' });
    expect(await sb.run(['exec', 'box', '-c', 'nope', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'error: container nope not found in pod box\n' });
    expect(await sb.run(['exec', 'nope', '--', 'ls'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    const missing = await sb.run(['exec', 'box', '--', 'curl', 'http://x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
    expect(await sb.run(['exec', 'box', '--', 'sh', '-c', 'echo $HOSTNAME; exit 7'])).toEqual({ code: 7, stdout: 'box\n', stderr: 'command terminated with exit code 7\n' });
    expect(await sb.run(['exec', 'box', '--', 'sh', '-c', 'foo'])).toEqual({ code: 127, stdout: '', stderr: 'sh: foo: not found\ncommand terminated with exit code 127\n' });
    expect(await sb.run(['exec', 'box'])).toMatchObject({ code: 1, stderr: 'error: you must specify at least one command for the container\n' });
    expect(await sb.ok(['exec', 'deploy/sample-deployment', '--', 'cat', '/etc/hostname'])).toMatch(/^sample-deployment-[0-9a-f]+-[a-z0-9]{5}\n$/);
  });

  it.skipIf(!HAS_SCRIPT)('runs an interactive shell on a real terminal, with each shell\'s prompt and messages', async () => {
    await sb.ok(['run', 'deb', '--image=debian', '--', 'sleep', '3600']);
    // `script` gives kctl a terminal; what kctl writes comes back with the typed lines echoed.
    const tty = async (args: string, input: string) =>
      (await runProcess('script', ['-qec', `${process.execPath} ${KCTL} ${args}`, '/dev/null'], { stdin: input, env: sb.env(), cwd: sb.dir })).stdout.replace(/\r/g, '');
    const busybox = await tty('exec -it box -- sh', 'cd /etc\nexit 3\n');
    expect(busybox.endsWith('/ # /etc # command terminated with exit code 3\n')).toBe(true);
    const dash = await tty('exec -it deb -- sh', 'nope\nexit\n');
    // `exit` without a status ends with the last command's.
    expect(dash.endsWith('# sh: 1: nope: not found\n# command terminated with exit code 127\n')).toBe(true);
    const bash = await tty('exec -it deb -- bash', 'nope\necho $LINENO\nexit\n');
    expect(bash.endsWith('root@deb:/# bash: nope: command not found\nroot@deb:/# 2\nroot@deb:/# exit\n')).toBe(true);
  });

  it('prints start lines and access lines, with --tail, --timestamps, --prefix and -l', async () => {
    const pod = await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].metadata.name}']);
    const ip = await sb.ok(['get', 'pod', pod, '-o', 'jsonpath={.status.podIP}']);
    await sb.ok(['run', '--image=centos:7', '--restart=Never', '--rm', '-i', 'testpod', '--', 'curl', '-s', `http://${ip}/hello?x=1`]);
    const all = (await sb.ok(['logs', pod])).split('\n');
    expect(all[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(all[all.length - 2]).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/hello\?x=1 HTTP\/1\.1" 200 \d+ "-" "curl\/7\.29\.0" "-"$/);
    expect(await sb.ok(['logs', pod, '--tail', '1', '--timestamps'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z 10\.244\.\d+\.\d+ - - \[/);
    const prefixed = (await sb.ok(['logs', '-l', 'app=sample-app', '--prefix', '--tail', '1'])).trim().split('\n');
    expect(prefixed).toHaveLength(3);
    for (const line of prefixed) expect(line).toMatch(/^\[pod\/sample-deployment-[0-9a-f]+-[a-z0-9]{5}\/nginx-container\] /);
    expect((await sb.run(['logs', 'deploy/sample-deployment', '--tail', '0'])).stderr).toMatch(/^Found 3 pods, using pod\/sample-deployment-/);
  });

  it('says why there are no logs', async () => {
    expect(await sb.run(['logs', 'nope'])).toEqual({ code: 1, stdout: '', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' });
    expect(await sb.run(['logs', 'box', '--previous'])).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "box" in pod "box" not found\n' });
    sb.file('pending.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\nspec:\n  nodeSelector:\n    disk: ssd\n  containers:\n  - name: app\n    image: nginx\n');
    await sb.ok(['apply', '-f', 'pending.yaml']);
    expect((await sb.run(['logs', 'stuck'])).stderr).toBe('Error from server (BadRequest): container "app" in pod "stuck" is waiting to start: ContainerCreating\n');
  });
});

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
