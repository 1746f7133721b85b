// The pure parts of Services: environment variables, endpoint packing and kubectl's Endpoints cell.

import type { EndpointAddress, EndpointSubset } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../src/api/types.js';
import { expand } from '../../src/kubelet/environment.js';
import { repackSubsets, truncateSubsets } from '../../src/controllers/endpoints.js';
import { addressColumn } from '../../src/kinds/ingress/status.js';
import { externalIPText } from '../../src/kinds/service/columns.js';
import { formatEndpointSlices } from '../../src/kinds/service/describe.js';
import { serviceEnvironment } from '../../src/kubelet/envvars.js';

const svc = (namespace: string, name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
const master = svc('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] });

describe('service environment variables', () => {
  it('follow the Docker links layout for every port', () => {
    const dns = svc('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
    expect(serviceEnvironment('kube-system', true, [dns], undefined)).toEqual({
      KUBE_DNS_SERVICE_HOST: '10.96.0.10',
      KUBE_DNS_SERVICE_PORT: '53',
      KUBE_DNS_SERVICE_PORT_DNS: '53',
      KUBE_DNS_SERVICE_PORT_DNS_TCP: '53',
      KUBE_DNS_PORT: 'udp://10.96.0.10:53',
      KUBE_DNS_PORT_53_UDP: 'udp://10.96.0.10:53',
      KUBE_DNS_PORT_53_UDP_PROTO: 'udp',
      KUBE_DNS_PORT_53_UDP_PORT: '53',
      KUBE_DNS_PORT_53_UDP_ADDR: '10.96.0.10',
      KUBE_DNS_PORT_53_TCP: 'tcp://10.96.0.10:53',
      KUBE_DNS_PORT_53_TCP_PROTO: 'tcp',
      KUBE_DNS_PORT_53_TCP_PORT: '53',
      KUBE_DNS_PORT_53_TCP_ADDR: '10.96.0.10',
    });
  });

  it('always include kubernetes, which a namespace Service of that name overrides', () => {
    const own = svc('team', 'kubernetes', { clusterIP: '10.100.0.9', ports: [{ port: 80, protocol: 'TCP' }] });
    expect(serviceEnvironment('team', false, [own], master).KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    const linked = serviceEnvironment('team', true, [own], master);
    expect(linked.KUBERNETES_SERVICE_HOST).toBe('10.100.0.9');
    expect(linked.KUBERNETES_SERVICE_PORT_HTTPS).toBeUndefined();
  });

  it('skip Services without a ClusterIP', () => {
    const headless = svc('default', 'h', { clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] });
    const external = svc('default', 'e', { type: 'ExternalName', externalName: 'example.com' });
    expect(Object.keys(serviceEnvironment('default', true, [headless, external], undefined))).toEqual([]);
  });

  it('expand $(VAR) references as the kubelet does', () => {
    const vars: Record<string, string> = { HOST: '10.0.0.1' };
    expect(expand('http://$(HOST):$(PORT)/$$(HOST)', (n) => vars[n])).toBe('http://10.0.0.1:$(PORT)/$(HOST)');
  });
});

describe('RepackSubsets', () => {
  const addr = (ip: string): EndpointAddress => ({ ip, targetRef: { kind: 'Pod', uid: ip } });
  const tcp = (name: string, port: number) => ({ name, port, protocol: 'TCP' });

  it('puts ports served by the same addresses into one subset, sorted by IP', () => {
    const entries = ['10.0.0.2', '10.0.0.10'].flatMap((ip) => [
      { addr: addr(ip), ready: true, port: tcp('http', 80) },
      { addr: addr(ip), ready: true, port: tcp('https', 443) },
    ]);
    expect(repackSubsets(entries)).toEqual([{ addresses: [addr('10.0.0.10'), addr('10.0.0.2')], ports: [tcp('http', 80), tcp('https', 443)] }]);
  });

  it('splits ports that resolve differently, and keeps not-ready addresses apart', () => {
    const subsets = repackSubsets([
      { addr: addr('10.0.0.1'), ready: true, port: tcp('http', 80) },
      { addr: addr('10.0.0.2'), ready: true, port: tcp('http', 81) },
      { addr: addr('10.0.0.3'), ready: false, port: tcp('http', 80) },
    ]);
    expect(subsets).toEqual([
      { addresses: [addr('10.0.0.1')], notReadyAddresses: [addr('10.0.0.3')], ports: [tcp('http', 80)] },
      { addresses: [addr('10.0.0.2')], ports: [tcp('http', 81)] },
    ]);
  });
});

describe("describe's Endpoints line", () => {
  const ep = (ip: string, ready?: boolean) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready } });
  const slice = (endpoints: ReturnType<typeof ep>[], ports: { name: string; port: number }[] | null) => ({ endpoints, ports });

  it('is <none> without slices and empty when nothing is ready', () => {
    expect(formatEndpointSlices([], 'http')).toBe('<none>');
    expect(formatEndpointSlices([slice([], null)], 'http')).toBe('');
    expect(formatEndpointSlices([slice([ep('10.0.0.1', false)], [{ name: 'http', port: 80 }])], 'http')).toBe('');
  });

  it('lists three ready endpoints of the named port, then counts the rest', () => {
    const eps = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].map((ip) => ep(ip, true));
    expect(formatEndpointSlices([slice(eps, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }])], 'https')).toBe('10.0.0.1:443,10.0.0.2:443,10.0.0.3:443 + 2 more...');
    expect(formatEndpointSlices([slice([ep('fd00::1')], [{ name: '', port: 80 }])], '')).toBe('[fd00::1]:80');
  });

  it('keeps kubectl\'s count when a fourth endpoint is not ready', () => {
    const eps = [ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3'), ep('10.0.0.4', false)];
    expect(formatEndpointSlices([slice(eps, [{ name: 'http', port: 80 }])], 'http')).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...');
  });
});

