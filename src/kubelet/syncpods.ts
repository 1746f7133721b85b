// The kubelets' pod sync, for all nodes: give each bound pod an address from its node's pod CIDR
// (host-local IPAM), pull and start its containers, and report the status the API shows. A
// container with a command is marked to run once the controllers settle (./containers.ts).

import type { Container, ContainerStatus, PodSpec } from 'kubernetes-types/core/v1';
import { resourceInfo } from '../api/scheme.js';
import type { ApiServer } from '../apiserver/server.js';
import type { PodObject } from '../api/types.js';
import { intToIp, parseCidr } from '../util/ip.js';
import { recordContainerEnvironment } from './environment.js';
import { hasNewEphemeralContainers, startEphemeralContainers } from './ephemeral.js';
import { imageID, normalizeImage } from './images.js';
import { markPending } from './pending.js';
import { ownOrSet } from '../util/objects.js';

/** The store's removal count at the last cleanup of runtime state. */
const cleaned = new WeakMap<object, number>();

export function syncPods(api: ApiServer): void {
  const { cluster } = api;
  const { store } = cluster;
  const nodes = new Map(store.list('nodes').map((n) => [n.metadata.name, n]));
  const pods = store.list('pods');
  // A pod's runtime state (its containers' files and logs) goes when the pod goes. Only a removal
  // can leave some behind (each command starts clean), and the state stays unread otherwise.
  if ((cleaned.get(store) ?? 0) !== store.removals) {
    cleaned.set(store, store.removals);
    const live = new Set(pods.map((p) => p.metadata.uid));
    for (const uid of Object.keys(cluster.data.containers)) if (!live.has(uid)) delete cluster.data.containers[uid];
  }
  for (const p of pods) if (hasNewEphemeralContainers(p)) startEphemeralContainers(api, p);
  const serviceEnvs = new Map<string, Record<string, string>>();
  const starting = pods.filter((p) => p.spec?.nodeName && !p.status?.startTime);
  if (!starting.length) return;
  const used = new Map<string, Set<string>>();
  for (const p of pods) {
    const ip = p.status?.podIP;
    const n = p.spec?.nodeName;
    if (ip && n && !p.spec?.hostNetwork) (used.get(n) ?? used.set(n, new Set()).get(n)!).add(ip);
  }
  for (const pod of starting) {
    const nodeName = pod.spec!.nodeName!;
    const node = nodes.get(nodeName);
    if (!node) continue;
    const hostIP = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    let podIP = hostIP;
    if (!pod.spec!.hostNetwork) {
      // Nodes come from the cluster's shape, each with a pod CIDR.
      const cidr = node.spec!.podCIDR!;
      const ip = allocate(api, nodeName, cidr, used.get(nodeName) ?? used.set(nodeName, new Set()).get(nodeName)!);
      if (!ip) {
        cluster.event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: failed to allocate for range 0: no IP addresses available in range set: ${cidr}`, 'kubelet');
        continue;
      }
      podIP = ip;
    }
    start(api, pod, hostIP, podIP, serviceEnvs);
  }
}

/** host-local IPAM: the next free address after the last one handed out on this node. */
function allocate(api: ApiServer, node: string, cidrText: string, used: Set<string>): string | undefined {
  const cidr = parseCidr(cidrText);
  const size = cidr.size - 3; // network, gateway (.1) and broadcast are not handed out
  const ipam = api.cluster.data.ipam;
  const last = ipam[node] ?? -1;
  for (let i = 1; i <= size; i++) {
    const idx = (last + i) % size;
    const ip = intToIp(cidr.base + 2 + idx);
    if (!used.has(ip)) {
      used.add(ip);
      ipam[node] = idx;
      return ip;
    }
  }
  return undefined;
}

function containerStatus(c: Container, now: string, rand: () => string): ContainerStatus {
  return {
    containerID: `containerd://${rand()}`,
    image: normalizeImage(c.image ?? ''),
    imageID: imageID(c.image ?? ''),
    lastState: {},
    name: c.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: now } },
  };
}

const CONFIG_ERROR = 'CreateContainerConfigError';

/** The pod's containers waiting for their configuration, with the kubelet's message. */
function configErrors(pod: PodObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of pod.status?.containerStatuses ?? []) if (s.state?.waiting?.reason === CONFIG_ERROR) out.set(s.name, s.state.waiting.message ?? '');
  return out;
}

/**
 * Starts the containers that can be configured: the kubelet's events, and their main process
 * marked to run once the controllers settle. The others wait with CreateContainerConfigError.
 */
