import type { Answer } from 'dns-packet';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';

export type QType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'ANY' | 'SOA' | 'NS' | 'MX';

const QTYPES: readonly QType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'ANY', 'SOA', 'NS', 'MX'];

export function parseQType(text: string): QType | null {
  const t = text.toUpperCase();
  return (QTYPES as readonly string[]).includes(t) ? (t as QType) : null;
}

export type Rcode = 'NOERROR' | 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED';

export const RCODE_VALUE: Record<Rcode, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

/** What an upstream recursive resolver answers for a name outside the cluster domain. */
export interface ExternalAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
  authorities: Answer[];
}

/** The world outside the cluster domain (CoreDNS `forward . /etc/resolv.conf`). */
export interface ExternalResolver {
  /** null when the upstream cannot be reached. */
  query(name: string, type: QType): ExternalAnswer | null;
}

/**
 * An object as the DNS reads it: its kind's fields but apiVersion and kind, which stored objects
 * hold as plain strings, so they and hand-written ones both fit.
 */
export type Fields<T> = Omit<T, 'apiVersion' | 'kind'>;

export interface DnsData {
  /** Normally cluster.local. */
  clusterDomain: string;
  /** The kubernetes plugin's `ttl` (kubeadm sets 30; the plugin default is 5). */
  ttl: number;
  services: Fields<Service>[];
  endpoints: Fields<Endpoints>[];
  pods: Fields<Pod>[];
  /** Without it, names outside the cluster domain fail with SERVFAIL, like a cluster without internet. */
  external?: ExternalResolver;
  /** Namespaces that exist; derived from the objects (plus the built-in ones) when absent. */
  namespaces?: string[];
  /** SOA serial; CoreDNS uses the time of the last change it saw. */
  serial?: number;
}

export function flagsOf(packet: { flags?: number }): number {
  return packet.flags ?? 0;
}

export function rcodeOf(packet: { flags?: number }): Rcode {
  const v = flagsOf(packet) & 0xf;
  return (Object.keys(RCODE_VALUE) as Rcode[]).find((k) => RCODE_VALUE[k] === v) ?? 'SERVFAIL';
}
