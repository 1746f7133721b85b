// What the workloads' describe layouts share: the pods a workload owns, their phases, and the
// Conditions table.

import type { Metadata, PodObject } from '../api/types.js';
import type { DescribeWriter } from '../printers/describe.js';

/** The Conditions table of Deployment and ReplicaSet describe (each type followed by a space). */
export function describeWorkloadConditions(w: DescribeWriter, conditions: { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions?.length) return;
  w.line(0, 'Conditions:');
  w.line(1, 'Type\tStatus\tReason');
  w.line(1, '----\t------\t------');
  for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
}

export function ownedBy<T extends { metadata: Metadata }>(objs: T[], owner: { metadata: Metadata }): T[] {
  return objs.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller));
}

/** `3 Running / 0 Waiting / 0 Succeeded / 0 Failed` over the pods a workload owns. */
export function podsStatus(pods: PodObject[]): string {
  const n: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const phase = p.status?.phase ?? 'Pending';
    n[phase] = (n[phase] ?? 0) + 1;
  }
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}
