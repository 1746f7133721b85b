// The default cluster a fresh state file starts with: namespaces, nodes, the `kubernetes`
// Service, cluster DNS, kube-proxy, the control-plane's static pods, kube-system's secrets and,
// unless turned off, the ingress-nginx add-on.

import { createHash } from 'node:crypto';
import { LAST_APPLIED, lastAppliedConfiguration } from '../api/lastapplied.js';
import { resourceForKind } from '../api/scheme.js';
import { ApiServer } from '../apiserver/server.js';
import type { KObject } from '../api/types.js';
import { settle } from '../kubelet/index.js';
import { STATE_KIND, STATE_VERSION, type StateData } from '../store/schema.js';
import type { Random } from '../util/random.js';
import { BUILTIN_RELEASE, currentDeploy } from './addons/ingress-nginx.js';
import { Cluster } from './cluster.js';
import type { ClusterConfig, NodeConfig } from '../store/schema.js';
import { serviceIP } from './config.js';
import { SYSTEM_PRIORITY_CLASSES, systemPriorityClass } from '../kinds/priorityclass.js';
import { bootstrapPolicy } from '../kinds/rbac/bootstrap.js';

function node(n: NodeConfig, cfg: ClusterConfig, rand: Random): KObject {
  const cp = n.role === 'control-plane';
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (cp) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const t = cfg.createdAt;
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: t, lastTransitionTime: t, reason, message });
  const resources = { cpu: '8', 'ephemeral-storage': '263112772Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16365060Ki', pods: String(cfg.maxPodsPerNode) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: n.podCIDR,
      podCIDRs: [n.podCIDR],
      providerID: `kind://docker/${cfg.name}/${n.name}`,
      ...(cp ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [
        { address: n.internalIP, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: resources,
      capacity: resources,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: rand.uuid(),
        containerRuntimeVersion: 'containerd://2.0.2',
        kernelVersion: '6.8.0-45-generic',
        kubeProxyVersion: cfg.kubernetesVersion,
        kubeletVersion: cfg.kubernetesVersion,
        machineID: rand.hex(32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: rand.uuid(),
      },
    },
  };
}

function staticPod(component: string, image: string, command: string[], cp: NodeConfig, cfg: ClusterConfig): KObject {
  // The kubelet's mirror of a static pod carries the manifest's hash: drain leaves such pods.
  const hash = createHash('md5').update(`${component}\0${image}\0${command.join('\0')}`).digest('hex');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${cp.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.source': 'file' },
    },
    spec: {
      containers: [{ name: component, image: `registry.k8s.io/${image}`, command }],
      hostNetwork: true,
      nodeName: cp.name,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      automountServiceAccountToken: false,
    },
  };
}

/**
 * kube-system's only Secret: the bootstrap token kind's kubeadm config gives every cluster
 * (abcdef.0123456789abcdef, kubeadm's default 24 h TTL, groups and usages, no description).
 * Since v1.24 no ServiceAccount gets a legacy token Secret (LegacyServiceAccountTokenNoAutoGeneration).
 */
function bootstrapToken(cfg: ClusterConfig): KObject {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const expiration = new Date(Date.parse(cfg.createdAt) + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: {
      'auth-extra-groups': b64('system:bootstrappers:kubeadm:default-node-token'),
      expiration: b64(expiration),
      'token-id': b64('abcdef'),
      'token-secret': b64('0123456789abcdef'),
      'usage-bootstrap-authentication': b64('true'),
      'usage-bootstrap-signing': b64('true'),
    },
  };
}

function kubeSystem(cfg: ClusterConfig): KObject[] {
  const cp = cfg.nodes.find((n) => n.role === 'control-plane')!;
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  return [
    bootstrapToken(cfg),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: dnsLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: dnsLabels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: dnsLabels },
          spec: {
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.3',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
              },
            ],
            dnsPolicy: 'Default',
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: serviceIP(cfg, 10),
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: dnsLabels,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${cfg.kubernetesVersion}`, command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'] }],
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
    staticPod('etcd', 'etcd:3.5.16-0', ['etcd', `--advertise-client-urls=https://${cp.internalIP}:2379`], cp, cfg),
    staticPod('kube-apiserver', `kube-apiserver:${cfg.kubernetesVersion}`, ['kube-apiserver', `--advertise-address=${cp.internalIP}`, `--service-cluster-ip-range=${cfg.serviceCIDR}`], cp, cfg),
    staticPod('kube-controller-manager', `kube-controller-manager:${cfg.kubernetesVersion}`, ['kube-controller-manager', `--cluster-cidr=${cfg.podCIDR}`], cp, cfg),
    staticPod('kube-scheduler', `kube-scheduler:${cfg.kubernetesVersion}`, ['kube-scheduler'], cp, cfg),
  ];
}

function defaultNamespace(cfg: ClusterConfig): KObject[] {
  const cp = cfg.nodes.find((n) => n.role === 'control-plane')!;
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: serviceIP(cfg, 1), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: cp.internalIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
  ];
}

function applied(o: KObject): KObject {
  const manifest: KObject = { ...o };
  delete manifest.status;
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [LAST_APPLIED]: lastAppliedConfiguration(manifest) } } };
}

/** A new state with the default cluster, settled: its containers run before anyone looks. */
export async function bootstrap(cfg: ClusterConfig, nowMs: number, rand: Random, env: NodeJS.ProcessEnv): Promise<StateData> {
  const data: StateData = { kind: STATE_KIND, version: STATE_VERSION, config: cfg, resourceVersion: 0, objects: {}, containers: {}, ipam: {}, affinity: {} };
  const cluster = new Cluster(data, nowMs, rand, !!env.KCTL_CHECKS);
  const api = new ApiServer(cluster);
  const objects: KObject[] = [
    // What the API server makes at start: the system priority classes (its static pods name
    // one) and the bootstrap RBAC policy.
    ...SYSTEM_PRIORITY_CLASSES.map(systemPriorityClass),
    ...bootstrapPolicy(),
    ...['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((name): KObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...cfg.nodes.map((n) => node(n, cfg, rand)),
    ...defaultNamespace(cfg),
    ...kubeSystem(cfg),
    // Installed as `kubectl apply -f` installs an add-on, so applying its manifest again merges.
    ...(cfg.ingressNginx ? currentDeploy(BUILTIN_RELEASE, 'builtin', cfg.loadBalancerPool.last).map(applied) : []),
  ];
  for (const o of objects) {
    const info = resourceForKind(o.kind)!;
    const created = api.create(o, info);
    if (o.status) api.updateStatus(info, created, o.status as Record<string, unknown>);
  }
  await settle(cluster, env);
  return data;
}
