// Docker/Kubernetes実践コンテナ開発入門 ch.5 (seeds 001 and 003) replayed with the upstream
// kubectl v1.32 through `kctl serve`: each step that needs no streaming goes through the server
// and prints what kctl prints and what the book shows (names, addresses, ages and column padding
// aside). `exec -it`, `run -it`, `logs -f` and the add-on's manifest URLs are done with kctl in
// between, on the same cluster. Where v1.32 differs from the book the test says so.

import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBook, serveBooks, shape, type Books } from '../helpers/books.js';
import { Sandbox } from '../helpers/kctl.js';

const SAMPLES = new URL('../../samples/jissen/ch05/', import.meta.url).pathname;
const NGINX_016 = 'https://raw.githubusercontent.com/kubernetes/ingress-nginx/nginx-0.16.2/deploy/';
const HOST = ['-H', 'Host: ch05.gihyo.local'];
const IPHONE = 'User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 11_0 like Mac OS X) AppleWebKit/604.1.38 (KHTML, like Gecko) Version/11.0 Mobile/15A372 Safari/604.1';
const RECORD_WARNING = 'Flag --record has been deprecated, --record will be removed in the future\n';
/** The book ran kubectl.exe; its change cause names the file the way it was given. */
const CAUSE = 'kubectl apply --filename=simple-deployment.yml --record=true';

/** The book's Ingress in networking.k8s.io/v1, the only version a v1.32 server serves. */
function ingressV1(annotations = ''): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: echo
${annotations}spec:
  rules:
    - host: ch05.gihyo.local
      http:
        paths:
          - path: /
            pathType: ImplementationSpecific
            backend:
              service:
                name: echo
                port:
                  number: 80
`;
}

describe('Docker/Kubernetes実践コンテナ開発入門 ch.5 through kubectl v1.32 and kctl serve', () => {
  const sb = new Sandbox('8');
  let b: Books;
  const apply = (file: string) => b.ok('apply', '-f', SAMPLES + file);
  /** The book edits simple-deployment.yml in place between applies; so does the test. */
  const deploymentFile = (variant: string) => copyFileSync(SAMPLES + variant, join(sb.dir, 'simple-deployment.yml'));
  const applyRecorded = async () => {
    const r = await b.k('apply', '-f', 'simple-deployment.yml', '--record');
    expect(r.stderr).toBe(RECORD_WARNING);
    expect(r.code).toBe(0);
    return r.stdout;
  };
  /** kubectl's change cause lists the flags it was given, the cache directory among them. */
  const history = async (...extra: string[]) => (await b.same('rollout', 'history', 'deployment', 'echo', ...extra)).replace(/ --cache-dir=\S+/g, '');

  beforeAll(async () => {
    b = await serveBooks(sb);
  });
  afterAll(async () => {
    await b?.stop();
    sb.cleanup();
  });

  it('5.x the cluster: nodes, namespaces and the secrets of kube-system', async () => {
    // A kind-like cluster of four nodes in v1.32 rather than Docker Desktop's one.
    expectBook(await b.same('get', 'nodes'), 'NAME STATUS ROLES AGE VERSION');
    // v1.32 has kube-node-lease (and kctl's ingress-nginx) but no Docker Desktop `docker` namespace.
    expectBook(await b.same('get', 'namespace'), 'NAME STATUS AGE\ndefault Active 2h\nkube-public Active 2h\nkube-system Active 2h');
    // Service accounts have had no token Secrets since v1.24: kube-system holds only the
    // bootstrap token, and the book's `describe secret deployment-controller-token-…` has no
    // counterpart.
    const secrets = await b.same('-n', 'kube-system', 'get', 'secret');
    expectBook(secrets, 'NAME TYPE DATA AGE\nbootstrap-token-8t1bpl bootstrap.kubernetes.io/token 7 22m'.replace('8t1bpl', 'abcdef').replace(' 7 ', ' 6 '));
    // kubectl lists a Secret's data in Go's map order, which changes from run to run.
    const args = ['-n', 'kube-system', 'describe', 'secret', 'bootstrap-token-abcdef'];
    const [theirs, ours] = [await b.k(...args), await b.kctl(...args)];
    expect(theirs.stdout.split('\n').sort()).toEqual(ours.stdout.split('\n').sort());
    expect(theirs.stdout).toMatch(/^Type: {2}bootstrap\.kubernetes\.io\/token$/m);
  });

  it('5.x Pod: apply, get, the containers (by kctl), logs, and both ways to delete', async () => {
    expect(await apply('simple-pod.yaml')).toBe('pod/simple-echo created\n');
    expectBook(await b.same('get', 'pod'), 'NAME READY STATUS RESTARTS AGE\nsimple-echo 2/2 Running 0 7m');
    // kubectl v1.32 refuses the book's old form outright, before any request, and so does kctl;
    // v1.32 spells it `exec -it simple-echo -c nginx -- sh`.
    expect(await b.k('exec', '-it', 'simple-echo', 'sh', '-c', 'nginx')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      code: 1,
    });
    expect((await b.sb.run(['exec', '-it', 'simple-echo', 'sh', '-c', 'nginx'])).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kctl exec -h' for help and examples\n",
    );
    // `exec -it` streams: kctl runs the book's command in v1.32's form (without a terminal here).
    const shell = await b.sb.run(['exec', '-i', 'simple-echo', '-c', 'nginx', '--', 'sh'], { stdin: 'hostname\n' });
    expect(shell.stdout).toBe('simple-echo\n');
    // `logs -f` follows; the log so far comes through the server.
    const logs = await b.same('logs', 'simple-echo', '-c', 'echo');
    expect(logs).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d start server\n$/);
    expect(await b.ok('delete', 'pod', 'simple-echo')).toBe('pod "simple-echo" deleted\n');
    expect(await apply('simple-pod.yaml')).toBe('pod/simple-echo created\n');
    expect(await b.ok('delete', '-f', SAMPLES + 'simple-pod.yaml')).toBe('pod "simple-echo" deleted\n');
    // kctl's deletions are complete when the command returns: no `Terminating` row as in the book.
    const after = await b.k('get', 'pod');
    expect(after).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(after).toEqual(await b.kctl('get', 'pod'));
  });

  it('5.x ReplicaSet: three pods of two containers, deleted with their ReplicaSet', async () => {
    expect(await apply('simple-replicaset.yaml')).toBe('replicaset.apps/echo created\n');
    expectBook(await b.same('get', 'replicaset'), 'NAME DESIRED CURRENT READY AGE\necho 3 3 3 52s');
    expectBook(await b.same('get', 'pod'), 'NAME READY STATUS RESTARTS AGE\necho-6zxr4 2/2 Running 0 1m\necho-jvwvb 2/2 Running 0 1m\necho-rsqq4 2/2 Running 0 1m');
    expect(await b.ok('delete', '-f', SAMPLES + 'simple-replicaset.yaml')).toBe('replicaset.apps "echo" deleted\n');
  });

  it('5.x Deployment: --record, a scale that keeps the revision, an image that makes one, history', async () => {
    deploymentFile('simple-deployment.yaml');
    expect(await applyRecorded()).toBe('deployment.apps/echo created\n');
    // v1.32: the apps group instead of extensions, and the Deployment's READY column.
    expectBook(await b.same('get', 'pod,replicaset,deployment', '--selector', 'app=echo'), `NAME                        READY     STATUS    RESTARTS   AGE
