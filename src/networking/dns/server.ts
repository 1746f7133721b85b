// The cluster DNS server as kubeadm configures CoreDNS: `kubernetes cluster.local in-addr.arpa
// ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa }`, `forward . /etc/resolv.conf`,
// `cache 30` and `loadbalance`. Answers are built as dns-packet messages; like CoreDNS they are
// sent without name compression, so their encoded length is what dig reports as MSG SIZE.

import dnsPacket from 'dns-packet';
import type { Answer, Packet } from 'dns-packet';
import { dnsService, records, reverse, serial, type Item } from './kubernetes.js';
import { addressFromReverse, canonical, isIPv4, isIPv6, isReverseName, isSubdomain, trimZone } from './names.js';
import { RCODE_VALUE, type DnsData, type QType, type Rcode } from './types.js';

export interface AnswerOptions {
  /** RD bit of the query (dig +norecurse clears it). */
  recursionDesired?: boolean;
  /** EDNS of the query; CoreDNS echoes the buffer size and the client cookie. */
  edns?: { udpSize: number; cookie?: Buffer };
  /** Source for the `loadbalance` shuffle; answers keep their order without it. */
  random?: () => number;
}

interface Result {
  rcode: Rcode;
  authoritative: boolean;
  recursionAvailable: boolean;
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
}

const COOKIE = 10;

function hostType(host: string): 'A' | 'AAAA' | 'CNAME' {
  if (isIPv4(host)) return 'A';
  if (isIPv6(host)) return 'AAAA';
  return 'CNAME';
}

function soa(data: DnsData): Answer {
  const zone = canonical(data.clusterDomain);
  return {
    name: zone,
    type: 'SOA',
    ttl: Math.min(data.ttl, 300),
    data: {
      mname: `ns.dns.${zone}`,
      rname: `hostmaster.${zone}`,
      serial: serial(data),
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: data.ttl,
    },
  };
}

const rrKey = (a: Answer) => JSON.stringify([canonical(a.name), a.type, 'data' in a ? a.data : null]);

function dedup(rrs: Answer[]): Answer[] {
  const seen = new Set<string>();
  return rrs.filter((a) => !seen.has(rrKey(a)) && !!seen.add(rrKey(a)));
}

/** plugin.A / plugin.AAAA: addresses for the name, following ExternalName CNAMEs. */
function addresses(data: DnsData, name: string, type: 'A' | 'AAAA', previous: Answer[]): Answer[] | null {
  const items = records(data, name);
  if (!items) return null;
  const out: Answer[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const kind = hostType(item.host);
    if (kind === type && !seen.has(item.host)) {
      seen.add(item.host);
      out.push({ name, type, ttl: data.ttl, data: item.host });
    }
    if (kind !== 'CNAME' || canonical(item.host) === canonical(name) || previous.length > 7) continue;
    const cname: Answer = { name, type: 'CNAME', ttl: data.ttl, data: canonical(item.host) };
    if (previous.some((p) => rrKey(p) === rrKey(cname))) continue;
    if (isSubdomain(item.host, data.clusterDomain)) {
      const next = addresses(data, item.host, type, [...previous, cname]);
      if (next?.length) out.push(cname, ...next);
      continue;
    }
    // An unreachable upstream still leaves the CNAME in the answer, as CoreDNS does.
    out.push(cname, ...(data.external?.query(canonical(item.host), type)?.answers ?? []));
  }
  return out;
}

/** plugin.SRV: weights split 100 evenly over every matching entry, targets' addresses as extras. */
function srv(data: DnsData, name: string): { answers: Answer[]; extras: Answer[] } | null {
  const items = records(data, name)?.filter((i: Item) => hostType(i.host) !== 'CNAME');
  if (!items) return null;
  const answers: Answer[] = [];
  const extras: Answer[] = [];
  const seen = new Set<string>();
  const weight = Math.max(1, Math.floor((100 / (100 * items.length)) * 100));
  for (const item of items) {
    if (item.port === -1) continue;
    if (!seen.has(`${item.key} ${item.port}`)) {
      seen.add(`${item.key} ${item.port}`);
      answers.push({ name, type: 'SRV', ttl: data.ttl, data: { priority: 0, weight, port: item.port, target: item.key } });
    }
    if (!seen.has(`${item.key} @${item.host}`)) {
      seen.add(`${item.key} @${item.host}`);
      extras.push({ name: item.key, type: hostType(item.host) as 'A', ttl: data.ttl, data: item.host });
    }
  }
  return { answers, extras };
}

function authoritative(rcode: Rcode, answers: Answer[] = [], additionals: Answer[] = []): Result {
  return { rcode, authoritative: true, recursionAvailable: false, answers, authorities: [], additionals };
}