describe('truncating Endpoints at 1000 addresses', () => {
  const addrs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${Math.floor(i / 250)}.${i % 250}` }));

  it('leaves small Endpoints alone', () => {
    const subsets = [{ addresses: addrs('10.1', 1000) }];
    expect(truncateSubsets(subsets)).toBe(false);
    expect(subsets[0].addresses).toHaveLength(1000);
  });

  it('keeps ready addresses first, cutting each subset in proportion', () => {
    const subsets: EndpointSubset[] = [
      { addresses: addrs('10.1', 1500), notReadyAddresses: addrs('10.9', 5) },
      { addresses: addrs('10.2', 500) },
    ];
    expect(truncateSubsets(subsets)).toBe(true);
    expect(subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length])).toEqual([
      [750, undefined],
      [250, undefined],
    ]);
  });

  it('cuts only not-ready addresses while the ready ones fit', () => {
    const subsets: EndpointSubset[] = [{ addresses: addrs('10.1', 900), notReadyAddresses: addrs('10.9', 300) }];
    expect(truncateSubsets(subsets)).toBe(true);
    expect([subsets[0].addresses?.length, subsets[0].notReadyAddresses?.length]).toEqual([900, 100]);
  });
});

describe('load-balancer addresses in tables', () => {
  const lb = (ips: string[], externalIPs: string[] = []): KObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'lb' },
    spec: { type: 'LoadBalancer', externalIPs },
    status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } },
  });

  it('clips EXTERNAL-IP to 16 characters unless -o wide, as loadBalancerStatusStringer does', () => {
    expect(externalIPText(lb(['10.240.1.1']))).toBe('10.240.1.1');
    expect(externalIPText(lb(['10.240.1.2', '10.240.1.1']))).toBe('10.240.1.1,10...');
    expect(externalIPText(lb(['10.240.1.2', '10.240.1.1']), true)).toBe('10.240.1.1,10.240.1.2');
    expect(externalIPText(lb(['10.240.1.2', '10.240.1.1'], ['192.0.2.7']))).toBe('10.240.1.1,10...,192.0.2.7');
    expect(externalIPText(lb([]))).toBe('<pending>');
  });

  it('clips an Ingress ADDRESS the same way', () => {
    const ing = { ...lb(['10.240.0.12', '10.240.0.11']), kind: 'Ingress' };
    expect(addressColumn(ing, false)).toBe('10.240.0.11,1...');
    expect(addressColumn(ing, true)).toBe('10.240.0.11,10.240.0.12');
  });
});
