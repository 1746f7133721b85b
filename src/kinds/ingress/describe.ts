// kubectl describe ingress (networking.k8s.io/v1 describer, kubectl 1.32).

import type { IngressBackend, IngressSpec, IngressTLS } from 'kubernetes-types/networking/v1';
import { DescribeWriter } from '../../printers/describe.js';
import type { Describer, PrintContext } from '../kind.js';
import { formatEndpointSlices } from '../service/describe.js';
import { ingressAddresses } from './status.js';

/** `svc:port`, the port by number when it has one. */
function serviceBackendText(b: IngressBackend): string {
  const s = b.service!;
  return `${s.name}:${s.port?.number ? s.port.number : s.port?.name ?? ''}`;
}

function backendText(b: IngressBackend, ns: string, ctx: PrintContext): string {
  if (b.service) {
    const sb = serviceBackendText(b);
    const store = ctx.cluster.store;
    const slices = store.list('endpointslices', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === b.service!.name);
    const svc = store.get('services', ns, b.service.name);
    if (!svc) return `${sb} (<error: services "${b.service.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      const port = b.service.port;
      if (port?.number && port.number === sp.port) spName = sp.name ?? '';
      else if (port?.name && port.name === sp.name) spName = sp.name;
    }
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
  return '';
}

function tls(w: DescribeWriter, entries: IngressTLS[]): void {
  w.line(0, 'TLS:');
  for (const t of entries) {
    const hosts = (t.hosts ?? []).join(',');
    w.line(1, t.secretName ? `${t.secretName} terminates ${hosts}` : `SNI routes ${hosts}`);
  }
}

export const describeIngress: Describer<'ingresses'> = (o, ctx) => {
  const s: IngressSpec = o.spec ?? {};
  const ns = o.metadata.namespace ?? 'default';
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.labels(0, 'Labels', o.metadata.labels);
  w.line(0, `Namespace:\t${ns}`);
  w.line(0, `Address:\t${ingressAddresses(o).join(',')}`);
  w.line(0, `Ingress Class:\t${s.ingressClassName ?? '<none>'}`);
  const def = s.defaultBackend ? backendText(s.defaultBackend, ns, ctx) : '<default>';
  w.line(0, `Default backend:\t${def}`);
  if (s.tls?.length) tls(w, s.tls);
  w.line(0, 'Rules:');
  w.line(1, 'Host\tPath\tBackends');
  w.line(1, '----\t----\t--------');
  let count = 0;
  for (const r of s.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.line(1, `${r.host || '*'}\t`);
    for (const p of r.http.paths ?? []) w.line(2, `\t${p.path ?? ''} \t${backendText(p.backend, ns, ctx)}`);
  }
  if (count === 0) w.line(1, `*\t*\t${def}`);
  w.annotations(0, 'Annotations', o.metadata.annotations);
  w.events(o, ctx);
  return w.toString();
};
