import dnsPacket from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';
import fc from 'fast-check';
import type { EndpointAddress, Endpoints, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { internetResolver } from '../../src/networking/dns/internet.js';
import { reverseName } from '../../src/networking/dns/names.js';
import { lookupHost, parseResolvConf, resolve, searchNames } from '../../src/networking/dns/resolver.js';
import { answer, messageSize } from '../../src/networking/dns/server.js';
import { rcodeOf, type DnsData, type QType } from '../../src/networking/dns/types.js';
import { assertProperty } from '../helpers/seed.js';

const svc = (name: string, clusterIP: string, ports: ServicePort[], extra: Partial<Service['spec']> = {}, ns = 'default'): Service => ({
  metadata: { name, namespace: ns },
  spec: { type: 'ClusterIP', clusterIP, ports, ...extra },
});
const eps = (name: string, addresses: EndpointAddress[], ports: { name?: string; port: number }[], ns = 'default'): Endpoints => ({
  metadata: { name, namespace: ns },
  subsets: [{ addresses, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) }],
});
const stsPod = (i: number): Pod => ({
  metadata: { name: `sample-statefulset-headless-${i}`, namespace: 'default' },
  spec: { hostname: `sample-statefulset-headless-${i}`, subdomain: 'sample-headless', containers: [] },
  status: { podIP: `10.0.1.${i + 2}` },
});

function fixture(overrides: Partial<DnsData> = {}): DnsData {
  const web = ['10.4.1.14', '10.4.2.40', '10.4.2.41'].map((ip) => ({ ip }));
  return {
    clusterDomain: 'cluster.local',
    ttl: 30,
    serial: 1642582035,
    external: internetResolver(),
    services: [
      svc('sample-clusterip', '10.7.246.109', [{ name: 'http-port', port: 8080, protocol: 'TCP' }]),
      svc('sample-clusterip-multi', '10.102.199.133', [
        { name: 'http-port', port: 8080, protocol: 'TCP' },
        { name: 'https-port', port: 8443, protocol: 'TCP' },
      ]),
      svc('sample-headless', 'None', [{ name: 'http-port', port: 80, protocol: 'TCP' }]),
      { metadata: { name: 'sample-externalname', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } },
      svc('sample-none-selector', '10.4.2.165', [{ port: 8080, protocol: 'TCP' }]),
      svc('web', '10.96.50.5', [{ name: 'http', port: 80 }], {}, 'team-b'),
      svc('kube-dns', '10.96.0.10', [{ name: 'dns', port: 53, protocol: 'UDP' }], {}, 'kube-system'),
    ],
    endpoints: [
      eps('sample-clusterip', web, [{ name: 'http-port', port: 80 }]),
      eps('sample-clusterip-multi', web, [{ name: 'http-port', port: 80 }, { name: 'https-port', port: 443 }]),
      // Hostnames come from the pods' spec.hostname/subdomain, as the endpoints controller sets them.
      eps('sample-headless', [0, 1, 2].map((i) => ({ ip: `10.0.1.${i + 2}`, targetRef: { kind: 'Pod', name: `sample-statefulset-headless-${i}` } })), [{ name: 'http-port', port: 80 }]),
      eps('sample-none-selector', [{ ip: '17.178.96.59' }, { ip: '172.217.175.110' }], [{ port: 80 }]),
    ],
    pods: [0, 1, 2].map(stsPod),
    ...overrides,
  };
}

const data = fixture();
const ask = (name: string, type: QType = 'A', d = data) => answer(d, { name, type }, 4242);
const rdata = (p: Packet) => (p.answers ?? []).map((a) => ('data' in a ? a.data : null));
const aa = (p: Packet) => ((p.flags ?? 0) & dnsPacket.AUTHORITATIVE_ANSWER) !== 0;

