// Pod: kubectl describe's layout, the client-side half of ./pod.ts.

import type { Container } from 'kubernetes-types/core/v1';
import { controllerOf } from '../api/types.js';
import { age } from '../util/duration.js';
import { describeTime, DescribeWriter } from '../printers/describe.js';
import { describeContainers, describeSeccomp, describeTolerations, describeTopologySpread, describeVolumes } from './podspec.describe.js';
import type { Describer } from './kind.js';

export const describePod: Describer<'pods'> = (p, ctx) => {
  // Defaulting needs a spec, so a stored Pod has one.
  const spec = p.spec!;
  const st = p.status ?? {};
  const w = new DescribeWriter();
  w.line(0, `Name:\t${p.metadata.name}`);
  w.line(0, `Namespace:\t${p.metadata.namespace}`);
  if (spec.priority !== undefined) w.line(0, `Priority:\t${spec.priority}`);
  if (spec.priorityClassName) w.line(0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec.runtimeClassName) w.line(0, `Runtime Class Name:\t${spec.runtimeClassName}`);
  if (spec.serviceAccountName) w.line(0, `Service Account:\t${spec.serviceAccountName}`);
  w.line(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}`);
  if (st.startTime) w.line(0, `Start Time:\t${describeTime(st.startTime)}`);
  w.labels(0, 'Labels', p.metadata.labels);
  w.annotations(0, 'Annotations', p.metadata.annotations);
  if (p.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.line(0, `Status:\tTerminating (lasts ${age(p.metadata.deletionTimestamp, ctx.now)})`);
    w.line(0, `Termination Grace Period:\t${p.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else {
    w.line(0, `Status:\t${st.phase ?? ''}`);
  }
  if (st.reason) w.line(0, `Reason:\t${st.reason}`);
  if (st.message) w.line(0, `Message:\t${st.message}`);
  describeSeccomp(w, 0, 0, spec.securityContext?.seccompProfile);
  w.line(0, `IP:\t${st.podIP ?? ''}`);
  if (!st.podIPs?.length) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of st.podIPs) w.line(1, `IP:\t${ip.ip}`);
  }
  const ctl = controllerOf(p);
  if (ctl) w.line(0, `Controlled By:\t${ctl.kind}/${ctl.name}`);
  if (st.nominatedNodeName) w.line(0, `NominatedNodeName:\t${st.nominatedNodeName}`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses, '', p);
  describeContainers(w, 'Containers', spec.containers, st.containerStatuses, '', p);
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers as Container[], st.ephemeralContainerStatuses, '', p);
  if (spec.readinessGates?.length) {
    w.line(0, 'Readiness Gates:');
    w.line(1, 'Type\tStatus');
    for (const g of spec.readinessGates) w.line(1, `${g.conditionType} \t${st.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} `);
  }
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus');
    for (const c of st.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, spec.volumes, '');
  w.line(0, `QoS Class:\t${st.qosClass ?? 'BestEffort'}`);
  w.labels(0, 'Node-Selectors', spec.nodeSelector);
  describeTolerations(w, '', 'Tolerations', spec.tolerations);
  describeTopologySpread(w, '', spec.topologySpreadConstraints);
  w.events(p, ctx);
  return w.toString();
};