/** The kubernetes plugin's ServeDNS for a name inside the cluster domain. */
function cluster(data: DnsData, name: string, type: QType): Result {
  const zone = canonical(data.clusterDomain);
  let found: Answer[] | null = [];
  let extras: Answer[] = [];
  switch (type) {
    case 'A':
    case 'AAAA':
      found = addresses(data, name, type, []);
      break;
    case 'SRV': {
      const r = srv(data, name);
      [found, extras] = r ? [r.answers, r.extras] : [null, []];
      break;
    }
    case 'CNAME': {
      const items = records(data, name);
      const first = items?.[0];
      found = !items ? null : first && hostType(first.host) === 'CNAME' ? [cnameOf(data, name, first.host)] : [];
      break;
    }
    case 'TXT':
      found = trimZone(name, zone) === 'dns-version' ? [{ name, type: 'TXT', ttl: 28800, data: '1.1.0' }] : [];
      break;
    case 'SOA':
      found = canonical(name) === zone ? [{ ...soa(data), name }] : [];
      break;
    case 'NS':
      if (canonical(name) === zone) {
        const ns = dnsService(data);
        found = [{ name, type: 'NS', ttl: data.ttl, data: ns.name }];
        extras = ns.ips.map((ip) => ({ name: ns.name, type: hostType(ip) as 'A', ttl: data.ttl, data: ip }));
        break;
      }
      found = records(data, name) && [];
      break;
    default:
      // PTR, MX and ANY have nothing to offer here beyond telling NODATA from NXDOMAIN.
      found = records(data, name) && [];
  }
  if (found === null) return { ...authoritative('NXDOMAIN'), authorities: [soa(data)] };
  if (found.length === 0) return { ...authoritative('NOERROR'), authorities: [soa(data)] };
  return authoritative('NOERROR', dedup(found), dedup(extras));
}

function cnameOf(data: DnsData, name: string, target: string): Answer {
  return { name, type: 'CNAME', ttl: data.ttl, data: canonical(target) };
}

/** Everything CoreDNS forwards upstream; SERVFAIL when there is no upstream to reach. */
function forward(data: DnsData, name: string, type: QType): Result {
  const upstream = data.external?.query(name, type);
  if (!upstream) return { ...authoritative('SERVFAIL'), authoritative: false };
  return {
    rcode: upstream.rcode,
    authoritative: false,
    recursionAvailable: true,
    answers: upstream.answers,
    authorities: upstream.authorities,
    additionals: [],
  };
}

function resolveQuestion(data: DnsData, name: string, type: QType): Result {
  if (isSubdomain(name, data.clusterDomain)) return cluster(data, name, type);
  const ip = isReverseName(name) && type === 'PTR' ? addressFromReverse(name) : null;
  const targets = ip ? reverse(data, ip) : [];
  if (targets.length) {
    return authoritative('NOERROR', targets.map((t) => ({ name, type: 'PTR', ttl: data.ttl, data: t })));
  }
  return forward(data, name, type);
}

function shuffle(rrs: Answer[], random: () => number): void {
  const l = rrs.length;
  if (l === 2 && random() < 0.5) [rrs[0], rrs[1]] = [rrs[1], rrs[0]];
  if (l <= 2) return;
  for (let j = 0; j < l; j++) {
    const p = j + Math.floor(random() * (l - j));
    [rrs[j], rrs[p]] = [rrs[p], rrs[j]];
  }
}

/** The `loadbalance` plugin: CNAMEs first, then other types, then the shuffled addresses. */
function roundRobin(rrs: Answer[], random: () => number): Answer[] {
  const cname = rrs.filter((r) => r.type === 'CNAME');
  const address = rrs.filter((r) => r.type === 'A' || r.type === 'AAAA');
  const mx = rrs.filter((r) => r.type === 'MX');
  const rest = rrs.filter((r) => !['CNAME', 'A', 'AAAA', 'MX'].includes(r.type));
  shuffle(address, random);
  shuffle(mx, random);
  return [...cname, ...rest, ...address, ...mx];
}

export function answer(data: DnsData, question: { name: string; type: QType }, id: number, opts: AnswerOptions = {}): Packet {
  const name = question.name === '.' ? '.' : question.name.replace(/\.$/, '');
  const result = resolveQuestion(data, name, question.type);
  const rd = opts.recursionDesired ?? true;
  if (opts.random && result.rcode === 'NOERROR') {
    result.answers = roundRobin(result.answers, opts.random);
    result.authorities = roundRobin(result.authorities, opts.random);
    result.additionals = roundRobin(result.additionals, opts.random);
  }
  if (opts.edns) {
    const options = opts.edns.cookie ? [{ code: COOKIE, data: opts.edns.cookie }] : [];
    result.additionals.push({
      name: '.',
      type: 'OPT',
      udpPayloadSize: opts.edns.udpSize,
      extendedRcode: 0,
      ednsVersion: 0,
      flags: 0,
      flag_do: false,
      options: options as unknown as Extract<Answer, { type: 'OPT' }>['options'],
    });
  }
  const flags =
    (result.authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) |
    (rd ? dnsPacket.RECURSION_DESIRED : 0) |
    (result.recursionAvailable ? dnsPacket.RECURSION_AVAILABLE : 0) |
    RCODE_VALUE[result.rcode];
  return {
    id,
    type: 'response',
    flags,
    questions: [{ name, type: question.type as 'A', class: 'IN' }],
    answers: result.answers,
    authorities: result.authorities,
    additionals: result.additionals,
  };
}

/** Size of the message on the wire, as dig prints it after `MSG SIZE  rcvd:`. */
export function messageSize(packet: Packet): number {
  return dnsPacket.encodingLength(packet);
}
