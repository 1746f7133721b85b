// The default cluster a learner meets on first use: nodes, namespaces, the kubernetes and DNS
// Services, kube-system's secret and pods, and the informational verbs.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../helpers/kctl.js';

const BORN = '2025-01-06T10:00:00Z';
const LATER = '2025-04-09T11:00:00Z'; // 93 days and an hour later

describe('the default cluster', () => {
  const sb = new Sandbox();
  const kctl = (...args: string[]) => sb.ok(args, { env: { KCTL_NOW: LATER } });
  beforeAll(() => sb.ok(['cluster', 'reset'], { env: { KCTL_NOW: BORN } }));
  afterAll(() => sb.cleanup());

  it('has a control plane and three Ready workers with the fields -o wide shows', async () => {
    expect(await kctl('get', 'nodes', '-o', 'wide')).toBe(
      `NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME
kctl-control-plane   Ready    control-plane   93d   v1.32.2   10.240.0.6    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.0.2
kctl-worker          Ready    <none>          93d   v1.32.2   10.240.0.7    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.0.2
kctl-worker2         Ready    <none>          93d   v1.32.2   10.240.0.8    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.0.2
kctl-worker3         Ready    <none>          93d   v1.32.2   10.240.0.9    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.0.2
`,
    );
    expect(await kctl('get', 'no', 'kctl-worker', '-o', 'jsonpath={.spec.podCIDR} {.spec.taints}')).toBe('10.244.1.0/24 ');
    expect(await kctl('get', 'no', 'kctl-control-plane', '-o', 'jsonpath={.spec.taints[0].key}:{.spec.taints[0].effect}')).toBe('node-role.kubernetes.io/control-plane:NoSchedule');
  });

  it('has the four namespaces of every cluster, each labelled with its name', async () => {
    const ns = (await kctl('get', 'namespaces', '--show-labels')).split('\n');
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(ns).toContainEqual(expect.stringMatching(new RegExp(`^${name} +Active +93d +kubernetes\\.io/metadata\\.name=${name}$`)));
    }
    expect(ns[0]).toMatch(/^NAME +STATUS +AGE +LABELS$/);
  });

  it('serves the kubernetes Service at 10.96.0.1 and cluster DNS at 10.96.0.10', async () => {
    expect(await kctl('get', 'svc')).toBe('NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   93d\n');
    expect(await kctl('get', 'svc', 'kube-dns', '-n', 'kube-system')).toBe(
      'NAME       TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\nkube-dns   ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   93d\n',
    );
    const dns = (await kctl('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.spec.nodeName}{"\\n"}{end}')).trim().split('\n');
    expect(dns).toHaveLength(2);
    for (const d of dns) expect(d).toMatch(/^coredns-[bcdf45-9]+-[bcdfghjklmnpqrstvwxz2456789]{5} Running kctl-worker\d?$/);
  });

  it('keeps only kind\'s bootstrap token in kube-system: no legacy service-account token secrets since v1.24', async () => {
    expect(await kctl('get', 'secret', '-n', 'kube-system')).toBe('NAME                     TYPE                            DATA   AGE\nbootstrap-token-abcdef   bootstrap.kubernetes.io/token   6      93d\n');
    const data = JSON.parse(await kctl('get', 'secret', 'bootstrap-token-abcdef', '-n', 'kube-system', '-o', 'jsonpath={.data}'));
    const decoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v as string, 'base64').toString()]));
    expect(decoded).toEqual({
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
      expiration: '2025-01-07T10:00:00Z',
      'token-id': 'abcdef',
      'token-secret': '0123456789abcdef',
      'usage-bootstrap-authentication': 'true',
      'usage-bootstrap-signing': 'true',
    });
    expect(await kctl('get', 'secrets', '-A', '--field-selector', 'type=kubernetes.io/service-account-token', '-o', 'name')).toBe('');
    expect(await kctl('describe', 'serviceaccount', 'default', '-n', 'kube-system')).toBe(
      'Name:                default\nNamespace:           kube-system\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });

  it('runs the control plane as static pods and kube-proxy as a DaemonSet on every node', async () => {
    const pods = (await kctl('get', 'pods', '-n', 'kube-system', '-o', 'name')).trim().split('\n');
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(pods).toContain(`pod/${c}-kctl-control-plane`);
    expect(await kctl('get', 'ds', 'kube-proxy', '-n', 'kube-system')).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nkube-proxy   4         4         4       4            4           <none>          93d\n',
    );
  });

  it('gives every namespace its default ServiceAccount and kube-root-ca.crt', async () => {
    await sb.ok(['create', 'namespace', 'sample-namespace']);
    expect(await kctl('get', 'sa,cm', '-n', 'sample-namespace', '-o', 'name')).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
  });

  it('prints versions, API resources and cluster-info', async () => {
    expect(await kctl('version')).toBe('Client Version: v1.32.3\nKustomize Version: v5.5.0\nServer Version: v1.32.2\n');
    expect(JSON.parse(await kctl('version', '-o', 'json')).serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.2' });
    expect(await kctl('version', '--client')).toBe('Client Version: v1.32.3\nKustomize Version: v5.5.0\n');
    // Columns are as wide as the longest name (certificatesigningrequests): compared by cell.
    const resources = (await kctl('api-resources')).split('\n').map((l) => l.replace(/ {2,}/g, ' | '));
    expect(resources[0]).toBe('NAME | SHORTNAMES | APIVERSION | NAMESPACED | KIND');
    for (const row of ['pods | po | v1 | true | Pod', 'services | svc | v1 | true | Service', 'deployments | deploy | apps/v1 | true | Deployment', 'ingresses | ing | networking.k8s.io/v1 | true | Ingress']) {
      expect(resources).toContain(row);
    }
    expect(await kctl('api-resources', '--namespaced=false', '-o', 'name')).toBe('namespaces\nnodes\ncertificatesigningrequests.certificates.k8s.io\nnodes.metrics.k8s.io\ningressclasses.networking.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\npriorityclasses.scheduling.k8s.io\n');
    expect(await kctl('cluster-info')).toBe(
      `Kubernetes control plane is running at https://10.240.0.6:6443\nCoreDNS is running at https://10.240.0.6:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kctl cluster-info dump'.\n(The cluster is simulated by kctl; its state file is ${sb.state})\n`,
    );
  });

  it('completes verbs, flags, resource types and names through cobra\'s scripts and __complete', async () => {
    const bash = await kctl('completion', 'bash');
    expect(bash).toContain('complete -o default -F __start_kctl kctl');
    expect(bash).toContain('__complete');
    expect((await kctl('completion', 'zsh')).startsWith('#compdef kctl\ncompdef _kctl kctl\n')).toBe(true);
    expect(await sb.run(['completion', 'tcsh'])).toEqual({ stdout: '', stderr: `error: Unsupported shell type "tcsh".\nSee 'kctl completion -h' for help and examples\n`, code: 1 });
    expect(await sb.run(['__complete', 'ro'])).toEqual({ stdout: 'rollout\tManage the rollout of a resource\n:4\n', stderr: 'Completion ended with directive: ShellCompDirectiveNoFileComp\n', code: 0 });
    expect(await kctl('__completeNoDesc', 'get', 'deploy')).toBe('deployments\n:4\n');
    expect(await kctl('__completeNoDesc', '-n', 'kube-system', 'get', 'deployments', 'co')).toBe('coredns\n:4\n');
    expect(await kctl('__completeNoDesc', 'get', '-n', 'kube-')).toBe('kube-node-lease\nkube-public\nkube-system\n:4\n');
  });
});
