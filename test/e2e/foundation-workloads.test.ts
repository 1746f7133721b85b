// The controllers behind the workloads: Deployment → ReplicaSet → Pods with Kubernetes' names,
// scaling, StatefulSet ordinals, DaemonSets on every schedulable node, cascading deletion, the
// scheduler's spread and the kubelet's addresses and statuses.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const ALPHABET = '[bcdfghjklmnpqrstvwxz2456789]';
const GUIDE = new URL('../../samples/perfect-guide/ch06/', import.meta.url).pathname;

interface PodRow {
  name: string;
  node: string;
  ip: string;
  phase: string;
  ready: string;
  restarts: string;
  hash: string;
}

describe('workload controllers', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const pods = async (selector: string): Promise<PodRow[]> =>
    (await sb
      .ok(['get', 'pods', '-l', selector, '-o', 'jsonpath={range .items[*]}{.metadata.name}|{.spec.nodeName}|{.status.podIP}|{.status.phase}|{.status.containerStatuses[*].ready}|{.status.containerStatuses[*].restartCount}|{.metadata.labels.pod-template-hash}{"\\n"}{end}']))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [name, node, ip, phase, ready, restarts, hash] = l.split('|');
        return { name, node, ip, phase, ready, restarts, hash };
      });

  it('names the ReplicaSet <deployment>-<pod-template-hash> and its pods <rs>-<5 chars>, labelling both', async () => {
    await sb.ok(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=6']);
    const rs = JSON.parse(await sb.ok(['get', 'rs', '-l', 'app=web', '-o', 'json'])).items;
    expect(rs).toHaveLength(1);
    const hash = rs[0].metadata.labels['pod-template-hash'];
    expect(hash).toMatch(/^[4-9bcdf]{6,10}$/);
    expect(rs[0].metadata.name).toBe(`web-${hash}`);
    expect(rs[0].spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
    expect(rs[0].metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '6', 'deployment.kubernetes.io/max-replicas': '8', 'deployment.kubernetes.io/revision': '1' });
    const ps = await pods('app=web');
    expect(ps).toHaveLength(6);
    for (const p of ps) {
      expect(p.name).toMatch(new RegExp(`^web-${hash}-${ALPHABET}{5}$`));
      expect(p.hash).toBe(hash);
    }
  });

  it('spreads pods evenly over the workers, never on the tainted control plane', async () => {
    const perNode = new Map<string, number>();
    for (const p of await pods('app=web')) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ 'kctl-worker': 2, 'kctl-worker2': 2, 'kctl-worker3': 2 });
  });

  it('gives each pod an address from its node\'s pod CIDR, Running, Ready and never restarted', async () => {
    const cidr: Record<string, string> = { 'kctl-worker': '10.244.1.', 'kctl-worker2': '10.244.2.', 'kctl-worker3': '10.244.3.' };
    const ps = await pods('app=web');
    expect(new Set(ps.map((p) => p.ip)).size).toBe(ps.length);
    for (const p of ps) {
      expect(p.ip.startsWith(cidr[p.node])).toBe(true);
      expect(Number(p.ip.split('.')[3])).toBeGreaterThan(1);
      expect([p.phase, p.ready, p.restarts]).toEqual(['Running', 'true', '0']);
    }
    const pod = JSON.parse(await sb.ok(['get', 'pod', ps[0].name, '-o', 'json']));
    expect(pod.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(pod.status.hostIP).toBe({ 'kctl-worker': '10.240.0.7', 'kctl-worker2': '10.240.0.8', 'kctl-worker3': '10.240.0.9' }[ps[0].node]);
    expect(pod.status.containerStatuses[0]).toMatchObject({ name: 'nginx', image: 'docker.io/library/nginx:1.25', ready: true, restartCount: 0, started: true, state: { running: {} } });
  });

  it('shows READY 2/2 for a pod with two containers', async () => {
    sb.file('two.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - {name: a, image: nginx}\n  - {name: b, image: busybox, command: [sleep, "3600"]}\n');
    await sb.ok(['apply', '-f', 'two.yaml']);
    expect(await sb.ok(['get', 'pod', 'two', '--no-headers'])).toMatch(/^two   2\/2   Running   0     \S+\n$/);
  });

  it('scales up and down, deleting the newest pods first', async () => {
    const before = (await pods('app=web')).map((p) => p.name);
    expect(await sb.ok(['scale', 'deployment', 'web', '--replicas=2'])).toBe('deployment.apps/web scaled\n');
    const after = (await pods('app=web')).map((p) => p.name);
    expect(after).toHaveLength(2);
    for (const n of after) expect(before).toContain(n);
    expect(await sb.ok(['scale', '--replicas=4', 'deployment/web'])).toBe('deployment.apps/web scaled\n');
    expect(await pods('app=web')).toHaveLength(4);
    expect(await sb.ok(['get', 'deploy', 'web'])).toMatch(/\nweb    4\/4     4            4           \S+\n$/);
    expect(await sb.ok(['get', 'rs', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.replicas}/{.items[0].status.readyReplicas}'])).toBe('4/4');
  });

  it('replaces a deleted pod as a ReplicaSet does', async () => {
    const [victim] = await pods('app=web');
    expect(await sb.ok(['delete', 'pod', victim.name])).toBe(`pod "${victim.name}" deleted\n`);
    const now = (await pods('app=web')).map((p) => p.name);
    expect(now).toHaveLength(4);
    expect(now).not.toContain(victim.name);
  });

  it('creates StatefulSet pods <name>-0…<name>-N-1 with stable hostnames under the governing Service', async () => {
    await sb.ok(['apply', '-f', GUIDE + 'sample-statefulset-headless.yaml']);
    const sts = await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.hostname} {.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}{"\\n"}{end}']);
    expect(sts).toBe(
      [0, 1, 2].map((i) => `sample-statefulset-headless-${i} sample-statefulset-headless-${i} sample-headless sample-statefulset-headless-${i} ${i}\n`).join(''),
    );
    await sb.ok(['scale', 'sts', 'sample-statefulset-headless', '--replicas=1']);
    expect(await sb.ok(['get', 'pods', '-l', 'app=sample-app', '-o', 'name'])).toBe('pod/sample-statefulset-headless-0\n');
    expect(await sb.ok(['get', 'sts'])).toMatch(/^NAME +READY +AGE\nsample-statefulset-headless +1\/1 +\S+\n$/);
  });

  it('runs one DaemonSet pod on every schedulable node, and on the control plane when tolerated', async () => {
    sb.file(
      'ds.yaml',
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: busybox}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: everywhere}
spec:
  selector: {matchLabels: {app: everywhere}}
  template:
    metadata: {labels: {app: everywhere}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: a, image: busybox}]
`,
    );
    await sb.ok(['apply', '-f', 'ds.yaml']);
    expect((await pods('app=agent')).map((p) => p.node).sort()).toEqual(['kctl-worker', 'kctl-worker2', 'kctl-worker3']);
    expect((await pods('app=everywhere')).map((p) => p.node).sort()).toEqual(['kctl-control-plane', 'kctl-worker', 'kctl-worker2', 'kctl-worker3']);
    for (const p of await pods('app=agent')) expect(p.name).toMatch(new RegExp(`^agent-${ALPHABET}{5}$`));
    expect(await sb.ok(['get', 'ds', 'agent', '--no-headers'])).toMatch(/^agent   3     3     3     3     3     <none>   \S+\n$/);
  });

  it('reports a pod no node can take as Pending with the scheduler\'s reason', async () => {
    sb.file('picky.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\nspec:\n  nodeSelector: {disk: ssd}\n  containers: [{name: a, image: nginx}]\n');
    await sb.ok(['apply', '-f', 'picky.yaml']);
    expect(await sb.ok(['get', 'pod', 'picky', '-o', 'wide', '--no-headers'])).toMatch(/^picky   0\/1   Pending   0     \S+ +<none>   <none>   <none>   <none>\n$/);
    expect(await sb.ok(['describe', 'pod', 'picky'])).toMatch(
      /\n  Warning  FailedScheduling  \S+ +default-scheduler  0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 node\(s\) didn't match Pod's node affinity\/selector\. preemption: 0\/4 nodes are available: 4 Preemption is not helpful for scheduling\.\n$/,
    );
    await sb.ok(['label', 'node', 'kctl-worker2', 'disk=ssd']);
    expect(await sb.ok(['get', 'pod', 'picky', '-o', 'jsonpath={.status.phase} {.spec.nodeName}'])).toBe('Running kctl-worker2');
  });
});

describe('deleting owners', () => {
  const sb = new Sandbox();
  beforeAll(async () => {
    await sb.ok(['create', 'deployment', 'keep', '--image=nginx', '--replicas=2']);
    await sb.ok(['create', 'deployment', 'drop', '--image=nginx', '--replicas=2']);
  });
  afterAll(() => sb.cleanup());

  it('cascades to ReplicaSets and pods by default, as the garbage collector does', async () => {
    expect(await sb.ok(['delete', 'deployment', 'drop'])).toBe('deployment.apps "drop" deleted\n');
    expect(await sb.run(['get', 'rs,pods', '-l', 'app=drop'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  it('--cascade=orphan keeps the dependants and drops their owner references', async () => {
    expect(await sb.ok(['delete', 'deployment', 'keep', '--cascade=orphan'])).toBe('deployment.apps "keep" deleted\n');
    const rs = JSON.parse(await sb.ok(['get', 'rs', '-l', 'app=keep', '-o', 'json'])).items;
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    expect((await sb.ok(['get', 'pods', '-l', 'app=keep', '-o', 'name'])).trim().split('\n')).toHaveLength(2);
    expect(await sb.run(['delete', 'deployment', 'x', '--cascade=sometimes'])).toEqual({
      stdout: '',
      stderr: 'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n',
      code: 1,
    });
  });

  it('deleting a namespace deletes everything in it', async () => {
    await sb.ok(['create', 'namespace', 'scratch']);
    await sb.ok(['create', 'deployment', 'tmp', '--image=nginx', '-n', 'scratch']);
    await sb.ok(['create', 'configmap', 'cfg', '--from-literal=a=b', '-n', 'scratch']);
    expect(await sb.ok(['delete', 'namespace', 'scratch'])).toBe('namespace "scratch" deleted\n');
    expect(await sb.run(['get', 'all', '-n', 'scratch'])).toEqual({ stdout: '', stderr: 'No resources found in scratch namespace.\n', code: 0 });
    // create configmap puts the server's error in its own words (failed to create configmap: …).
    expect(await sb.run(['create', 'configmap', 'again', '-n', 'scratch'])).toEqual({ stdout: '', stderr: 'error: failed to create configmap: namespaces "scratch" not found\n', code: 1 });
    expect(await sb.run(['delete', 'namespace', 'kube-system'])).toEqual({ stdout: '', stderr: 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n', code: 1 });
  });
});
