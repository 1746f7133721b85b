// What dig, nslookup and host share: their view of the system (resolv.conf, hosts), the
// wire exchange with a server and BIND's search-list walk (which, unlike glibc, only moves
// on after NXDOMAIN).

import dnsPacket from 'dns-packet';
import type { Packet } from 'dns-packet';
import type { VirtualFS } from '../../fs.js';
import type { DigFlavor } from './digformat.js';
import { isIPv4, isIPv6, reverseName } from '../../../networking/dns/names.js';
import { exchange, lookupHost, parseResolvConf, searchNames, type ResolvConf } from '../../../networking/dns/resolver.js';
import type { AnswerOptions } from '../../../networking/dns/server.js';
import { rcodeOf, type DnsData, type QType } from '../../../networking/dns/types.js';

/** What the DNS client programs need from the simulated world. */
export interface DnsClientEnv {
  data(): DnsData;
  /** BIND version of the image: 9.8 for centos:6, 9.16 for Ubuntu 20.04 tool images. */
  flavor: DigFlavor;
  random(): number;
  now(): Date;
}

/** One view of the cluster for a whole run: a program's queries all see the same objects. */
export function snapshot(env: DnsClientEnv): DnsClientEnv {
  const data = env.data();
  return { ...env, data: () => data };
}

export function readResolvConf(fs: VirtualFS): ResolvConf {
  return parseResolvConf(fs.readFile('/etc/resolv.conf') ?? '');
}

export function readHosts(fs: VirtualFS): string {
  return fs.readFile('/etc/hosts') ?? '';
}

const randomId = (random: () => number) => Math.floor(random() * 65536);

/** A server given by name (dig @name, nslookup name server) is looked up like any host. */
export function serverAddress(env: DnsClientEnv, fs: VirtualFS, server: string): string | null {
  if (isIPv4(server) || isIPv6(server)) return server;
  return lookupHost(env.data(), readResolvConf(fs), readHosts(fs), server).addresses[0] ?? null;
}

/** Send one query and decode the reply as the client receives it; null when nothing answers. */
export function ask(
  env: DnsClientEnv,
  server: string,
  question: { name: string; type: QType },
  opts: AnswerOptions & { port?: number; id?: number } = {},
): Packet | null {
  const id = opts.id ?? randomId(env.random);
  const reply = exchange(env.data(), server, question, id, { ...opts, random: env.random });
  return reply && dnsPacket.decode(dnsPacket.encode(reply));
}

export interface Walk {
  reply: Packet | null;
  /** The name of the last query sent. */
  name: string;
}

/** BIND's lookup with the search list: the next candidate only after NXDOMAIN. */
export function walk(names: string[], query: (name: string) => Packet | null): Walk {
  let last: Walk = { reply: null, name: names[0] };
  for (const name of names) {
    last = { reply: query(name), name };
    if (!last.reply || rcodeOf(last.reply) !== 'NXDOMAIN') break;
  }
  return last;
}

/** Candidate names for a lookup: absolute for reverse names, else the resolv.conf search list. */
export function candidates(name: string, conf: ResolvConf, useSearch: boolean, ndots = conf.ndots): string[] {
  if (!useSearch || name.endsWith('.')) return [name.replace(/\.$/, '') || '.'];
  return searchNames(name, { search: conf.search, ndots });
}

/** nslookup and host turn an address argument into a reverse lookup. */
export function reverseOf(text: string): string | null {
  return isIPv4(text) || isIPv6(text) ? reverseName(text) : null;
}