describe('cluster records', () => {
  it('answers a ClusterIP service with its ClusterIP, authoritatively', () => {
    const p = ask('sample-clusterip.default.svc.cluster.local');
    expect(rcodeOf(p)).toBe('NOERROR');
    expect(aa(p)).toBe(true);
    expect(p.answers).toEqual([{ name: 'sample-clusterip.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.7.246.109' }]);
  });

  it('answers a headless service with one A per ready endpoint and pods by hostname', () => {
    expect(rdata(ask('sample-headless.default.svc.cluster.local'))).toEqual(['10.0.1.2', '10.0.1.3', '10.0.1.4']);
    expect(rdata(ask('sample-statefulset-headless-1.sample-headless.default.svc.cluster.local'))).toEqual(['10.0.1.3']);
    expect(rdata(ask('10-4-1-14.sample-clusterip.default.svc.cluster.local'))).toEqual(['10.4.1.14']);
  });

  it('serves SRV only for named ports, with the targets in ADDITIONAL', () => {
    const p = ask('_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local', 'SRV');
    expect(rdata(p)).toEqual([{ priority: 0, weight: 100, port: 8443, target: 'sample-clusterip-multi.default.svc.cluster.local' }]);
    expect(p.additionals).toEqual([{ name: 'sample-clusterip-multi.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.102.199.133' }]);
    const headless = ask('_http-port._tcp.sample-headless.default.svc.cluster.local', 'SRV');
    expect(rdata(headless).map((d) => (d as { weight: number; target: string }).weight)).toEqual([33, 33, 33]);
    expect(rdata(headless)[0]).toMatchObject({ port: 80, target: 'sample-statefulset-headless-0.sample-headless.default.svc.cluster.local' });
    expect(headless.additionals?.map((a) => a.name)).toEqual([0, 1, 2].map((i) => `sample-statefulset-headless-${i}.sample-headless.default.svc.cluster.local`));
    expect(rcodeOf(ask('_http._tcp.sample-none-selector.default.svc.cluster.local', 'SRV'))).toBe('NXDOMAIN');
  });

  it('answers PTR for ClusterIPs and for endpoint addresses', () => {
    expect(rdata(ask('109.246.7.10.in-addr.arpa', 'PTR'))).toEqual(['sample-clusterip.default.svc.cluster.local']);
    expect(rdata(ask('3.1.0.10.in-addr.arpa', 'PTR'))).toEqual(['sample-statefulset-headless-1.sample-headless.default.svc.cluster.local']);
    expect(rdata(ask('14.1.4.10.in-addr.arpa', 'PTR'))).toEqual([
      '10-4-1-14.sample-clusterip.default.svc.cluster.local',
      '10-4-1-14.sample-clusterip-multi.default.svc.cluster.local',
    ]);
  });

  it('turns ExternalName into a CNAME, adding the target addresses for A queries', () => {
    const name = 'sample-externalname.default.svc.cluster.local';
    expect(ask(name, 'CNAME').answers).toEqual([{ name, type: 'CNAME', ttl: 30, data: 'example.com' }]);
    expect(ask(name).answers).toEqual([
      { name, type: 'CNAME', ttl: 30, data: 'example.com' },
      { name: 'example.com', type: 'A', ttl: 30, data: '93.184.215.14' },
    ]);
    expect(ask(name, 'A', fixture({ external: undefined })).answers?.map((a) => a.type)).toEqual(['CNAME']);
  });

  it('follows an ExternalName inside the zone, and has nothing for a headless service without endpoints', () => {
    const d = fixture();
    d.services.push(
      { metadata: { name: 'alias', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'sample-clusterip.default.svc.cluster.local' } },
      svc('empty-headless', 'None', [{ port: 80 }]),
    );
    expect(rdata(ask('alias.default.svc.cluster.local', 'A', d))).toEqual(['sample-clusterip.default.svc.cluster.local', '10.7.246.109']);
    expect(rcodeOf(ask('empty-headless.default.svc.cluster.local', 'A', d))).toBe('NXDOMAIN');
    expect(rdata(ask('dns-version.cluster.local', 'TXT'))).toEqual(['1.1.0']);
  });

  it('answers pod names a-b-c-d.<ns>.pod.<zone>', () => {
    expect(rdata(ask('10-4-1-14.default.pod.cluster.local'))).toEqual(['10.4.1.14']);
    expect(rcodeOf(ask('10-4-1-14.nowhere.pod.cluster.local'))).toBe('NXDOMAIN');
  });

  it('says NXDOMAIN with the zone SOA for unknown names, NODATA for known names of another type', () => {
    const soa = {
      name: 'cluster.local',
      type: 'SOA',
      ttl: 30,
      data: { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 1642582035, refresh: 7200, retry: 1800, expire: 86400, minimum: 30 },
    };
    for (const name of ['sample-clusterip.default.cluster.local', 'nothing.default.svc.cluster.local', 'web.default.svc.cluster.local', 'x.y.z.cluster.local']) {
      const p = ask(name);
      expect([name, rcodeOf(p), p.answers, p.authorities]).toEqual([name, 'NXDOMAIN', [], [soa]]);
    }
    const aaaa = ask('sample-clusterip.default.svc.cluster.local', 'AAAA');
    expect([rcodeOf(aaaa), aaaa.answers, aaaa.authorities]).toEqual(['NOERROR', [], [soa]]);
    expect(rcodeOf(ask('default.svc.cluster.local'))).toBe('NOERROR');
  });

  it('names the cluster DNS service in NS answers for the zone apex', () => {
    const p = ask('cluster.local', 'NS');
    expect(rdata(p)).toEqual(['kube-dns.kube-system.svc.cluster.local']);
    expect(rdata({ answers: p.additionals })).toEqual(['10.96.0.10']);
  });
});

