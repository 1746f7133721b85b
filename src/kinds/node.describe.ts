// Node: kubectl describe's layout, the client-side half of ./node.ts.

import type { Container, NodeStatus } from 'kubernetes-types/core/v1';
import { parseQuantityNanos, sumQuantities } from '../api/quantity.js';
import type { PodObject } from '../api/types.js';
import { nodeAsOf, nodeLease, nodeRoles } from './node.js';
import { age } from '../util/duration.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { tabwrite, DESCRIBE } from '../printers/tabwriter.js';
import type { Describer } from './kind.js';

/** Resource name → the quantities that add up to it (their sum printed as Quantity.Add prints it). */
type Terms = Map<string, string[]>;

const nanos = (terms: string[] | undefined) => (terms ?? []).reduce((n, t) => n + (parseQuantityNanos(t) ?? 0n), 0n);

function add(list: Terms, more: Record<string, unknown> | undefined | Terms): void {
  const entries = more instanceof Map ? [...more] : Object.entries(more ?? {}).map(([k, v]) => [k, [String(v)]] as [string, string[]]);
  for (const [k, v] of entries) list.set(k, [...(list.get(k) ?? []), ...v]);
}

function max(list: Terms, other: Terms): void {
  for (const [k, v] of other) if (!list.has(k) || nanos(v) > nanos(list.get(k))) list.set(k, [...v]);
}

/**
 * resourcehelper.PodRequestsAndLimits: the containers added up, or the largest init container's
 * need if more (restartable init containers, sidecars, count with everything after them), plus
 * the pod's overhead.
 */
function podRequestsAndLimits(pod: PodObject): { requests: Terms; limits: Terms } {
  const spec = pod.spec;
  const sum = (field: 'requests' | 'limits'): Terms => {
    const total: Terms = new Map();
    for (const c of spec?.containers ?? []) add(total, c.resources?.[field]);
    const sidecars: Terms = new Map();
    const init: Terms = new Map();
    for (const c of (spec?.initContainers ?? []) as (Container & { restartPolicy?: string })[]) {
      let need: Terms;
      if (c.restartPolicy === 'Always') {
        add(total, c.resources?.[field]);
        add(sidecars, c.resources?.[field]);
        need = sidecars;
      } else {
        need = new Map();
        add(need, c.resources?.[field]);
        add(need, sidecars);
      }
      max(init, need);
    }
    max(total, init);
    return total;
  };
  const requests = sum('requests');
  const limits = sum('limits');
  const overhead = (spec?.overhead ?? {}) as Record<string, string>;
  add(requests, overhead);
  for (const [k, q] of Object.entries(overhead)) if (limits.has(k) && nanos(limits.get(k)) !== 0n) add(limits, { [k]: q });
  return { requests, limits };
}

/** Quantity.MilliValue and Value: rounded up. */
const milli = (n: bigint) => (n + 999_999n) / 1_000_000n;
const units = (n: bigint) => (n + 999_999_999n) / 1_000_000_000n;

/** `100m (1%)`: a quantity and its share of what the node can allocate, truncated. */
function share(terms: string[] | undefined, of: string | undefined, scale: (n: bigint) => bigint, guard: boolean): string {
  const text = sumQuantities(terms ?? []);
  const whole = Number(scale(parseQuantityNanos(of ?? '0') ?? 0n));
  const part = Number(scale(nanos(terms)));
  const pct = guard && whole === 0 ? 0 : Math.trunc((part / whole) * 100);
  return `${text} (${pct}%)`;
}