function startContainers(api: ApiServer, pod: PodObject, containers: Container[], failed: Map<string, string>): void {
  const { cluster } = api;
  const states = (cluster.data.containers[pod.metadata.uid!] ??= {});
  for (const c of containers) {
    cluster.event(pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet');
    const error = failed.get(c.name);
    if (error !== undefined) {
      cluster.event(pod, 'Warning', 'Failed', `Error: ${error}`, 'kubelet');
      continue;
    }
    cluster.event(pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet');
    cluster.event(pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet');
    // A container given a command (or stdin) runs it once the controllers settle.
    if (!c.command?.length && !c.args?.length && !c.stdin) continue;
    ownOrSet(states, c.name, () => ({ fs: {}, log: [] })).start = 'pending';
    markPending(cluster, pod.metadata.uid!, c.name);
  }
}

function waitingStatus(c: Container, message: string): ContainerStatus {
  return { image: c.image ?? '', imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: CONFIG_ERROR, message } } };
}

/** Phase and conditions once the containers are started or waiting; unchanged conditions keep their times. */
function readiness(pod: PodObject, statuses: ContainerStatus[], now: string): { phase: string; conditions: Record<string, unknown>[] } {
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const before = new Map((pod.status?.conditions ?? []).map((c) => [c.type, c]));
  const cond = (type: string, ready = true) => {
    const status = ready ? 'True' : 'False';
    const why = ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
    const prev = before.get(type);
    return { type, status, ...why, lastProbeTime: null, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now };
  };
  return {
    phase: statuses.some((s) => s.state?.running) ? 'Running' : 'Pending',
    conditions: [cond('PodReadyToStartContainers'), cond('Initialized'), cond('Ready', !unready.length), cond('ContainersReady', !unready.length), cond('PodScheduled')],
  };
}

function start(api: ApiServer, pod: PodObject, hostIP: string, podIP: string, serviceEnvs: Map<string, Record<string, string>>): void {
  const { cluster } = api;
  const spec = pod.spec!;
  const now = cluster.now();
  const rand = () => cluster.rand.hex(64);
  const failed = recordContainerEnvironment(cluster, pod, hostIP, podIP, serviceEnvs);
  if (failed.size) (cluster.data.waitingConfig ??= []).push(`${pod.metadata.namespace}/${pod.metadata.name}`);
  startContainers(api, pod, spec.containers, failed);
  const containerStatuses = spec.containers.map((c) => (failed.has(c.name) ? waitingStatus(c, failed.get(c.name)!) : containerStatus(c, now, rand)));
  api.updateStatus(resourceInfo('pods'), pod, {
    ...readiness(pod, containerStatuses, now),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: now,
    containerStatuses,
    qosClass: qosClass(spec),
  });
}

/**
 * The kubelet's next try at the containers that wait for a ConfigMap, a Secret or one of their
 * keys, when one of those was written. Only the waiting pods are read (state's waitingConfig),
 * so a ConfigMap write costs the same whatever the number of pods.
 */
export function retryWaitingConfig(api: ApiServer): void {
  const { cluster } = api;
  const keys = cluster.data.waitingConfig;
  if (!keys?.length) return;
  const serviceEnvs = new Map<string, Record<string, string>>();
  const still = keys.filter((key) => {
    const slash = key.indexOf('/');
    const pod = cluster.store.get('pods', key.slice(0, slash), key.slice(slash + 1));
    return !!pod && configErrors(pod).size > 0 && retry(api, pod, serviceEnvs);
  });
  if (still.length === keys.length) return;
  if (still.length) cluster.data.waitingConfig = still;
  else delete cluster.data.waitingConfig;
}

/** Retries one pod's waiting containers; true while some still wait. */
function retry(api: ApiServer, pod: PodObject, serviceEnvs: Map<string, Record<string, string>>): boolean {
  const { cluster } = api;
  const waiting = configErrors(pod);
  const failed = recordContainerEnvironment(cluster, pod, pod.status!.hostIP ?? '', pod.status!.podIP ?? '', serviceEnvs, new Set(waiting.keys()));
  // Nothing changed: no new events, no write.
  if ([...waiting].every(([name, message]) => failed.get(name) === message)) return true;
  const now = cluster.now();
  const rand = () => cluster.rand.hex(64);
  const retried = pod.spec!.containers.filter((c) => waiting.has(c.name));
  startContainers(api, pod, retried, failed);
  const containerStatuses = (pod.status!.containerStatuses ?? []).map((s) => {
    if (!waiting.has(s.name)) return s;
    const c = pod.spec!.containers.find((c) => c.name === s.name)!;
    return failed.has(s.name) ? waitingStatus(c, failed.get(s.name)!) : containerStatus(c, now, rand);
  });
  api.updateStatus(resourceInfo('pods'), pod, { ...readiness(pod, containerStatuses, now), containerStatuses });
  return failed.size > 0;
}

function qosClass(spec: PodSpec): string {
  const cs = spec.containers;
  const has = (f: 'limits' | 'requests') => cs.some((c) => Object.keys(c.resources?.[f] ?? {}).length);
  if (!has('limits') && !has('requests')) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && (c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) === c.resources?.limits?.[r]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
