// kubectl describe service, in kubectl 1.32's layout: Endpoints per port come from the
// EndpointSlices labelled with the Service's name.

import type { LoadBalancerIngress, ServiceStatus } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import { formatLabels } from '../../api/labels/index.js';
import { DescribeWriter } from '../../printers/describe.js';
import type { Describer } from '../kind.js';
import { specOf } from './util.js';

/** A stored slice: the controller writes null lists into a placeholder slice. */
type Slice = { endpoints?: Endpoint[] | null; ports?: EndpointPort[] | null };

const hostPort = (ip: string, port: number | undefined) => `${ip.includes(':') ? `[${ip}]` : ip}:${port}`;

/** formatEndpointSlices: ready endpoints of the port named portName, at most three, then ` + N more...`. */
export function formatEndpointSlices(slices: Slice[], portName: string): string {
  if (!slices.length) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const visit = (endpoints: Slice['endpoints'], text: (ip: string) => string) => {
    for (const ep of endpoints ?? []) {
      // kubectl flags "more" before it looks at readiness, so a fourth not-ready endpoint still counts.
      if (list.length === max) more = true;
      if (ep.conditions?.ready === false) continue;
      if (!more) list.push(text(ep.addresses[0]));
      count++;
    }
  };
  for (const s of slices) {
    // A headless Service may have no ports: its endpoints are bare addresses.
    if (!s.ports?.length) visit(s.endpoints, (ip) => ip);
    else for (const p of s.ports) if ((p.name ?? '') === portName) visit(s.endpoints, (ip) => hostPort(ip, p.port));
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function ingressText(ingress: LoadBalancerIngress[]): string {
  return ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : i.hostname ?? '')).join(', ');
}

export const describeService: Describer<'services'> = (o, ctx) => {
  const s = specOf(o);
  const status: ServiceStatus = o.status ?? {};
  const slices = ctx.cluster.store.list('endpointslices', o.metadata.namespace).filter((e) => e.metadata.labels?.['kubernetes.io/service-name'] === o.metadata.name);
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.line(0, `Selector:\t${formatLabels(s.selector)}`);
  w.line(0, `Type:\t${s.type ?? ''}`);
  if (s.ipFamilyPolicy) w.line(0, `IP Family Policy:\t${s.ipFamilyPolicy}`);
  w.line(0, `IP Families:\t${s.ipFamilies?.length ? s.ipFamilies.join(',') : '<none>'}`);
  w.line(0, `IP:\t${s.clusterIP ?? ''}`);
  w.line(0, `IPs:\t${s.clusterIPs?.length ? s.clusterIPs.join(',') : '<none>'}`);
  if (s.externalIPs?.length) w.line(0, `External IPs:\t${s.externalIPs.join(',')}`);
  if (s.loadBalancerIP) w.line(0, `Desired LoadBalancer IP:\t${s.loadBalancerIP}`);
  if (s.externalName) w.line(0, `External Name:\t${s.externalName}`);
  if (status.loadBalancer?.ingress?.length) w.line(0, `LoadBalancer Ingress:\t${ingressText(status.loadBalancer.ingress)}`);
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.line(0, `Port:\t${name}\t${p.port}/${p.protocol}`);
    w.line(0, `TargetPort:\t${p.targetPort}/${p.protocol}`);
    if (p.nodePort) w.line(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}`);
    w.line(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}`);
  }
  w.line(0, `Session Affinity:\t${s.sessionAffinity ?? ''}`);
  if (s.externalTrafficPolicy) w.line(0, `External Traffic Policy:\t${s.externalTrafficPolicy}`);
  if (s.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}`);
  if (s.healthCheckNodePort) w.line(0, `HealthCheck NodePort:\t${s.healthCheckNodePort}`);
  if (s.loadBalancerSourceRanges?.length) w.line(0, `LoadBalancer Source Ranges:\t${s.loadBalancerSourceRanges.join(',')}`);
  if (s.trafficDistribution) w.line(0, `Traffic Distribution:\t${s.trafficDistribution}`);
  w.events(o, ctx);
  return w.toString();
};
