// StatefulSet: kubectl describe's layout, the client-side half of ./statefulset.ts.

import { formatLabelSelector } from '../api/labels/index.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { describePodTemplate } from './podspec.describe.js';
import { ownedBy, podsStatus } from './workload.describe.js';
import type { Describer } from './kind.js';

export const describeStatefulSet: Describer<'statefulsets'> = (o, ctx) => {
  // Defaulting needs a spec, so a stored StatefulSet has one.
  const s = o.spec!;
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.line(0, `CreationTimestamp:\t${describeTime(o.metadata.creationTimestamp)}`);
  w.line(0, `Selector:\t${formatLabelSelector(s.selector)}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Replicas:\t${s.replicas} desired | ${o.status?.replicas ?? 0} total`);
  w.line(0, `Update Strategy:\t${s.updateStrategy?.type}`);
  if (s.updateStrategy?.rollingUpdate?.partition !== undefined) w.line(1, `Partition:\t${s.updateStrategy.rollingUpdate.partition}`);
  w.line(0, `Pods Status:\t${podsStatus(ownedBy(ctx.cluster.store.list('pods', o.metadata.namespace), o))}`);
  describePodTemplate(w, s.template);
  if (!s.volumeClaimTemplates?.length) w.line(0, 'Volume Claims:\t<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const pvc of s.volumeClaimTemplates) {
      w.line(1, `Name:\t${pvc.metadata?.name ?? ''}`);
      w.line(1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}`);
      w.labels(1, 'Labels', pvc.metadata?.labels);
      w.labels(1, 'Annotations', pvc.metadata?.annotations);
      w.line(1, `Capacity:\t${pvc.spec?.resources?.requests?.storage ?? '<default>'}`);
      w.line(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]`);
    }
  }
  w.events(o, ctx);
  return w.toString();
};
