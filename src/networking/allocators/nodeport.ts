// The NodePort allocator over the node port range (portallocator.PortAllocator). Used ports
// (every port's nodePort and the health-check node ports) are read from the stored Services.

import type { ServiceObject } from '../../api/types.js';
import type { Random } from '../../util/random.js';
import { allocateBit, staticBand } from './bitmap.js';

export class NodePortRange {
  private readonly size: number;
  private readonly offset: number;

  constructor(readonly range: { min: number; max: number }) {
    this.size = Math.max(0, range.max - range.min + 1);
    this.offset = staticBand(this.size, 16, 128, 32);
  }

  /** net.PortRange.String(). */
  get text(): string {
    return `${this.range.min}-${this.range.max}`;
  }

  check(port: number, used: ReadonlySet<number>): string | undefined {
    if (port < this.range.min || port > this.range.max) return `provided port is not in the valid range. The range of valid ports is ${this.text}`;
    if (used.has(port)) return 'provided port is already allocated';
    return undefined;
  }

  next(used: ReadonlySet<number>, rand: Random): number | undefined {
    const at = allocateBit(this.size, this.offset, (i) => used.has(this.range.min + i), rand);
    return at === undefined ? undefined : this.range.min + at;
  }
}

/** Node ports held by Services, leaving out the Service with uid `except`. */
export function usedNodePorts(services: ServiceObject[], except?: string): Set<number> {
  const used = new Set<number>();
  for (const s of services) {
    if (s.metadata.uid === except) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    if (s.spec?.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  }
  return used;
}
