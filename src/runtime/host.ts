// The machine outside the cluster that `kctl host` runs commands on: an Ubuntu 20.04 box on the
// nodes' network (the books' "instance on the same network", or the Docker Desktop host). It
// resolves names through its own resolver (127.0.0.53, the internet only), reaches nodes,
// external IPs on nodes and load balancers, and publishes node ports on localhost like Docker
// Desktop. Its files last for one command.

import type { DnsData, HostLookup } from '../networking/dns/index.js';
import type { DnsClientEnv } from './programs/dns/index.js';
import { internetResolver } from '../networking/dns/index.js';
import type { VirtualFS } from './fs.js';
import { BASES } from './images/bases.js';
import type { Image } from './images/index.js';
import type { Listener } from '../networking/types.js';
import type { Machine, Tools } from './machine.js';
import { OverlayFS } from './overlayfs.js';
import type { World } from './world.js';

const HOSTNAME = 'kctl-host';
const RESOLVER = '127.0.0.53';

export const HOST_IMAGE: Image = {
  spec: { match: [], base: 'ubuntu', programs: ['curl', 'dig', 'nslookup', 'host', 'ping'], curl: '7.68.0', dig: '9.16' },
  base: BASES.ubuntu,
  repo: 'ubuntu',
  tag: '20.04',
};

/** systemd-resolved's stub: forwards every name to the internet; the cluster's names are unknown. */
const RESOLVER_DATA: DnsData = {
  clusterDomain: 'resolver.invalid',
  ttl: 30,
  services: [{ metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: RESOLVER, clusterIPs: [RESOLVER] } }],
  endpoints: [],
  pods: [],
  external: internetResolver(),
};

export class HostMachine implements Machine {
  readonly kind = 'host' as const;
  readonly hostname = HOSTNAME;
  readonly fs: VirtualFS;
  readonly tools: Tools = { curl: '7.68.0', dig: '9.16', libc: 'glibc', busybox: false };
  readonly image = HOST_IMAGE;

  constructor(public world: World) {
    const layer = world.imageLayer(HOST_IMAGE);
    this.fs = new OverlayFS(
      {
        files: {
          ...layer.files,
          '/etc/hostname': `${HOSTNAME}\n`,
          '/etc/hosts': `127.0.0.1 localhost\n127.0.1.1 ${HOSTNAME}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`,
          '/etc/resolv.conf': `nameserver ${RESOLVER}\noptions edns0 trust-ad\nsearch .\n`,
        },
        dirs: [...layer.dirs, '/home/kctl'],
        modes: layer.modes,
      },
      {},
    );
  }

  get ip(): string {
    return this.world.hostIP;
  }

  /** `term`: the TERM of the terminal kctl writes to, if it writes to one (programs such as curl ask). */
  env(term?: string): Map<string, string> {
    return new Map([
      ['PATH', HOST_IMAGE.base.path],
      ['HOSTNAME', HOSTNAME],
      ['HOME', '/root'],
      ['USER', 'root'],
      ['LANG', 'C.UTF-8'],
      ...(term ? [['TERM', term] as [string, string]] : []),
    ]);
  }

  lookup(name: string): HostLookup {
    return this.world.lookup(this, name, RESOLVER_DATA);
  }

  dns(): DnsClientEnv {
    return this.world.dnsClient(this.tools.dig, () => RESOLVER_DATA);
  }

  loopback(): Listener | null {
    return null;
  }
}