pod/echo-567f778dbb-gg4bl   2/2       Running   0          1m
pod/echo-567f778dbb-kh7cg   2/2       Running   0          1m
pod/echo-567f778dbb-rftfh   2/2       Running   0          1m

NAME                                    DESIRED   CURRENT   READY     AGE
replicaset.apps/echo-567f778dbb   3         3         3         1m

NAME                   READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/echo   3/3     3            3           1m`);
    // v1.32 names the Deployment `deployment.apps/echo` where the book's kubectl said `deployments "echo"`.
    expect(await history()).toBe(`deployment.apps/echo \nREVISION  CHANGE-CAUSE\n1         ${CAUSE}\n\n`);

    deploymentFile('simple-deployment-4-replicas.yaml');
    expect(await applyRecorded()).toBe('deployment.apps/echo configured\n');
    const scaled = await b.same('get', 'pod,replicaset,deployment', '--selector', 'app=echo');
    expect(shape(scaled)).toContain('replicaset.apps/echo-<rs> 4 4 4 <age>');
    expect(await history()).toBe(`deployment.apps/echo \nREVISION  CHANGE-CAUSE\n1         ${CAUSE}\n\n`);

    deploymentFile('simple-deployment-patched.yaml');
    expect(await applyRecorded()).toBe('deployment.apps/echo configured\n');
    // Settled: the book caught the rollout half-way (Terminating, ContainerCreating).
    expectBook(await b.same('get', 'pod,replicaset,deployment', '--selector', 'app=echo'), 'NAME DESIRED CURRENT READY AGE\nreplicaset.apps/echo-<rs> 4 4 4 18s\nreplicaset.apps/echo-<rs> 0 0 0 12m');
    expect(await history()).toBe(`deployment.apps/echo \nREVISION  CHANGE-CAUSE\n1         ${CAUSE}\n2         ${CAUSE}\n\n`);
  });

  it('--record warns whatever its value and before any error; no -f is a plain error', async () => {
    for (const args of [
      ['apply', '--record=false', '-f', 'simple-deployment.yml', '--dry-run=server'],
      ['apply', '-f', 'no-such-file.yml', '--record'],
      ['apply', '--record'],
      ['apply'],
      ['create'],
    ]) {
      const theirs = await b.k(...args);
      expect({ args, ...(await b.kctl(...args)) }).toEqual({ args, ...theirs });
      expect(theirs.stderr.startsWith(RECORD_WARNING)).toBe(args.some((a) => a.startsWith('--record')));
    }
  });

  it('5.x rollback: revision 1 shown, undone to, and the Deployment deleted', async () => {
    const one = await history('--revision=1');
    // v1.32 writes `key: value` annotations (below the key when long: kubectl's change cause here
    // holds its --cache-dir too), and Node-Selectors and Tolerations at the end.
    expectBook(one, `deployment.apps/echo with revision #1
