// A place programs run: a container of a pod, or the machine outside the cluster that
// `kctl host` stands for. The network sees it as a source address; programs see its files,
// its resolver and the versions of its tools.

import type { HostLookup } from '../networking/dns/index.js';
import type { NetworkHost } from '../networking/types.js';
import type { VirtualFS } from './fs.js';
import type { DigFlavor, DnsClientEnv } from './programs/dns/index.js';
import type { World } from './world.js';

export interface Tools {
  /** curl release, or null when the machine has no curl. */
  curl: string | null;
  dig: DigFlavor;
  libc: 'glibc' | 'musl';
  /** wget, nslookup and ping are busybox applets. */
  busybox: boolean;
}

export interface Machine extends NetworkHost {
  readonly world: World;
  readonly fs: VirtualFS;
  readonly hostname: string;
  readonly tools: Tools;
  /** getaddrinfo: /etc/hosts, then DNS with the search path of /etc/resolv.conf. */
  lookup(name: string): HostLookup;
  /** What dig, nslookup and host talk to. */
  dns(): DnsClientEnv;
}
