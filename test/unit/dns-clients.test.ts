import type { EndpointAddress, Service, ServicePort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { VirtualFS } from '../../src/runtime/fs.js';
import { stringInput, type Program } from '../../src/runtime/program.js';
import type { DnsClientEnv } from '../../src/runtime/programs/dns/client.js';
import { digProgram } from '../../src/runtime/programs/dns/dig.js';
import { DIG_VERSION, formatDig, type DigFlavor } from '../../src/runtime/programs/dns/digformat.js';
import { hostProgram } from '../../src/runtime/programs/dns/host.js';
import { internetResolver } from '../../src/networking/dns/internet.js';
import { nslookupProgram } from '../../src/runtime/programs/dns/nslookup.js';
import { answer } from '../../src/networking/dns/server.js';
import type { DnsData } from '../../src/networking/dns/types.js';

const svc = (name: string, clusterIP: string, ports: ServicePort[], ns = 'default'): Service => ({
  metadata: { name, namespace: ns },
  spec: { type: 'ClusterIP', clusterIP, ports },
});

function cluster(ttl = 30, services: Service[] = [], extra: Partial<DnsData> = {}): DnsData {
  const sts: EndpointAddress[] = [0, 1, 2].map((i) => ({ ip: `10.0.1.${i + 2}`, hostname: `sample-statefulset-headless-${i}` }));
  return {
    clusterDomain: 'cluster.local',
    ttl,
    serial: 1642582035,
    external: internetResolver(),
    services: [
      svc('sample-clusterip', '10.7.246.109', [{ name: 'http-port', port: 8080 }]),
      svc('sample-clusterip-multi', '10.102.199.133', [{ name: 'http-port', port: 8080 }, { name: 'https-port', port: 8443 }]),
      svc('sample-headless', 'None', [{ name: 'http-port', port: 80 }]),
      { metadata: { name: 'sample-externalname', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } },
      svc('kube-dns', '10.96.0.10', [{ name: 'dns', port: 53, protocol: 'UDP' }], 'kube-system'),
      ...services,
    ],
    endpoints: [{ metadata: { name: 'sample-headless', namespace: 'default' }, subsets: [{ addresses: sts, ports: [{ name: 'http-port', port: 80 }] }] }],
    pods: [],
    ...extra,
  };
}

const RESOLV_CONF = 'nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n';

function memfs(files: Record<string, string>): VirtualFS {
  return {
    stat: (p) => (p in files ? { type: 'file', size: files[p].length, mode: 0o644 } : null),
    readFile: (p) => files[p] ?? null,
    writeFile: (p, c) => void (files[p] = c),
    appendFile: (p, c) => void (files[p] += c),
    mkdir: () => {},
    remove: (p) => void delete files[p],
    list: () => [],
  };
}

/** A random source replaying `values`, then 0. */
const replay = (...values: number[]) => () => values.shift() ?? 0;
const idDraw = (id: number) => (id + 0.5) / 65536;

function env(flavor: DigFlavor, random: () => number, data = cluster(), now = new Date('2019-08-22T06:32:27Z')): DnsClientEnv {
  return { data: () => data, flavor, random, now: () => now };
}

async function run(program: Program, argv: string[], files: Record<string, string> = { '/etc/resolv.conf': RESOLV_CONF }) {
  let stdout = '';
  let stderr = '';
  const code = await program({ argv, env: new Map(), cwd: '/', fs: memfs(files), stdin: stringInput(''), stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/** How a terminal shows the text: tabs expanded to 8-column stops. */
const visible = (text: string) =>
  text
    .split('\n')
    .map((line) => line.split('\t').reduce((acc, part, i) => (i === 0 ? part : acc + ' '.repeat(8 - (acc.length % 8)) + part), ''))
    .join('\n');

// Seed 002, verbatim: the terminal copy turned the one-column TAB before "SRV" into a space.
const SEED_002 = `
; <<>> DiG 9.8.2rc1-RedHat-9.8.2-0.68.rc1.el6_10.1 <<>> _https-port._tcp.sample-clusterip-multi.default.svc.cluster.local SRV
;; global options: +cmd
;; Got answer:
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 20185
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; QUESTION SECTION:
;_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local. IN SRV

;; ANSWER SECTION:
_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local. 5 IN SRV 0 100 8443 sample-clusterip-multi.default.svc.cluster.local.

;; ADDITIONAL SECTION:
sample-clusterip-multi.default.svc.cluster.local. 5 IN A 10.102.199.133

;; Query time: 1 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Thu Aug 22 06:32:27 2019
;; MSG SIZE  rcvd: 280

`;
// BIND indents to column 72 with a TAB even when it is one column away (masterdump.c indent()).
const SEED_002_BYTES = SEED_002.replace('local. 5 IN SRV 0', 'local. 5 IN\tSRV 0');
const SRV_NAME = '_https-port._tcp.sample-clusterip-multi.default.svc.cluster.local';

describe('dig output', () => {
  it('reproduces seed 002 (dig 9.8, SRV) from the answer', () => {
    const response = answer(cluster(5), { name: SRV_NAME, type: 'SRV' }, 20185);
    const out = formatDig({ flavor: '9.8', args: [SRV_NAME, 'SRV'], response, server: '10.96.0.10', queryTimeMs: 1, now: new Date('2019-08-22T06:32:27Z') });
    expect(out).toBe(SEED_002_BYTES);
    expect(visible(out)).toBe(SEED_002);
  });

  it('reproduces seed 002 through the dig program', async () => {
    const r = await run(digProgram(env('9.8', replay(idDraw(20185), 0.4), cluster(5))), ['dig', SRV_NAME, 'SRV']);
    expect(r).toEqual({ code: 0, stdout: SEED_002_BYTES, stderr: '' });
  });

  it('matches seed 000 for A and -x lines', async () => {
    const a = await run(digProgram(env('9.8', replay())), ['dig', 'sample-clusterip.default.svc.cluster.local']);
    expect(a.stdout).toContain(';; QUESTION SECTION:\n;sample-clusterip.default.svc.cluster.local. IN A\n\n');
    expect(a.stdout).toContain(';; ANSWER SECTION:\nsample-clusterip.default.svc.cluster.local. 30 IN A 10.7.246.109\n\n');
    const x = await run(digProgram(env('9.8', replay())), ['dig', '-x', '10.7.246.109']);
    expect(x.stdout).toContain(';; QUESTION SECTION:\n;109.246.7.10.in-addr.arpa.\tIN\tPTR\n\n');
    expect(x.stdout).toContain(';; ANSWER SECTION:\n109.246.7.10.in-addr.arpa. 30\tIN\tPTR\tsample-clusterip.default.svc.cluster.local.\n\n');
  });

  it('matches seed 000 for +short', async () => {
    const short = async (random: () => number, ...args: string[]) => (await run(digProgram(env('9.8', random)), ['dig', ...args, '+short'])).stdout;
    // The loadbalance shuffle drawing 0.9, 0.1 reverses three records, as the seed shows them.
    expect(await short(replay(0.5, 0.9, 0.1, 0), 'sample-headless.default.svc.cluster.local')).toBe('10.0.1.4\n10.0.1.3\n10.0.1.2\n');
    expect(await short(replay(), 'sample-statefulset-headless-1.sample-headless.default.svc.cluster.local')).toBe('10.0.1.3\n');
    expect(await short(replay(), 'sample-externalname.default.svc.cluster.local', 'CNAME')).toBe('example.com.\n');
    expect(await short(replay(), SRV_NAME, 'SRV')).toBe('0 100 8443 sample-clusterip-multi.default.svc.cluster.local.\n');
    expect(await short(replay(), 'nothing.default.svc.cluster.local')).toBe('');
  });

  it('matches the reference dig 9.16 layout (mDNS warning, OPT with echoed cookie, zone in WHEN)', () => {
    const data = cluster();
    data.services[0].spec!.clusterIP = '10.96.214.33';
    const name = 'sample-clusterip.default.svc.cluster.local';
    const response = answer(data, { name, type: 'A' }, 26771, { edns: { udpSize: 4096, cookie: Buffer.from('359d78b141872aa4', 'hex') } });
    const out = formatDig({ flavor: '9.16', args: [name], response, server: '10.96.0.10', queryTimeMs: 16, now: new Date('2022-01-19T11:46:08Z') });
    expect(out).toBe(`
; <<>> DiG 9.16.1-Ubuntu <<>> sample-clusterip.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 26771
;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 4096
; COOKIE: 359d78b141872aa4 (echoed)
;; QUESTION SECTION:
;sample-clusterip.default.svc.cluster.local. IN A

;; ANSWER SECTION:
sample-clusterip.default.svc.cluster.local. 30 IN A 10.96.214.33

;; Query time: 16 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Wed Jan 19 11:46:08 UTC 2022
;; MSG SIZE  rcvd: 141

`);
  });

  it('matches a real headless SRV transcript (dig 9.11, same layout as 9.16) with tabs', () => {
    const addrs = [0, 1].map((i) => ({ ip: `10.1.2.${192 + i}`, hostname: `web-${i}` }));
    const data = cluster(5, [svc('nginx', 'None', [{ name: 'web', port: 80 }])], {});
    data.endpoints.push({ metadata: { name: 'nginx', namespace: 'default' }, subsets: [{ addresses: addrs, ports: [{ name: 'web', port: 80 }] }] });
    const response = answer(data, { name: 'nginx.default.svc.cluster.local', type: 'SRV' }, 41247, { edns: { udpSize: 4096, cookie: Buffer.from('5c4ff0df2ede50ff', 'hex') } });
    const out = formatDig({ flavor: '9.16', args: ['SRV', 'nginx.default.svc.cluster.local'], response, server: '10.96.0.10', queryTimeMs: 0, now: new Date('2019-08-31T18:30:42Z') });
    expect(out.replace(DIG_VERSION['9.16'], '9.11.3-1ubuntu1.8-Ubuntu')).toBe(`
; <<>> DiG 9.11.3-1ubuntu1.8-Ubuntu <<>> SRV nginx.default.svc.cluster.local
;; global options: +cmd
;; Got answer:
;; WARNING: .local is reserved for Multicast DNS
;; You are currently testing what happens when an mDNS query is leaked to DNS
;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 41247
;; flags: qr aa rd; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 3
;; WARNING: recursion requested but not available

;; OPT PSEUDOSECTION:
; EDNS: version: 0, flags:; udp: 4096
; COOKIE: 5c4ff0df2ede50ff (echoed)
;; QUESTION SECTION:
;nginx.default.svc.cluster.local. IN\tSRV

;; ANSWER SECTION:
nginx.default.svc.cluster.local. 5 IN\tSRV\t0 50 80 web-0.nginx.default.svc.cluster.local.
nginx.default.svc.cluster.local. 5 IN\tSRV\t0 50 80 web-1.nginx.default.svc.cluster.local.

;; ADDITIONAL SECTION:
web-0.nginx.default.svc.cluster.local. 5 IN A\t10.1.2.192
web-1.nginx.default.svc.cluster.local. 5 IN A\t10.1.2.193

;; Query time: 0 msec
;; SERVER: 10.96.0.10#53(10.96.0.10)
;; WHEN: Sat Aug 31 18:30:42 UTC 2019
;; MSG SIZE  rcvd: 354

`);
  });

  it('prints the SOA for NXDOMAIN and the 9.18 SERVER suffix', async () => {
    const r = await run(digProgram(env('9.18', replay())), ['dig', 'nothing.default.svc.cluster.local']);
    expect(r.stdout).toContain('status: NXDOMAIN');
    expect(r.stdout).toContain('; EDNS: version: 0, flags:; udp: 1232\n');
    expect(r.stdout).toContain(';; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1642582035 7200 1800 86400 30\n\n');
    expect(r.stdout).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n');
    expect(r.code).toBe(0);
  });

  it('handles +noall +answer, +search, @server and bad options like dig', async () => {
    const d = (args: string[], flavor: DigFlavor = '9.16') => run(digProgram(env(flavor, replay())), ['dig', ...args]);
    expect((await d(['+noall', '+answer', 'sample-clusterip.default.svc.cluster.local'])).stdout).toBe(
      'sample-clusterip.default.svc.cluster.local. 30 IN A 10.7.246.109\n',
    );
    expect((await d(['+search', '+short', 'sample-clusterip'])).stdout).toBe('10.7.246.109\n');
    expect((await d(['+short', 'sample-clusterip'])).stdout).toBe('');
    const timeout = await d(['@1.2.3.4', 'example.com']);
    expect(timeout).toMatchObject({ code: 9, stdout: expect.stringMatching(/; \(1 server found\)\n;; global options: \+cmd\n;; connection timed out; no servers could be reached\n$/) });
    expect((await d(['@1.2.3.4', 'example.com'], '9.18')).stdout).toMatch(/^;; communications error to 1\.2\.3\.4#53: timed out\n/);
    const bad = await d(['+bogus', 'x']);
    expect([bad.code, bad.stdout, bad.stderr.split('\n')[0]]).toEqual([1, '', 'Invalid option: +bogus']);
    expect((await d(['-t', 'WHAT', 'x'])).stderr).toBe(';; Warning, ignoring invalid type WHAT\n');
  });
});

describe('nslookup', () => {
  const ns = (args: string[], flavor: DigFlavor = '9.16') => run(nslookupProgram(env(flavor, replay())), ['nslookup', ...args]);

  it('prints the BIND layout for a service, found through the search list', async () => {
    const data = cluster(30, [svc('web-clusterip', '10.102.13.85', [{ port: 80 }])]);
    const r = await run(nslookupProgram(env('9.18', replay(), data)), ['nslookup', 'web-clusterip']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb-clusterip.default.svc.cluster.local\nAddress: 10.102.13.85\n\n',
    });
  });

  it('reports NXDOMAIN with exit status 1, CNAMEs, reverse lookups and forwarded answers', async () => {
    expect(await ns(['nothing'])).toEqual({ code: 1, stderr: '', stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nothing: NXDOMAIN\n\n" });
    expect((await ns(['sample-externalname'])).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nsample-externalname.default.svc.cluster.local\tcanonical name = example.com.\nName:\texample.com\nAddress: 93.184.215.14\n\n',
    );
    expect((await ns(['10.7.246.109'])).stdout).toBe('109.246.7.10.in-addr.arpa\tname = sample-clusterip.default.svc.cluster.local.\n\n');
    expect((await ns(['google.com'])).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nNon-authoritative answer:\nName:\tgoogle.com\nAddress: 172.217.175.110\n\n',
    );
    expect((await ns(['-type=srv', SRV_NAME])).stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n${SRV_NAME}\tservice = 0 100 8443 sample-clusterip-multi.default.svc.cluster.local.\n\n`,
    );
    expect(await ns(['google.com', '1.2.3.4'])).toMatchObject({ code: 1, stdout: ';; connection timed out; no servers could be reached\n\n' });
  });
});

describe('host', () => {
  const host = (...args: string[]) => run(hostProgram(env('9.16', replay())), ['host', ...args]);

  it('prints one line per answer record', async () => {
    expect(await host('sample-clusterip')).toEqual({ code: 0, stderr: '', stdout: 'sample-clusterip.default.svc.cluster.local has address 10.7.246.109\n' });
    expect((await host('sample-externalname')).stdout).toBe(
      'sample-externalname.default.svc.cluster.local is an alias for example.com.\nexample.com has address 93.184.215.14\n',
    );
    expect((await host('10.7.246.109')).stdout).toBe('109.246.7.10.in-addr.arpa domain name pointer sample-clusterip.default.svc.cluster.local.\n');
    expect((await host('-t', 'SRV', '_https-port._tcp.sample-clusterip-multi')).stdout).toBe(
      `${SRV_NAME} has SRV record 0 100 8443 sample-clusterip-multi.default.svc.cluster.local.\n`,
    );
    expect((await host('-t', 'AAAA', 'sample-clusterip')).stdout).toBe('sample-clusterip.default.svc.cluster.local has no AAAA record\n');
  });

  it('fails like host for unknown names and options', async () => {
    expect(await host('nothing')).toEqual({ code: 1, stderr: '', stdout: 'Host nothing not found: 3(NXDOMAIN)\n' });
    expect((await host('10.9.9.9')).stdout).toBe('Host 9.9.9.10.in-addr.arpa. not found: 3(NXDOMAIN)\n');
    const bad = await host('-z', 'x');
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([1, 'host: illegal option -- z']);
  });
});