Pod Template:
  Labels:       app=echo
        pod-template-hash=1239334866
  Containers:
   nginx:
    Image:      gihyodocker/nginx-proxy:latest
    Port:       80/TCP
    Host Port:  0/TCP
    Environment:
      BACKEND_HOST:     localhost:8080
    Mounts:     <none>
   echo:
    Image:      gihyodocker/echo:latest
    Port:       8080/TCP
    Host Port:  0/TCP
    Environment:        <none>
    Mounts:     <none>
  Volumes:      <none>`);
    expect(one).toMatch(/^ {2}Annotations:\tkubernetes\.io\/change-cause:(?: |\n\t {2})kubectl apply --filename=simple-deployment\.yml --record=true$/m);
    expect(await b.ok('rollout', 'undo', 'deployment', 'echo')).toBe('deployment.apps/echo rolled back\n');
    expect(await history()).toBe(`deployment.apps/echo \nREVISION  CHANGE-CAUSE\n2         ${CAUSE}\n3         ${CAUSE}\n\n`);
    expect(await b.same('get', 'deployment', 'echo', '-o', 'jsonpath={.spec.template.spec.containers[1].image}')).toBe('gihyodocker/echo:latest');
    expect(await b.ok('delete', '-f', 'simple-deployment.yml')).toBe('deployment.apps "echo" deleted\n');
  });

  it('5.9 Service: pods by label, a Service for release=summer, the debug pod (by kctl) and the logs', async () => {
    expect(await apply('simple-replicaset-with-label.yaml')).toBe('replicaset.apps/echo-spring created\nreplicaset.apps/echo-summer created\n');
    expectBook(await b.same('get', 'pod'), 'NAME READY STATUS RESTARTS AGE\necho-spring-5jndz 2/2 Running 0 27s\necho-summer-55c54 2/2 Running 0 27s\necho-summer-l8r6l 2/2 Running 0 27s');
    // Repeated -l: kubectl keeps the last, as the book's did.
    expectBook(await b.same('get', 'pod', '-l', 'app=echo', '-l', 'release=spring'), 'NAME READY STATUS RESTARTS AGE\necho-spring-5jndz 2/2 Running 0 49s');
    expectBook(await b.same('get', 'pod', '-l', 'app=echo', '-l', 'release=summer'), 'NAME READY STATUS RESTARTS AGE\necho-summer-55c54 2/2 Running 0 50s\necho-summer-l8r6l 2/2 Running 0 50s');
    expect(await apply('simple-service.yaml')).toBe('service/echo created\n');
    expectBook(await b.same('get', 'service'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\necho ClusterIP 10.102.212.251 <none> 80/TCP 12s\nkubernetes ClusterIP 10.96.0.1 <none> 443/TCP 4h');
    expectBook(await b.same('get', 'svc', 'echo'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\necho ClusterIP 10.102.212.251 <none> 80/TCP 38s');
    // `run -it --rm debug … -- bash -il` streams: kctl runs the session.
    const session = await b.sb.run(['run', '-i', '--rm', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'bash', '-il'], { stdin: 'curl -s http://echo\n' });
    expect(session.stdout).toBe('Hello Docker!!pod "debug" deleted\n');
    // The book followed each pod's log; without -f it comes through the server.
    const summer = (await b.ok('get', 'pod', '-l', 'release=summer', '-o', 'name')).trim().split('\n');
    const spring = (await b.ok('get', 'pod', '-l', 'release=spring', '-o', 'name')).trim().split('\n');
    const received = (await Promise.all(summer.map((p) => b.same('logs', p, '-c', 'echo')))).join('');
    expect(received).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d received request$/m);
    expect(await b.same('logs', spring[0], '-c', 'echo')).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d start server\n$/);
  });

  it('5.9 NodePort through the host, and ExternalName', async () => {
    expect(await apply('simple-nodeport-service.yaml')).toBe('service/echo configured\n');
    const table = await b.same('get', 'svc', 'echo');
    expectBook(table, 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\necho NodePort 10.102.212.251 <none> 80:30111/TCP 20m');
    const port = /80:(\d+)\/TCP/.exec(table)![1];
    expect((await b.kctl('host', '--', 'curl', '-s', `http://localhost:${port}/`)).stdout).toBe('Hello Docker!!');
    expect(await apply('simple-externalname-service.yaml')).toBe('service/gihyo created\n');
    expect(await b.same('get', 'svc', 'gihyo')).toMatch(/^gihyo +ExternalName +<none> +gihyo\.jp +<none> +\S+$/m);
    const dig = await b.kctl('run', '-i', '--rm', 'debug', '--image=gihyodocker/fundamental:0.1.0', '--restart=Never', '--', 'dig', '+short', 'gihyo.default.svc.cluster.local');
    expect(dig.stdout).toBe('gihyo.jp.\n210.130.137.82\npod "debug" deleted\n');
  });

  it('5.x Ingress: ingress-nginx 0.16.2 (by kctl), a host rule and the mobile redirect in networking.k8s.io/v1', async () => {
    // The add-on's manifests are fetched by URL, and hold extensions/v1beta1 Deployments a v1.32
    // server does not serve: kctl installs them from its copy.
    expect((await b.kctl('apply', '-f', `${NGINX_016}mandatory.yaml`)).code).toBe(0);
    expect((await b.kctl('apply', '-f', `${NGINX_016}provider/cloud-generic.yaml`)).code).toBe(0);
    // v1.32 shows the load balancer's address where Docker Desktop showed `localhost`.
    expectBook(await b.same('-n', 'ingress-nginx', 'get', 'service,pod'), `NAME                           TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)                      AGE
service/default-http-backend   ClusterIP      10.107.220.48   <none>        80/TCP                       2m
service/ingress-nginx          LoadBalancer   10.103.235.0    10.240.1.1    80:30281/TCP,443:30027/TCP   2m

NAME                                           READY     STATUS    RESTARTS   AGE
pod/default-http-backend-5c6d95c48-5vnrx       1/1       Running   0          2m
pod/nginx-ingress-controller-685fdbc9c-2t6p2   1/1       Running   0          2m`);
    expect(await b.ok('delete', 'svc', 'echo')).toBe('service "echo" deleted\n');
    expect(await apply('simple-service-all-releases.yaml')).toBe('service/echo created\n');
    // The book's extensions/v1beta1 Ingress is gone from v1.32 (removed in v1.22).
    expect(await b.k('apply', '-f', SAMPLES + 'simple-ingress.yaml')).toEqual({
      stdout: '',
      stderr: `error: resource mapping not found for name: "echo" namespace: "" from "${SAMPLES}simple-ingress.yaml": no matches for kind "Ingress" in version "extensions/v1beta1"\nensure CRDs are installed first\n`,
      code: 1,
    });
    writeFileSync(join(sb.dir, 'simple-ingress.yml'), ingressV1());
    expect(await b.ok('apply', '-f', 'simple-ingress.yml')).toBe('ingress.networking.k8s.io/echo created\n');
    expect(await b.same('get', 'ingress')).toMatch(/^echo +<none> +ch05\.gihyo\.local +10\.240\.1\.1 +80 +\S+\n$/m);
    const curl = async (...args: string[]) => (await b.kctl('host', '--', 'curl', '-s', 'http://localhost', ...args)).stdout;
    expect(await curl()).toBe('default backend - 404');
    expect(await curl(...HOST)).toBe('Hello Docker!!');
    const snippet = '      set $agentflag 0;\n\n      if ($http_user_agent ~* "(Mobile)" ){\n        set $agentflag 1;\n      }\n\n      if ( $agentflag = 1 ) {\n        return 301 http://gihyo.jp/;\n      }\n';
    writeFileSync(join(sb.dir, 'simple-ingress.yml'), ingressV1(`  annotations:\n    nginx.ingress.kubernetes.io/server-snippet: |\n${snippet}`));
    expect(await b.ok('apply', '-f', 'simple-ingress.yml')).toBe('ingress.networking.k8s.io/echo configured\n');
    expect(await curl(...HOST)).toBe('Hello Docker!!');
    expect((await curl(...HOST, '-H', IPHONE)).replace(/\r\n/g, '\n')).toBe(
      '<html>\n<head><title>301 Moved Permanently</title></head>\n<body bgcolor="white">\n<center><h1>301 Moved Permanently</h1></center>\n<hr><center>nginx/1.13.12</center>\n</body>\n</html>\n',
    );
    expect(await b.same('describe', 'ingress', 'echo')).toMatch(/^Annotations: +nginx\.ingress\.kubernetes\.io\/server-snippet:\n {22}set \$agentflag 0;$/m);
  });
});
