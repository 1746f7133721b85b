// The ClusterIP allocator over the Service CIDR (ipallocator.Range). Which addresses are taken is
// read from the stored Services on every request, so nothing can leak: deleting a Service, or
// changing it to ExternalName, frees its address.

import type { ServiceObject } from '../../api/types.js';
import type { Random } from '../../util/random.js';
import { intToIp, ipToInt, isIPv4, parseCidr, type Cidr } from '../../util/ip.js';
import { allocateBit, staticBand } from './bitmap.js';

export class ServiceIPRange {
  private readonly cidr: Cidr;
  /** The network's first usable address: the network address itself is never handed out. */
  private readonly base: number;
  /** Usable addresses: all but the network and broadcast addresses. */
  private readonly max: number;
  private readonly offset: number;
  /** The range as the API server names it in errors (net.IPNet.String()). */
  readonly text: string;

  constructor(cidrText: string) {
    this.cidr = parseCidr(cidrText);
    this.base = this.cidr.base + 1;
    this.max = Math.max(0, this.cidr.size - 2);
    this.offset = staticBand(this.cidr.size, 16, 256, 16);
    this.text = `${intToIp(this.cidr.base)}/${this.cidr.bits}`;
  }

  private offsetOf(ip: string): number | undefined {
    if (!isIPv4(ip)) return undefined;
    const at = ipToInt(ip) - this.base;
    return at >= 0 && at < this.max ? at : undefined;
  }

  /** Why ip cannot be allocated (the allocator's error text), or undefined when it can. */
  check(ip: string, used: ReadonlySet<string>): string | undefined {
    if (this.offsetOf(ip) === undefined) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.text}`;
    if (used.has(ip)) return 'provided IP is already allocated';
    return undefined;
  }

  /** A free address picked at random, or undefined when the range is full. */
  next(used: ReadonlySet<string>, rand: Random): string | undefined {
    const at = allocateBit(this.max, this.offset, (i) => used.has(intToIp(this.base + i)), rand);
    return at === undefined ? undefined : intToIp(this.base + at);
  }
}

/** The ClusterIPs held by Services, leaving out the Service with uid `except` (the one being replaced). */
export function usedClusterIPs(services: ServiceObject[], except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of services) {
    if (s.metadata.uid === except) continue;
    for (const ip of s.spec?.clusterIPs ?? []) if (ip !== 'None') used.add(ip);
  }
  return used;
}
