// The upstream kubectl v1.32 writing through kctl serve with its defaults: protobuf bodies from
// the generator commands, server-side field validation (no --validate=false) for apply, create -f
// and replace, explain from the OpenAPI documents, access reviews and tokens. A twin sandbox
// with the same clock and seed runs kctl itself, so both can be compared object for object.

import { readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const env = { KCTL_NOW: '2025-03-01T10:00:00Z', KCTL_SEED: '7' };
// Ingresses in networking.k8s.io/v1beta1, which a v1.32 server no longer serves (kctl converts them).
const V1BETA1 = ['perfect-guide/ch06/sample-ingress.yaml', 'jissen/ch05/simple-ingress.yaml', 'jissen/ch05/simple-ingress-mobile-redirect.yaml'];

describe('kubectl v1.32 writes through kctl serve without --validate=false', () => {
  const sb = new Sandbox();
  const twin = new Sandbox();
  let served: Served;
  const k = (...args: string[]) => kubectl(sb, served, args);
  const kctl = (...args: string[]) => sb.run(args, { env });
  const twinKctl = (...args: string[]) => twin.run(args, { env });

  beforeAll(async () => {
    served = await startServe(sb, [], env);
    await twinKctl('get', 'nodes');
  });

  afterAll(async () => {
    await served?.stop();
    sb.cleanup();
    twin.cleanup();
  });

  it('create deployment|configmap|secret|namespace|service|job (protobuf bodies) store what kctl create stores', async () => {
    const commands = [
      ['create', 'deployment', 'web', '--image=nginx', '--replicas=2', '--port=80'],
      ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'],
      ['create', 'secret', 'generic', 'sec', '--from-literal=password=s3cr3t'],
      ['create', 'namespace', 'team-a'],
      ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'],
      ['create', 'job', 'pi', '--image=perl', '--', 'perl', '-e', 'print 1'],
    ];
    for (const args of commands) {
      const [theirs, ours] = [await k(...args), await twinKctl(...args)];
      expect(theirs.stderr, args.join(' ')).toBe('');
      expect(theirs.stdout).toBe(ours.stdout);
    }
    // The same requests on the same clock and seed: the same objects, uid and resourceVersion included.
    for (const name of ['deploy/web', 'cm/cfg', 'secret/sec', 'ns/team-a', 'svc/svc', 'job/pi', 'pods']) {
      expect((await kctl('get', name, '-o', 'yaml')).stdout, name).toBe((await twinKctl('get', name, '-o', 'yaml')).stdout);
    }
    expect((await kctl('get', 'deploy', 'web', '-o', 'jsonpath={.status.readyReplicas}')).stdout).toBe('2');
  });

  it('create serviceaccount and create ingress (protobuf bodies) store their objects', async () => {
    expect((await k('create', 'serviceaccount', 'robot')).stdout).toBe('serviceaccount/robot created\n');
    const ing = await k('create', 'ingress', 'ing', '--class=nginx', '--rule=example.com/path*=svc:80', '--rule=foo.com/=svc2:http,tls=mycert');
    expect(ing.stdout).toBe('ingress.networking.k8s.io/ing created\n');
    expect((await kctl('get', 'sa', 'robot', '-o', 'name')).stdout).toBe('serviceaccount/robot\n');
    const spec = JSON.parse((await kctl('get', 'ing', 'ing', '-o', 'jsonpath={.spec}')).stdout);
    expect(spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        { host: 'example.com', http: { paths: [{ backend: { service: { name: 'svc', port: { number: 80 } } }, path: '/path', pathType: 'Prefix' }] } },
        { host: 'foo.com', http: { paths: [{ backend: { service: { name: 'svc2', port: { name: 'http' } } }, path: '/', pathType: 'Exact' }] } },
      ],
      tls: [{ hosts: ['foo.com'], secretName: 'mycert' }],
    });
  });

  it('apply -f of every sample of the books prints what kctl apply prints', async () => {
    const files = ['jissen/ch05', 'perfect-guide/ch06'].flatMap((d) => readdirSync(SAMPLES + d).filter((f) => f.endsWith('.yaml')).map((f) => `${d}/${f}`));
    expect(files.length).toBeGreaterThan(25);
    let applied = 0;
    for (const f of files.filter((f) => !V1BETA1.includes(f))) {
      const [theirs, ours] = [await k('apply', '-f', SAMPLES + f), await twinKctl('apply', '-f', SAMPLES + f)];
      expect(theirs.stderr, f).toBe(ours.stderr);
      expect(theirs.stdout, f).toBe(ours.stdout);
      expect(theirs.code, f).toBe(ours.code);
      if (theirs.code === 0) applied++;
    }
    // Only sample-nodeport-fail.yaml fails (a node port out of range), as it does on a real cluster.
    expect(applied).toBe(files.length - V1BETA1.length - 1);
    // Cluster IPs differ: kubectl sends a file's objects as requests of their own, kctl applies a file in one write.
    for (const t of ['deploy,rs,sts -o wide', 'svc -o custom-columns=NAME:.metadata.name,TYPE:.spec.type,PORTS:.spec.ports[*].port', 'ing sample-ingress']) {
      expect((await kctl('get', ...t.split(' '))).stdout, t).toBe((await twinKctl('get', ...t.split(' '))).stdout);
    }
    // A v1.32 server serves no v1beta1 Ingress: kubectl finds no mapping, as against a real one.
    const old = await k('apply', '-f', SAMPLES + V1BETA1[0]);
    expect(old.stderr).toBe(
      `error: resource mapping not found for name: "sample-ingress" namespace: "" from "${SAMPLES}${V1BETA1[0]}": no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"\nensure CRDs are installed first\n`,
    );
  });

  it('create -f --dry-run=client prints each object as kubectl does: namespaced, one document each', async () => {
    const files = ['jissen/ch05', 'perfect-guide/ch06'].flatMap((d) => readdirSync(SAMPLES + d).filter((f) => f.endsWith('.yaml')).map((f) => `${d}/${f}`));
    // Multi-document files, and one of each namespaced and cluster-level kind the books use.
    const yaml = ['perfect-guide/ch06/sample-named-port-pods.yaml', 'perfect-guide/ch06/sample-statefulset-headless.yaml', 'jissen/ch05/simple-replicaset-with-label.yaml', 'jissen/ch05/simple-deployment.yaml', 'perfect-guide/ch06/sample-ingress-v1.yaml'];
    for (const f of yaml) expect(files, f).toContain(f);
    const cases = yaml.map((f) => [f, 'yaml']);
    for (const o of ['json', 'name', 'jsonpath={.metadata.name}']) cases.push(['perfect-guide/ch06/sample-named-port-pods.yaml', o], ['jissen/ch05/simple-pod.yaml', o]);
    for (const [f, o] of cases) {
      const [theirs, ours] = [await k('create', '-f', SAMPLES + f, '--dry-run=client', '-o', o), await twinKctl('create', '-f', SAMPLES + f, '--dry-run=client', '-o', o)];
      expect(ours.stdout, `${f} -o ${o}`).toBe(theirs.stdout);
      expect(ours.code, `${f} -o ${o}`).toBe(theirs.code);
    }
    // A label read as a boolean (YAML 1.1's `n`) fails in kubectl's own decoding of the metadata,
    // before any request, even when the body has an earlier type error.
    const file = `${sb.dir}/bool-label.yaml`;
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yy\n  labels:\n    y: n\ndata:\n  a: y\n');
    const [theirs, ours] = [await k('create', '-f', file), await twinKctl('create', '-f', file)];
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.stderr).toBe(`error: unable to decode "${file}": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string\n`);
    expect(ours.code).toBe(1);
  });

  it('an unknown field fails apply, create and replace with the API server\'s Strict message; --validate=warn warns', async () => {
    const bad = sb.file(
      'bad.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: 1\n  replica: 2\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata: {labels: {app: bad}}\n    spec:\n      containers:\n      - {name: c, image: nginx, imagee: typo}\n',
    );
    const message = 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"';
    const apply = await k('apply', '-f', bad);
    expect(apply.stderr).toBe(`Error from server (BadRequest): error when creating "${bad}": ${message}\n`);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toBe((await kctl('apply', '-f', bad)).stderr);
    expect((await k('create', '-f', bad)).stderr).toBe(`Error from server (BadRequest): error when creating "${bad}": ${message}\n`);
    const replace = await k('replace', '-f', sb.file('bad-svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n  selectr: {app: x}\n'));
    expect(replace.stderr).toMatch(/: Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"\n$/);
    const warn = await k('apply', '--validate=warn', '-f', bad);
    expect(warn.stderr).toBe('Warning: unknown field "spec.replica"\nWarning: unknown field "spec.template.spec.containers[0].imagee"\n');
    expect(warn.stdout).toBe('deployment.apps/bad created\n');
  });

  it('a JSON patch that does not apply is the API server\'s 422 without a kind, as kubectl prints it', async () => {
    const r = await k('patch', 'cm', 'cfg', '--type=json', '-p', '[{"op":"remove","path":"/data/nope"}]');
    expect(r.stderr).toBe("The request is invalid: : error in remove for path: '/data/nope': Unable to remove nonexistent key: nope: missing value\n");
    expect(r.code).toBe(1);
  });

  it('explain prints the schema a v1.32 cluster prints', async () => {
    const r = await k('explain', 'pod.spec.containers');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <\[\]Container>\n\n\nDESCRIPTION:\n    List of containers belonging to the pod\. Containers cannot currently be\n/);
    expect(r.stdout).toContain('\n  name\t<string> -required-\n');
    const d = await k('explain', 'deploy.spec.strategy.rollingUpdate');
    expect(d.stdout).toMatch(/^GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: rollingUpdate <RollingUpdateDeployment>\n/);
    const missing = await k('explain', 'pod.spec.nope');
    expect(missing.stderr).toBe('error: field "nope" does not exist\n');
  });

  it('auth can-i, can-i --list and whoami: the token\'s holder is the cluster admin', async () => {
    const can = await k('auth', 'can-i', 'create', 'pods');
    expect(can.stdout).toBe('yes\n');
    expect(can.code).toBe(0);
    expect((await k('auth', 'can-i', 'delete', 'nodes', '--all-namespaces')).stdout).toBe('yes\n');
    expect((await k('auth', 'can-i', '--list')).stdout).toBe(
      'Resources   Non-Resource URLs   Resource Names   Verbs\n*.*         []                  []               [*]\n            [*]                 []               [*]\n',
    );
    expect((await k('auth', 'whoami')).stdout).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  });

  it('create token gives a service account token with its claims; too short or no account are refused', async () => {
    const r = await k('create', 'token', 'robot', '--duration=15m', '--audience=api');
    expect(r.code).toBe(0);
    const [header, payload] = r.stdout.trim().split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header.alg).toBe('RS256');
    expect(payload).toMatchObject({ aud: ['api'], sub: 'system:serviceaccount:default:robot', iat: Date.parse(env.KCTL_NOW) / 1000, exp: Date.parse(env.KCTL_NOW) / 1000 + 900 });
    expect((await k('create', 'token', 'robot', '--duration=5m')).stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
    );
    expect((await k('create', 'token', 'nobody')).stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
  });
});
