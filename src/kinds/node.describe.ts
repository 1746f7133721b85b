// Node: kubectl describe's layout, the client-side half of ./node.ts.

import type { NodeStatus } from 'kubernetes-types/core/v1';
import { nodeRoles } from './node.js';
import { age } from '../util/duration.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { tabwrite, DESCRIBE } from '../printers/tabwriter.js';
import type { Describer } from './kind.js';

export const describeNode: Describer<'nodes'> = (o, ctx) => {
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
  w.line(0, 'Lease:');
  w.line(1, `HolderIdentity:\t${o.metadata.name}`);
  w.line(1, 'AcquireTime:\t<unset>');
  w.line(1, `RenewTime:\t${describeTime(new Date(ctx.now).toISOString())}`);
  w.flush();
  let t = 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
  for (const c of st.conditions ?? []) {
    t += `  ${c.type} \t${c.status} \t${describeTime(new Date(ctx.now).toISOString())} \t${describeTime(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`;
  }
  w.line(0, tabwrite(t.replace(/\n$/, ''), DESCRIBE));
  w.line(0, 'Addresses:');
  for (const a of st.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    w.line(0, `${title}:`);
    for (const k of Object.keys(list ?? {})) w.line(1, `${k}:\t${list![k]}`);
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
  w.line(0, `PodCIDR:\t${o.spec?.podCIDR ?? ''}`);
  w.line(0, `PodCIDRs:\t${(o.spec?.podCIDRs ?? []).join(',')}`);
  w.line(0, `ProviderID:\t${o.spec?.providerID ?? ''}`);
  const pods = ctx.cluster.store.list('pods').filter((p) => p.spec?.nodeName === o.metadata.name && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''));
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  // kubectl leaves an empty column after Name.
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  for (const p of pods) w.line(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${age(p.metadata.creationTimestamp, ctx.now)}`);
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  w.line(1, 'cpu\t0 (0%)\t0 (0%)');
  w.line(1, 'memory\t0 (0%)\t0 (0%)');
  w.line(1, 'ephemeral-storage\t0 (0%)\t0 (0%)');
  w.line(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)');
  w.line(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)');
  w.events(o, ctx);
  return w.toString();
};
