// A place programs run: a container of a pod, or the machine outside the cluster that
// `kctl host` stands for. The network sees it as a source address; programs see its files,
// its resolver and the versions of its tools.

import type { DigFlavor, DnsClientEnv, HostLookup } from '../networking/dns/index.js';
import type { HttpRequest, HttpResponse } from '../networking/http.js';
import type { VirtualFS } from './fs.js';
import type { Peer } from './servers/types.js';
import type { World } from './world.js';

export interface Tools {
  /** curl release, or null when the machine has no curl. */
  curl: string | null;
  dig: DigFlavor;
  libc: 'glibc' | 'musl';
  /** wget, nslookup and ping are busybox applets. */
  busybox: boolean;
}

/** Something that answers connections on a port. */
export interface Listener {
  tls?: { trusted: boolean };
  serve(req: HttpRequest, peer: Peer): Promise<HttpResponse>;
}

export interface Machine {
  readonly world: World;
  readonly kind: 'pod' | 'host';
  /** The address its connections come from. */
  readonly ip: string;
  /** The node its packets leave from; undefined outside the cluster. */
  readonly nodeName?: string;
  readonly fs: VirtualFS;
  readonly hostname: string;
  readonly tools: Tools;
  /** getaddrinfo: /etc/hosts, then DNS with the search path of /etc/resolv.conf. */
  lookup(name: string): HostLookup;
  /** What dig, nslookup and host talk to. */
  dns(): DnsClientEnv;
  /** What answers on 127.0.0.1:port. */
  loopback(port: number): Listener | null;
}