export const describeNode: Describer<'nodes'> = (node, ctx) => {
  const o = nodeAsOf(node, ctx.now);
  const st: NodeStatus = o.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Roles:\t${nodeRoles(o)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${describeTime(o.metadata.creationTimestamp)}`);
  const taints = o.spec?.taints ?? [];
  if (!taints.length) w.line(0, 'Taints:\t<none>');
  else taints.forEach((t, i) => w.line(0, `${i ? '' : 'Taints:'}\t${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`));
  w.line(0, `Unschedulable:\t${o.spec?.unschedulable ?? false}`);
  const lease = nodeLease(o, ctx.now).spec as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
  w.line(0, 'Lease:');
  w.line(1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}`);
  w.line(1, `AcquireTime:\t${lease.acquireTime ? describeTime(lease.acquireTime) : '<unset>'}`);
  w.line(1, `RenewTime:\t${lease.renewTime ? describeTime(lease.renewTime) : '<unset>'}`);
  w.flush();
  let t = 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
  for (const c of st.conditions ?? []) {
    t += `  ${c.type} \t${c.status} \t${describeTime(c.lastHeartbeatTime)} \t${describeTime(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`;
  }
  w.line(0, tabwrite(t.replace(/\n$/, ''), DESCRIBE));
  w.line(0, 'Addresses:');
  for (const a of st.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    w.line(0, `${title}:`);
    for (const k of Object.keys(list ?? {}).sort()) w.line(1, `${k}:\t${list![k]}`);
  }
  const info = st.nodeInfo;
  if (info) {
    w.line(0, 'System Info:');
    w.line(1, `Machine ID:\t${info.machineID}`);
    w.line(1, `System UUID:\t${info.systemUUID}`);
    w.line(1, `Boot ID:\t${info.bootID}`);
    w.line(1, `Kernel Version:\t${info.kernelVersion}`);
    w.line(1, `OS Image:\t${info.osImage}`);
    w.line(1, `Operating System:\t${info.operatingSystem}`);
    w.line(1, `Architecture:\t${info.architecture}`);
    w.line(1, `Container Runtime Version:\t${info.containerRuntimeVersion}`);
    w.line(1, `Kubelet Version:\t${info.kubeletVersion}`);
    w.line(1, `Kube-Proxy Version:\t${info.kubeProxyVersion}`);
  }
  if (o.spec?.podCIDR) w.line(0, `PodCIDR:\t${o.spec.podCIDR}`);
  if (o.spec?.podCIDRs?.length) w.line(0, `PodCIDRs:\t${o.spec.podCIDRs.join(',')}`);
  if (o.spec?.providerID) w.line(0, `ProviderID:\t${o.spec.providerID}`);
  describeNodeResource(w, o, ctx.cluster.store.list('pods').filter((p) => p.spec?.nodeName === o.metadata.name && !['Succeeded', 'Failed'].includes(p.status?.phase ?? '')), ctx.now);
  w.events(o, ctx);
  return w.toString();
};

function describeNodeResource(w: DescribeWriter, o: ReturnType<typeof nodeAsOf>, pods: PodObject[], now: number): void {
  const alloc = (Object.keys(o.status?.allocatable ?? {}).length ? o.status?.allocatable : o.status?.capacity) ?? {};
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  // kubectl leaves an empty column after Name.
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const requests: Terms = new Map();
  const limits: Terms = new Map();
  for (const p of pods) {
    const r = podRequestsAndLimits(p);
    add(requests, r.requests);
    add(limits, r.limits);
    // Per pod, kubectl divides without a guard against a node that allocates nothing.
    const cpu = (q: Terms) => share(q.get('cpu'), alloc.cpu, milli, false);
    const mem = (q: Terms) => share(q.get('memory'), alloc.memory, units, false);
    w.line(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cpu(r.requests)}\t${cpu(r.limits)}\t${mem(r.requests)}\t${mem(r.limits)}\t${age(p.metadata.creationTimestamp, now)}`);
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  const row = (name: string, scale: (n: bigint) => bigint) =>
    w.line(1, `${name}\t${share(requests.get(name), alloc[name], scale, true)}\t${share(limits.get(name), alloc[name], scale, true)}`);
  row('cpu', milli);
  row('memory', units);
  row('ephemeral-storage', units);
  const names = Object.keys(alloc).sort();
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, units);
  const standard = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  for (const ext of names.filter((n) => !n.startsWith('hugepages-') && !standard.includes(n))) {
    w.line(1, `${ext}\t${sumQuantities(requests.get(ext) ?? [])}\t${sumQuantities(limits.get(ext) ?? [])}`);
  }
}