describe('names outside the cluster domain', () => {
  it('are forwarded: recursive, not authoritative', () => {
    const p = ask('google.com');
    expect(rdata(p)).toEqual(['172.217.175.110']);
    expect([aa(p), ((p.flags ?? 0) & dnsPacket.RECURSION_AVAILABLE) !== 0]).toEqual([false, true]);
    expect(rdata(ask('14.215.184.93.in-addr.arpa', 'PTR'))).toEqual(['example.com']);
    const nx = ask('sample-clusterip.default');
    expect([rcodeOf(nx), nx.authorities?.[0]?.name]).toEqual(['NXDOMAIN', '.']);
  });

  it('fail with SERVFAIL when there is no upstream', () => {
    expect(rcodeOf(ask('google.com', 'A', fixture({ external: undefined })))).toBe('SERVFAIL');
  });
});

describe('stub resolver', () => {
  const conf = parseResolvConf('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');

  it('reads resolv.conf', () => {
    expect(conf).toEqual({ nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 });
    expect(parseResolvConf('').nameservers).toEqual(['127.0.0.1']);
  });

  it('tries the search list first below ndots dots, the name first at or above, only the name when absolute', () => {
    expect(searchNames('hogehoge', conf)).toEqual([
      'hogehoge.default.svc.cluster.local',
      'hogehoge.svc.cluster.local',
      'hogehoge.cluster.local',
      'hogehoge',
    ]);
    expect(searchNames('a.b.c.d.e.f', conf)[0]).toBe('a.b.c.d.e.f');
    expect(searchNames('x.example.com.', conf)).toEqual(['x.example.com']);
  });

  it('resolves short, namespaced and absolute service names', () => {
    for (const name of ['sample-clusterip', 'sample-clusterip.default', 'sample-clusterip.default.svc', 'sample-clusterip.default.svc.cluster.local.']) {
      const r = resolve(data, conf, name, 'A');
      expect([name, r.status, r.fqdn, rdata(r)]).toEqual([name, 'NOERROR', 'sample-clusterip.default.svc.cluster.local', ['10.7.246.109']]);
    }
    expect(resolve(data, conf, 'web', 'A').status).toBe('NXDOMAIN');
    expect(resolve(data, conf, 'web.team-b', 'A').fqdn).toBe('web.team-b.svc.cluster.local');
    expect(resolve(data, conf, 'google.com', 'A').fqdn).toBe('google.com');
  });

  it('consults /etc/hosts first and gives curl the addresses behind CNAMEs', () => {
    const hosts = '127.0.0.1\tlocalhost\n10.1.0.7\tmy-pod.example my-pod\n';
    expect(resolve(data, conf, 'MY-POD', 'A', hosts)).toMatchObject({ fqdn: 'my-pod.example', status: 'NOERROR' });
    expect(lookupHost(data, conf, hosts, 'localhost').addresses).toEqual(['127.0.0.1']);
    expect(lookupHost(data, conf, hosts, 'sample-externalname')).toEqual({ canonicalName: 'example.com', addresses: ['93.184.215.14'] });
    expect(lookupHost(data, conf, hosts, 'nothing').addresses).toEqual([]);
    expect(resolve(data, parseResolvConf('nameserver 1.2.3.4\n'), 'google.com', 'A').status).toBe('TIMEOUT');
  });
});

