// The upstream kubectl v1.32 against `kctl serve`: discovery, tables, writes and errors print what
// they print against a v1.32 cluster, and what kctl itself prints for the same state file.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, Sandbox } from '../helpers/kctl.js';
import { kubectlBinary } from '../helpers/kubectl.js';
import { kubectl, startServe, type Served } from '../helpers/serve.js';

const SAMPLES = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;
// One clock for the server and the kctl commands, so AGE cells agree.
const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };

describe('kubectl v1.32 against kctl serve', () => {
  const sb = new Sandbox();
  let served: Served;
  const k = (...args: string[]) => kubectl(sb, served, args);
  const kctl = (...args: string[]) => sb.run(args, { env });
  /** kubectl and kctl print the same, and succeed. */
  const same = async (...args: string[]) => {
    const [theirs, ours] = await Promise.all([k(...args), kctl(...args)]);
    expect(theirs.stderr).toBe(ours.stderr);
    expect(theirs.stdout).toBe(ours.stdout);
    expect(theirs.code).toBe(ours.code);
    return theirs.stdout;
  };

  beforeAll(async () => {
    served = await startServe(sb, [], env);
  });

  afterAll(async () => {
    if (served) {
      const r = await served.stop();
      expect(r.code).toBe(0);
      // A clean stop gives the state file up for the next server.
      expect(existsSync(`${sb.state}.serve`)).toBe(false);
    }
    sb.cleanup();
  });

  it('writes a kubeconfig only its owner can read, and says how to use it', () => {
    expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(served.kubeconfig).toBe(`${sb.dir}/kubeconfig`);
    expect(statSync(served.kubeconfig).mode & 0o777).toBe(0o600);
    expect(served.banner).toContain(`export KUBECONFIG=${served.kubeconfig}\n`);
    const text = readFileSync(served.kubeconfig, 'utf8');
    expect(text).toContain(`server: ${served.url}\n`);
    expect(text).toContain('current-context: kctl\n');
  });

  it('version: a v1.32 server, so kubectl keeps to its own v1.32 behaviour', async () => {
    const r = await k('version');
    expect(r.stdout).toMatch(/^Client Version: v1\.32\.3\nKustomize Version: v5\.5\.0\nServer Version: v1\.32\.\d+\n$/);
  });

  it('api-resources, with and without -o wide, and api-versions list what kctl lists', async () => {
    await same('api-resources');
    const wide = await same('api-resources', '-o', 'wide');
    expect(wide).toMatch(/^pods +po +v1 +true +Pod +create,delete,deletecollection,get,list,patch,update,watch +all$/m);
    expect(wide).toMatch(/^namespaces +ns +v1 +false +Namespace +create,delete,get,list,patch,update,watch *$/m);
    expect(await same('api-versions')).toBe(
      'apps/v1\nautoscaling/v1\nautoscaling/v2\nbatch/v1\ncertificates.k8s.io/v1\ndiscovery.k8s.io/v1\nmetrics.k8s.io/v1beta1\nnetworking.k8s.io/v1\npolicy/v1\nrbac.authorization.k8s.io/v1\nscheduling.k8s.io/v1\nv1\n',
    );
    for (const args of [['--sort-by=kind'], ['--sort-by=name', '--no-headers'], ['--verbs=list,watch', '-o', 'wide'], ['--verbs=deletecollection', '-o', 'name']]) await same('api-resources', ...args);
    for (const args of [['-o', 'foo'], ['--sort-by=uid']]) {
      const [theirs, ours] = await Promise.all([k('api-resources', ...args), kctl('api-resources', ...args)]);
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.code).toBe(1);
    }
  });

  it('cluster-info finds the control plane and CoreDNS', async () => {
    const r = await k('cluster-info');
    expect(r.stdout).toContain(`Kubernetes control plane is running at ${served.url}\n`);
    expect(r.stdout).toContain(`CoreDNS is running at ${served.url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`);
  });

  it('apply creates through the API server, then leaves an unchanged object unchanged', async () => {
    for (const f of ['sample-deployment.yaml', 'sample-clusterip.yaml', 'sample-lb.yaml']) {
      const r = await k('apply', '-f', SAMPLES + f);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/ created\n$/);
    }
    expect((await k('apply', '-f', SAMPLES + 'sample-deployment.yaml')).stdout).toBe('deployment.apps/sample-deployment unchanged\n');
    // kctl sees what kubectl wrote.
    expect((await kctl('get', 'deploy', 'sample-deployment', '-o', 'jsonpath={.status.readyReplicas}')).stdout).toBe('3');
  });

  it('get prints the server-side tables kctl get prints', async () => {
    const pods = await same('get', 'pods', '-o', 'wide');
    expect(pods.split('\n')[0]).toBe('NAME                                 READY   STATUS    RESTARTS   AGE   IP           NODE           NOMINATED NODE   READINESS GATES');
    expect(pods.match(/Running/g)).toHaveLength(3);
    await same('get', 'pods');
    await same('get', 'svc');
    await same('get', 'svc', '-o', 'wide');
    await same('get', 'all');
    await same('get', 'pods', '-A');
    await same('get', 'deploy,rs', '-o', 'wide');
    await same('get', 'nodes', '-o', 'wide');
    await same('get', 'pods', '--show-labels', '-l', 'app=sample-app');
    await same('get', 'pods', '-L', 'app', '--field-selector', 'status.phase=Running');
    await same('get', 'events', '-n', 'kube-system');
  });

  it('get -o json and jsonpath read the same objects', async () => {
    const theirs = JSON.parse((await k('get', 'svc', 'sample-clusterip', '-o', 'json')).stdout);
    const ours = JSON.parse((await kctl('get', 'svc', 'sample-clusterip', '-o', 'json')).stdout);
    expect(theirs).toEqual(ours);
    await same('get', 'pods', '-o', 'jsonpath={.items[*].status.podIP}');
  });

  it('describe works from the objects, events and endpoint slices the server lists', async () => {
    const r = await k('describe', 'svc', 'sample-clusterip');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Selector: +app=sample-app$/m);
    expect(r.stdout).toMatch(/^Endpoints: +10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/m);
    const d = await k('describe', 'deploy', 'sample-deployment');
    expect(d.stdout).toMatch(/^NewReplicaSet: +sample-deployment-\w+ \(3\/3 replicas created\)$/m);
    expect(d.stdout).toMatch(/ScalingReplicaSet +\S+ +deployment-controller +Scaled up replica set sample-deployment-\w+ from 0 to 3/);
  });

  it('scale, label, patch (all three types) and set image change the cluster', async () => {
    expect((await k('scale', 'deploy', 'sample-deployment', '--replicas=2')).stdout).toBe('deployment.apps/sample-deployment scaled\n');
    expect((await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'name')).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await k('label', 'svc', 'sample-clusterip', 'tier=web')).stdout).toBe('service/sample-clusterip labeled\n');
    expect((await k('patch', 'deploy', 'sample-deployment', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1}]')).code).toBe(0);
    expect((await k('patch', 'deploy', 'sample-deployment', '--type=merge', '-p', '{"spec":{"replicas":2}}')).code).toBe(0);
    expect((await k('set', 'image', 'deploy/sample-deployment', 'nginx-container=nginx:1.17')).stdout).toBe('deployment.apps/sample-deployment image updated\n');
    await same('get', 'svc', '--show-labels');
    await same('get', 'deploy', '-o', 'wide');
    expect((await kctl('get', 'deploy', 'sample-deployment', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}')).stdout).toBe('2 nginx:1.17');
  });

  it('replace, annotate, rollout undo and logs', async () => {
    const live = JSON.parse((await k('get', 'svc', 'sample-clusterip', '-o', 'json')).stdout);
    live.metadata.labels = { replaced: 'yes' };
    const file = sb.file('svc.json', JSON.stringify(live));
    expect((await k('replace', '-f', file)).stdout).toBe('service/sample-clusterip replaced\n');
    expect((await k('annotate', 'svc', 'sample-clusterip', 'note=hi')).stdout).toBe('service/sample-clusterip annotated\n');
    expect((await kctl('get', 'svc', 'sample-clusterip', '-o', 'jsonpath={.metadata.labels.replaced} {.metadata.annotations.note}')).stdout).toBe('yes hi');
    // The object changed since the JSON was read: its resourceVersion is stale now.
    const stale = await k('replace', '-f', file);
    expect(stale.stderr).toBe(
      `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on services "sample-clusterip": the object has been modified; please apply your changes to the latest version and try again\n`,
    );
    expect((await k('rollout', 'undo', 'deploy/sample-deployment')).stdout).toBe('deployment.apps/sample-deployment rolled back\n');
    expect((await kctl('get', 'deploy', 'sample-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).stdout).toBe('amsy810/echo-nginx:v2.0');
    await same('get', 'deploy', 'sample-deployment', '-o', 'yaml');
    await same('get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IP:.status.podIP');
    await same('get', 'svc,deploy', '-o', 'name');
    const pod = (await kctl('get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={.items[0].metadata.name}')).stdout;
    const logs = await k('logs', pod);
    expect(logs.stdout).toBe((await kctl('logs', pod)).stdout);
    expect(logs.stdout.length).toBeGreaterThan(0);
  });

  it('a server-side dry run changes nothing', async () => {
    const before = sb.stateText();
    const r = await k('run', 'dry', '--image=nginx', '--dry-run=server');
    expect(r.stdout).toBe('pod/dry created (server dry run)\n');
    expect(sb.stateText()).toBe(before);
  });

  it('delete removes, and what is gone is NotFound in the API server\'s words', async () => {
    expect((await k('delete', 'svc', 'sample-lb')).stdout).toBe('service "sample-lb" deleted\n');
    const again = await k('delete', 'svc', 'sample-lb');
    expect(again.stderr).toBe('Error from server (NotFound): services "sample-lb" not found\n');
    expect(again.code).toBe(1);
    const pod = await k('get', 'pod', 'nope');
    expect(pod.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await kctl('get', 'pod', 'nope')).stderr).toBe(pod.stderr);
  });

  it('AlreadyExists and Invalid (with every cause) print as kctl prints them', async () => {
    const exists = await k('create', '-f', SAMPLES + 'sample-clusterip.yaml');
    expect(exists.stderr).toBe(`Error from server (AlreadyExists): error when creating "${SAMPLES}sample-clusterip.yaml": services "sample-clusterip" already exists\n`);
    const bad = sb.file(
      'bad.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Bad_Name\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: one}\n  template:\n    metadata: {labels: {app: two}}\n    spec:\n      containers:\n      - {name: c, image: nginx}\n',
    );
    const theirs = await k('create', '-f', bad);
    const ours = await kctl('create', '-f', bad);
    expect(theirs.stderr).toMatch(/^The Deployment "Bad_Name" is invalid: \n\* metadata\.name: Invalid value: "Bad_Name": .*\n\* spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n/);
    expect(theirs.stderr).toBe(ours.stderr);
    expect(theirs.code).toBe(1);
  });

  it('a write made with kctl while serving is seen by kubectl, and the other way round', async () => {
    await sb.ok(['create', 'configmap', 'from-kctl', '--from-literal=a=b'], { env });
    expect((await k('get', 'cm', 'from-kctl', '-o', 'jsonpath={.data.a}')).stdout).toBe('b');
    await k('run', 'from-kubectl', '--image=nginx');
    expect((await kctl('get', 'pod', 'from-kubectl', '-o', 'jsonpath={.status.phase}')).stdout).toBe('Running');
  });

  it('autoscale writes an autoscaling/v1 HPA; it reads back in v1 and in the stored v2', async () => {
    expect((await k('create', 'deployment', 'scaled', '--image=nginx')).code).toBe(0);
    const r = await k('autoscale', 'deployment', 'scaled', '--min=1', '--max=3', '--cpu-percent=50');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('horizontalpodautoscaler.autoscaling/scaled autoscaled\n');
    // The full resource name: kubectl drops the version of a short name (hpa.v1.autoscaling) as it expands it.
    expect((await k('get', 'horizontalpodautoscalers.v1.autoscaling', 'scaled', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}')).stdout).toBe('autoscaling/v1 50');
    expect((await k('get', 'hpa', 'scaled', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}')).stdout).toBe('autoscaling/v2 50');
    // A patch in v1 is made against the object as v1 shows it.
    expect((await k('patch', 'horizontalpodautoscalers.v1.autoscaling', 'scaled', '--type=merge', '-p', '{"spec":{"targetCPUUtilizationPercentage":70}}')).code).toBe(0);
    expect((await k('get', 'hpa', 'scaled', '-o', 'jsonpath={.spec.metrics[0].resource.target.averageUtilization}')).stdout).toBe('70');
  });

  it('refuses a wrong token with kubectl\'s login error', async () => {
    const wrong = sb.file('wrong-kubeconfig', readFileSync(served.kubeconfig, 'utf8').replace(/token: \S+/, 'token: not-the-token'));
    const bin = await kubectlBinary();
    const r = await runProcess(bin, ['--kubeconfig', wrong, '--cache-dir', `${sb.dir}/.other-cache`, 'get', 'pods'], { env: { ...process.env, HOME: sb.dir } });
    expect(r.stderr).toMatch(/error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\n$/);
    expect(r.code).toBe(1);
  });

  it('a second kctl serve on the same state file is refused', async () => {
    const r = await kctl('serve', '--port', '0');
    expect(r.stderr).toMatch(new RegExp(`^error: the state file ${sb.state} is already served by kctl serve \\(pid \\d+, ${served.url.replace(/\./g, '\\.')}\\);`));
    expect(r.code).toBe(1);
  });
});
