// The simulated internet behind CoreDNS's `forward` plugin: a few public names with their
// addresses and reverse names. TTLs are 30 because `cache 30` caps whatever upstream sends.

import type { Answer } from 'dns-packet';
import { addressFromReverse, canonical } from './names.js';
import type { ExternalAnswer, ExternalResolver, QType } from './types.js';

export interface InternetHost {
  name: string;
  a: string[];
  /** Reverse name of every address in `a`. */
  ptr?: string;
}

export const DEFAULT_INTERNET: InternetHost[] = [
  { name: 'example.com', a: ['93.184.215.14'], ptr: 'example.com' },
  { name: 'gihyo.jp', a: ['210.130.137.82'], ptr: 'gihyo.jp' },
  { name: 'google.com', a: ['172.217.175.110'], ptr: 'nrt12s30-in-f14.1e100.net' },
  { name: 'apple.com', a: ['17.178.96.59'], ptr: 'apple.com' },
];

const TTL = 30;

const ROOT_SOA: Answer = {
  name: '.',
  type: 'SOA',
  ttl: TTL,
  data: {
    mname: 'a.root-servers.net',
    rname: 'nstld.verisign-grs.com',
    serial: 2024052200,
    refresh: 1800,
    retry: 900,
    expire: 604800,
    minimum: 86400,
  },
};

/** A recursive resolver that knows only `hosts`; every other name is NXDOMAIN from the root. */
export function internetResolver(hosts: InternetHost[] = DEFAULT_INTERNET): ExternalResolver {
  const byName = new Map(hosts.map((h) => [canonical(h.name), h]));
  const byAddress = new Map(hosts.flatMap((h) => h.a.map((ip) => [ip, h] as const)));
  return {
    query(name: string, type: QType): ExternalAnswer {
      const key = canonical(name);
      if (key === '') return { rcode: 'NOERROR', answers: [], authorities: [] };
      const ip = addressFromReverse(key);
      const reverseOf = ip ? byAddress.get(ip) : undefined;
      if (reverseOf?.ptr) {
        const answers: Answer[] =
          type === 'PTR' || type === 'ANY' ? [{ name, type: 'PTR', ttl: TTL, data: reverseOf.ptr }] : [];
        return { rcode: 'NOERROR', answers, authorities: [] };
      }
      const host = byName.get(key);
      if (!host) return { rcode: 'NXDOMAIN', answers: [], authorities: [ROOT_SOA] };
      const answers: Answer[] =
        type === 'A' || type === 'ANY' ? host.a.map((a) => ({ name, type: 'A', ttl: TTL, data: a })) : [];
      return { rcode: 'NOERROR', answers, authorities: [] };
    },
  };
}
