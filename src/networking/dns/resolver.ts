// The client side: /etc/resolv.conf and /etc/hosts as glibc reads them, the search-list walk,
// and the exchange with whatever server a client talks to.

import type { Answer, Packet } from 'dns-packet';
import { dnsServerAddresses } from './kubernetes.js';
import { canonical, countDots, isIPv4, isIPv6, relative } from './names.js';
import { answer, type AnswerOptions } from './server.js';
import { rcodeOf, type DnsData, type QType } from './types.js';

export interface ResolvConf {
  /** Servers in order; glibc and BIND fall back to the loopback address when none is listed. */
  nameservers: string[];
  search: string[];
  ndots: number;
}

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const raw of text.split('\n')) {
    const [key, ...args] = raw.replace(/[#;].*/, '').trim().split(/\s+/);
    if (key === 'nameserver' && args[0] && conf.nameservers.length < 3) conf.nameservers.push(args[0]);
    else if (key === 'search') conf.search = args.filter(Boolean).map(relative);
    else if (key === 'domain' && args[0]) conf.search = [relative(args[0])];
    else if (key === 'options') {
      for (const opt of args) {
        const m = /^ndots:(\d+)$/.exec(opt);
        if (m) conf.ndots = Math.min(Number(m[1]), 15);
      }
    }
  }
  if (conf.nameservers.length === 0) conf.nameservers.push('127.0.0.1');
  return conf;
}

export interface HostsEntry {
  ip: string;
  names: string[];
}

export function parseHosts(text: string): HostsEntry[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
    .filter(([ip, ...names]) => ip && names.length > 0 && (isIPv4(ip) || isIPv6(ip)))
    .map(([ip, ...names]) => ({ ip, names }));
}

/** Names tried for `name`, in glibc's (and BIND's) order: ndots decides whether as-is comes first. */
export function searchNames(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const searched = conf.search.map((s) => `${name}.${s}`);
  return countDots(name) >= conf.ndots ? [name, ...searched] : [...searched, name];
}

/** One query to one server; null when nothing answers there (only CoreDNS listens, on port 53). */
export function exchange(
  data: DnsData,
  server: string,
  question: { name: string; type: QType },
  id: number,
  opts: AnswerOptions & { port?: number } = {},
): Packet | null {
  if ((opts.port ?? 53) !== 53 || !dnsServerAddresses(data).includes(server)) return null;
  return answer(data, question, id, opts);
}

export interface Resolution {
  /** The name that produced the answer, or the last one tried. */
  fqdn: string;
  answers: Answer[];
  status: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'TIMEOUT';
}

function fromHosts(hosts: string, name: string, type: QType): Resolution | null {
  if (type !== 'A' && type !== 'AAAA') return null;
  const want = canonical(name);
  const family = type === 'A' ? isIPv4 : isIPv6;
  const hits = parseHosts(hosts).filter((e) => e.names.some((n) => canonical(n) === want) && family(e.ip));
  if (hits.length === 0) return null;
  const fqdn = hits[0].names[0];
  return { fqdn, status: 'NOERROR', answers: hits.map((h) => ({ name: fqdn, type, ttl: 0, data: h.ip })) };
}

/**
 * getaddrinfo's view of a name: /etc/hosts first, then DNS through the search list. Like glibc it
 * moves on to the next candidate after NXDOMAIN, NODATA and SERVFAIL.
 */
export function resolve(data: DnsData, conf: ResolvConf, name: string, type: QType, hosts = ''): Resolution {
  if ((type === 'A' && isIPv4(name)) || (type === 'AAAA' && isIPv6(name))) {
    return { fqdn: name, status: 'NOERROR', answers: [{ name, type, ttl: 0, data: name }] };
  }
  const local = fromHosts(hosts, name, type);
  if (local) return local;
  const server = conf.nameservers.find((s) => dnsServerAddresses(data).includes(s));
  const tried = searchNames(name, conf);
  if (!server) return { fqdn: tried[tried.length - 1], status: 'TIMEOUT', answers: [] };
  let nodata = false;
  let servfail = false;
  for (const fqdn of tried) {
    const reply = answer(data, { name: fqdn, type }, 0);
    const rcode = rcodeOf(reply);
    if (rcode === 'NOERROR' && reply.answers?.some((a) => a.type === type)) {
      return { fqdn, status: 'NOERROR', answers: reply.answers };
    }
    nodata ||= rcode === 'NOERROR';
    servfail ||= rcode === 'SERVFAIL';
  }
  const status = nodata ? 'NOERROR' : servfail ? 'SERVFAIL' : 'NXDOMAIN';
  return { fqdn: tried[tried.length - 1], status, answers: [] };
}

export interface HostLookup {
  /** Canonical name after following CNAMEs (what ping prints). */
  canonicalName: string;
  /** IPv4 addresses; empty when the name does not resolve. */
  addresses: string[];
}

/** What curl and ping get from the resolver for a host name. */
export function lookupHost(data: DnsData, conf: ResolvConf, hosts: string, name: string): HostLookup {
  const r = resolve(data, conf, name, 'A', hosts);
  const text = (type: string) => r.answers.flatMap((a) => (a.type === type && 'data' in a ? [String(a.data)] : []));
  const cnames = text('CNAME');
  const canonicalName = cnames.length ? cnames[cnames.length - 1] : relative(r.fqdn);
  return { canonicalName, addresses: text('A') };
}
