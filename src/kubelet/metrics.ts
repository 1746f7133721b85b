// What the kubelet's resource analyzer reports for metrics-server (metrics.k8s.io/v1beta1):
// simulated CPU and memory that follow what each container does. A container uses a base amount
// by image, a full core while it runs a busy loop, and a little more for each request it served
// in the last minute (its access log); limits cap it. Deterministic: the same state and clock
// give the same numbers.

import type { Container } from 'kubernetes-types/core/v1';
import { parseQuantityNanos } from '../api/quantity.js';
import type { ObjectOf, PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { rfc3339 } from '../cluster/cluster.js';
import { own } from '../util/objects.js';

export interface Usage {
  /** CPU in nanocores. */
  cpu: number;
  /** Memory (working set) in bytes. */
  memory: number;
}

const MI = 1024 * 1024;
const MILLI = 1_000_000;
/** metrics-server's scrape window, as it reports it. */
export const METRICS_WINDOW = '15s';

/** Idle usage by image repository (millicores, MiB), near what these images use in kind. */
const BASE: Record<string, [number, number]> = {
  nginx: [0, 3],
  httpd: [1, 8],
  redis: [2, 3],
  busybox: [0, 1],
  alpine: [0, 1],
  'kube-apiserver': [38, 240],
  etcd: [22, 42],
  'kube-controller-manager': [14, 52],
  'kube-scheduler': [4, 22],
  coredns: [2, 14],
  'kube-proxy': [1, 16],
  kindnetd: [1, 11],
  controller: [2, 88],
};

/** The kubelet, container runtime and system daemons of a node. */
const NODE_OVERHEAD: Record<string, [number, number]> = { 'control-plane': [62, 410], worker: [14, 128] };

/** A command that keeps a CPU busy: a loop without a sleep, yes, stress, hashing /dev/zero. */
const BUSY = /\b(yes|stress(-ng)?)\b|\bdd\s+if=\/dev\/(zero|urandom)|(md5|sha\d+)sum\s+\/dev\/(zero|urandom)|while\s+(true|:)\s*;\s*do(?![^]*\bsleep\b)/;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 0xffffffff;
}

function repository(image: string): string {
  const path = image.split('@')[0].split('/').pop() ?? '';
  return path.split(':')[0];
}

function limitOf(c: Container, name: 'cpu' | 'memory'): number | undefined {
  const v = c.resources?.limits?.[name];
  const n = v === undefined ? undefined : parseQuantityNanos(String(v));
  if (n === undefined) return undefined;
  // Quantities come in nano units: CPU in nanocores, memory in nanobytes.
  return name === 'cpu' ? Number(n) : Number(n / 1_000_000_000n);
}

/** Requests a container's access log shows in the last minute. */
function recentRequests(cluster: Cluster, pod: PodObject, name: string): number {
  const log = own(cluster.data.containers[pod.metadata.uid ?? ''] ?? {}, name)?.log ?? [];
  const since = rfc3339(cluster.nowMs - 60_000);
  let n = 0;
  for (let i = log.length - 1; i >= 0 && n < 1000; i--) {
    if (log[i].slice(0, 20) < since) break;
    if (/"(GET|POST|PUT|DELETE|HEAD|PATCH) /.test(log[i])) n++;
  }
  return n;
}

export function containerUsage(cluster: Cluster, pod: PodObject, c: Container): Usage {
  const [baseMilli, baseMi] = BASE[repository(c.image ?? '')] ?? [1 + Math.floor(hash(c.image ?? '') * 3), 4 + Math.floor(hash(`${c.image}mem`) * 24)];
  const jitter = 0.85 + 0.3 * hash(`${pod.metadata.uid}/${c.name}`);
  const command = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const requests = recentRequests(cluster, pod, c.name);
  let cpu = BUSY.test(command) ? 1000 * MILLI : Math.round((baseMilli * MILLI + requests * 1.5 * MILLI) * jitter) + Math.floor(hash(`${pod.metadata.uid}${c.name}cpu`) * 400_000);
  let memory = Math.round(baseMi * MI * jitter) + requests * 12 * 1024;
  const cpuLimit = limitOf(c, 'cpu');
  const memoryLimit = limitOf(c, 'memory');
  if (cpuLimit !== undefined) cpu = Math.min(cpu, cpuLimit);
  if (memoryLimit !== undefined) memory = Math.min(memory, memoryLimit);
  return { cpu, memory };
}

/** The running containers' usage, as metrics-server lists it; undefined for a pod not running. */
export function podUsage(cluster: Cluster, pod: PodObject): { name: string; usage: Usage }[] | undefined {
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return undefined;
  const running = new Set((pod.status.containerStatuses ?? []).filter((s) => s.state?.running).map((s) => s.name));
  return (pod.spec?.containers ?? []).filter((c) => running.has(c.name)).map((c) => ({ name: c.name, usage: containerUsage(cluster, pod, c) }));
}

export function nodeUsage(cluster: Cluster, node: ObjectOf<'nodes'>, pods: PodObject[]): Usage {
  const role = node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker';
  const [milli, mi] = NODE_OVERHEAD[role];
  const jitter = 0.9 + 0.2 * hash(node.metadata.uid ?? node.metadata.name);
  const total = { cpu: Math.round(milli * MILLI * jitter), memory: Math.round(mi * MI * jitter) };
  for (const p of pods) {
    if (p.spec?.nodeName !== node.metadata.name) continue;
    for (const c of podUsage(cluster, p) ?? []) {
      total.cpu += c.usage.cpu;
      total.memory += c.usage.memory;
    }
  }
  return total;
}

/** Usage as metrics-server writes it: CPU in nanocores (`n`), memory in KiB. */
export function usageQuantities(u: Usage): { cpu: string; memory: string } {
  return { cpu: `${u.cpu}n`, memory: `${Math.round(u.memory / 1024)}Ki` };
}

export const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1';

/** A PodMetrics object as metrics-server serves it; undefined while the pod is not running. */
export function podMetrics(cluster: Cluster, pod: PodObject): Record<string, unknown> | undefined {
  const containers = podUsage(cluster, pod);
  if (!containers?.length) return undefined;
  const now = cluster.now();
  const { name, namespace, labels } = pod.metadata;
  return {
    kind: 'PodMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: { name, namespace, creationTimestamp: now, ...(labels ? { labels } : {}) },
    timestamp: now,
    window: METRICS_WINDOW,
    containers: containers.map((c) => ({ name: c.name, usage: usageQuantities(c.usage) })),
  };
}

export function nodeMetrics(cluster: Cluster, node: ObjectOf<'nodes'>, pods: PodObject[]): Record<string, unknown> {
  const now = cluster.now();
  const { name, labels } = node.metadata;
  return {
    kind: 'NodeMetrics',
    apiVersion: METRICS_API_VERSION,
    metadata: { name, creationTimestamp: now, ...(labels ? { labels } : {}) },
    timestamp: now,
    window: METRICS_WINDOW,
    usage: usageQuantities(nodeUsage(cluster, node, pods)),
  };
}
