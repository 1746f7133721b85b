// Node maintenance as kubectl words it: cordon, taint (and the scheduler and taint-eviction
// controller obeying them), drain through pods/eviction, top from simulated usage, certificate
// approve|deny with the signer issuing, and auth answering as the cluster's administrator.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const env = { KCTL_NOW: '2025-03-01T10:00:00Z' };
const CSR = new URL('../fixtures/certificates/jane-csr.yaml', import.meta.url).pathname;

describe('node maintenance', () => {
  const sb = new Sandbox();
  afterAll(() => sb.cleanup());
  const run = (...args: string[]) => sb.run(args, { env });
  const nodesOf = async (selector: string) => (await sb.ok(['get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].spec.nodeName}'], { env })).split(' ').filter(Boolean);

  it('cordon and taint print kubectl messages; bad input changes nothing', async () => {
    await sb.ok(['cluster', 'reset'], { env });
    expect((await run('cordon', 'kctl-worker')).stdout).toBe('node/kctl-worker cordoned\n');
    expect((await run('cordon', 'kctl-worker')).stdout).toBe('node/kctl-worker already cordoned\n');
    expect(await sb.ok(['get', 'node', 'kctl-worker', '-o', 'jsonpath={.spec.taints[*].key}'], { env })).toBe('node.kubernetes.io/unschedulable');
    expect((await run('uncordon', 'kctl-worker', '--dry-run=client')).stdout).toBe('node/kctl-worker uncordoned (dry run)\n');
    expect((await run('uncordon', 'kctl-worker')).stdout).toBe('node/kctl-worker uncordoned\n');
    expect((await run('taint', 'nodes', 'kctl-worker', 'dedicated=db:NoSchedule')).stdout).toBe('node/kctl-worker tainted\n');
    const before = sb.stateText();
    expect(await run('taint', 'nodes', 'kctl-worker', 'dedicated=web:NoSchedule')).toEqual({ stdout: '', stderr: 'error: node kctl-worker already has dedicated taint(s) with same effect(s) and --overwrite is false\n', code: 1 });
    expect(await run('taint', 'nodes', 'kctl-worker', 'a=b:Sometimes')).toEqual({ stdout: '', stderr: "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kctl taint -h' for help and examples\n", code: 1 });
    expect(await run('taint', 'nodes', 'kctl-worker', 'missing-')).toEqual({ stdout: '', stderr: 'error: taint "missing" not found\n', code: 1 });
    expect(await run('cordon')).toEqual({ stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kctl cordon -h' for help and examples\n", code: 1 });
    expect(sb.stateText()).toBe(before);
    expect((await run('taint', 'nodes', 'kctl-worker', 'dedicated=web:NoSchedule', '--overwrite')).stdout).toBe('node/kctl-worker modified\n');
    expect((await run('taint', 'nodes', 'kctl-worker', 'dedicated-')).stdout).toBe('node/kctl-worker untainted\n');
  });

  it('the scheduler keeps off tainted nodes; NoExecute evicts pods that do not tolerate it', async () => {
    await sb.ok(['taint', 'nodes', 'kctl-worker', 'kctl-worker2', 'gpu=yes:NoSchedule'], { env });
    await sb.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], { env });
    expect(await nodesOf('app=web')).toEqual(['kctl-worker3', 'kctl-worker3', 'kctl-worker3']);
    await sb.ok(['taint', 'nodes', 'kctl-worker', 'kctl-worker2', 'gpu-'], { env });
    await sb.ok(['taint', 'nodes', 'kctl-worker3', 'maintenance=now:NoExecute'], { env });
    const nodes = await nodesOf('app=web');
    expect(nodes).toHaveLength(3);
    expect(nodes).not.toContain('kctl-worker3');
    const events = await sb.ok(['get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'jsonpath={.items[*].message}'], { env });
    expect(events.split('Marking for deletion Pod default/web-')).toHaveLength(4);
    await sb.ok(['taint', 'nodes', 'kctl-worker3', 'maintenance-'], { env });
  });

  it('drain refuses unmanaged pods without --force, then evicts through pods/eviction', async () => {
    sb.file('bare.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  nodeName: kctl-worker3\n  containers:\n  - name: c\n    image: nginx\n');
    await sb.ok(['create', '-f', 'bare.yaml'], { env });
    const refused = await run('drain', 'kctl-worker3');
    expect(refused.stdout).toBe('node/kctl-worker3 cordoned\n');
    const daemon = 'cannot delete DaemonSet-managed Pods \\(use --ignore-daemonsets to ignore\\): kube-system/kube-proxy-\\w+';
    const bare = 'cannot delete cannot delete Pods that declare no controller \\(use --force to override\\): default/bare';
    expect(refused.stderr).toMatch(new RegExp(`^error: unable to drain node "kctl-worker3" due to error: \\[${bare}, ${daemon}\\], continuing command\\.\\.\\.\nThere are pending nodes to be drained:\n kctl-worker3\n${bare}\n${daemon}\n$`));
    expect(refused.code).toBe(1);
    const drained = await run('drain', 'kctl-worker3', '--ignore-daemonsets', '--force');
    expect(drained.stdout).toBe('node/kctl-worker3 already cordoned\nevicting pod default/bare\npod/bare evicted\nnode/kctl-worker3 drained\n');
    expect(drained.stderr).toMatch(/^Warning: deleting Pods that declare no controller: default\/bare; ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w+\n$/);
    expect((await run('get', 'pod', 'bare')).code).toBe(1);
    expect((await run('uncordon', 'kctl-worker3')).stdout).toBe('node/kctl-worker3 uncordoned\n');
  });

  it('top shows usage that follows the containers, in kubectl layout', async () => {
    const nodes = (await run('top', 'node')).stdout.split('\n');
    expect(nodes[0]).toBe('NAME                 CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(nodes[1]).toMatch(/^kctl-control-plane   \d+m +\d+% +\d+Mi +\d+% +$/);
    const pods = (await run('top', 'pod', '-A', '--sort-by=memory', '--sum')).stdout.split('\n');
    expect(pods[0]).toMatch(/^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
    expect(pods[1]).toMatch(/^kube-system +kube-apiserver-kctl-control-plane +\d+m +\d+Mi +$/);
    expect(pods.at(-3)).toMatch(/^ +________ +________ +$/);
    expect(await run('top', 'pod', '--sort-by=disk')).toEqual({ stdout: '', stderr: 'error: --sort-by accepts only cpu or memory\n', code: 1 });
    expect(await run('top', 'pod', 'nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n', code: 1 });
  });

  it('certificate approve issues a client certificate; deny of an approved CSR is refused', async () => {
    await sb.ok(['create', '-f', CSR], { env });
    expect((await run('get', 'csr')).stdout).toBe('NAME   AGE   SIGNERNAME                            REQUESTOR          REQUESTEDDURATION   CONDITION\njane   0s    kubernetes.io/kube-apiserver-client   kubernetes-admin   24h                 Pending\n');
    expect((await run('certificate', 'approve', 'jane')).stdout).toBe('certificatesigningrequest.certificates.k8s.io/jane approved\n');
    expect((await run('get', 'csr', 'jane', '--no-headers')).stdout).toMatch(/Approved,Issued\n$/);
    const cert = Buffer.from(await sb.ok(['get', 'csr', 'jane', '-o', 'jsonpath={.status.certificate}'], { env }), 'base64').toString();
    const text = execFileSync('openssl', ['x509', '-noout', '-subject', '-issuer', '-enddate'], { input: cert }).toString();
    expect(text).toContain('subject=CN = jane, O = dev\nissuer=CN = kubernetes\nnotAfter=Mar  2 10:00:00 2025 GMT');
    expect(await run('certificate', 'deny', 'jane')).toEqual({ stdout: '', stderr: 'error: certificate signing request "jane" is already Approved\n', code: 1 });
    expect(readFileSync(CSR, 'utf8')).toContain('kube-apiserver-client');
  });

  it('auth answers as the administrator', async () => {
    expect(await run('auth', 'can-i', 'create', 'pods')).toEqual({ stdout: 'yes\n', stderr: '', code: 0 });
    expect(await run('auth', 'can-i', 'delete', 'nodes')).toEqual({ stdout: 'yes\n', stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", code: 0 });
    expect((await run('auth', 'can-i', 'get')).stderr).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kctl auth can-i -h' for help and examples.\n");
    expect((await run('auth', 'whoami')).stdout).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  });
});