describe('wire format', () => {
  const sizeOf = (name: string, type: QType, edns?: number) =>
    messageSize(answer(fixture({ ttl: 5 }), { name, type }, 1, edns ? { edns: { udpSize: edns, cookie: Buffer.alloc(8, 7) } } : {}));

  it('is not name-compressed, so sizes match real CoreDNS replies', () => {
    // seed 002 (dig 9.8, no EDNS), reference §8.2 (dig 9.16 with a cookie) and CoreDNS query logs.
    expect(sizeOf('_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local', 'SRV')).toBe(280);
    expect(sizeOf('sample-clusterip.default.svc.cluster.local', 'A', 4096)).toBe(141);
    const web = fixture({ services: [svc('web-clusterip', '10.102.13.85', [{ port: 80 }])], endpoints: [] });
    const size = (name: string, type: QType, edns?: number) =>
      messageSize(answer(web, { name, type }, 1, edns ? { edns: { udpSize: edns, cookie: Buffer.alloc(8) } } : {}));
    expect(size('web-clusterip.default.svc.cluster.local', 'A', 1232)).toBe(135);
    expect(size('web-clusterip.default.svc.cluster.local', 'A')).toBe(112);
    expect(size('web-clusterip.default.svc.cluster.local', 'AAAA')).toBe(150);
    expect(size('web-clusterip.default.team-b.svc.cluster.local', 'A')).toBe(157);
    expect(size('85.13.102.10.in-addr.arpa', 'PTR')).toBe(121);
  });

  it('round-trips through dns-packet, and the computed size is the encoded length', () => {
    for (const [name, type] of [
      ['sample-headless.default.svc.cluster.local', 'A'],
      ['_http-port._tcp.sample-headless.default.svc.cluster.local', 'SRV'],
      ['nothing.default.svc.cluster.local', 'A'],
      ['sample-externalname.default.svc.cluster.local', 'A'],
      ['dns-version.cluster.local', 'TXT'],
    ] as [string, QType][]) {
      const p = ask(name, type);
      const wire = dnsPacket.encode(p);
      expect(wire.length).toBe(messageSize(p));
      expect(dnsPacket.decode(wire).answers?.length).toBe(p.answers?.length);
    }
  });
});

describe('property: ClusterIP services', () => {
  const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/);
  const services = fc.uniqueArray(
    fc.record({ name: label, ns: fc.constantFrom('default', 'team-a', 'kube-system'), ip: fc.integer({ min: 1, max: 65534 }) }),
    { minLength: 1, maxLength: 12, selector: (s) => `${s.ns}/${s.name}|${s.ip}` },
  );

  it('A answers survive encode/decode, and PTR(A(name)) is the name', () => {
    assertProperty(
      fc.property(services, (list) => {
        const unique = list.filter((s, i) => list.findIndex((t) => t.ip === s.ip || (t.ns === s.ns && t.name === s.name)) === i);
        const d = fixture({
          services: unique.map((s) => svc(s.name, `10.96.${s.ip >> 8}.${s.ip & 255}`, [{ port: 80 }], {}, s.ns)),
          endpoints: [],
          pods: [],
        });
        for (const s of unique) {
          const name = `${s.name}.${s.ns}.svc.cluster.local`;
          const p = answer(d, { name, type: 'A' }, s.ip);
          const wire = dnsPacket.encode(p);
          const decoded = dnsPacket.decode(wire);
          expect(decoded.answers).toMatchObject(p.answers as Answer[]);
          expect(dnsPacket.encode(decoded)).toEqual(wire);
          const ip = rdata(decoded)[0] as string;
          expect(rdata(answer(d, { name: reverseName(ip)!, type: 'PTR' }, 1))).toEqual([name]);
        }
      }),
    );
  });
});
