// The simulation one command runs in: the cluster, its simulated time, the image catalogue,
// kube-proxy and DNS over the cluster's objects, and the containers touched so far. Runtime
// state (files, logs, affinity) changes in place; commit() makes the transaction save it.

import type { Container } from 'kubernetes-types/core/v1';
import type { PodObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import { HOST_IP } from '../cluster/config.js';
import { internetResolver, lookupHost, parseResolvConf, type DnsData, type HostLookup } from '../networking/dns/index.js';
import type { DigFlavor, DnsClientEnv } from './programs/dns/index.js';
import type { HttpRequest } from '../networking/http.js';
import { KubeProxy } from '../networking/kubeproxy.js';
import { Clock } from './clock.js';
import { ContainerHandle } from './container.js';
import { fetchFrom } from './http-client.js';
import type { Image, ImageCatalog } from './images/index.js';
import type { Listener } from '../networking/types.js';
import type { Machine } from './machine.js';
import { programPaths } from './programs/names.js';
import type { FetchResult } from './servers/types.js';

export interface Layer {
  files: Record<string, string>;
  dirs: string[];
  modes?: Record<string, number>;
}

/** A pod as the network sees it: running or not, and what its containers listen on. */
export class PodHandle {
  constructor(
    private readonly world: World,
    readonly pod: PodObject,
  ) {}

  get running(): boolean {
    return this.pod.status?.phase === 'Running' && !this.pod.metadata.deletionTimestamp;
  }

  containers(): ContainerHandle[] {
    return (this.pod.spec?.containers ?? []).map((c) => this.world.container(this.pod, c.name)!);
  }

  listener(port: number): Listener | null {
    for (const c of this.containers()) {
      const l = c.serverAt(port);
      if (l) return l;
    }
    return null;
  }
}

export class World {
  readonly clock: Clock;
  private changed = false;
  private proxyCache?: KubeProxy;
  private dnsCache?: DnsData;
  private podIPs?: Map<string, PodObject>;
  private readonly handles = new Map<string, ContainerHandle>();
  private readonly layers = new Map<Image, Layer>();

  /** The machine outside the cluster (`kctl host`): on the nodes' network, not in it. */
  readonly hostIP = HOST_IP;

  constructor(
    readonly cluster: Cluster,
    readonly images: ImageCatalog,
    budgetMs: number,
  ) {
    this.clock = new Clock(cluster.nowMs, budgetMs);
  }

  /** Notes that runtime state changed. */
  touch(): void {
    this.changed = true;
  }

  /**
   * Makes the surrounding transaction write the state: runtime state lives outside the objects,
   * so the store's logical clock moves on to mark the change.
   */
  commit(): void {
    if (!this.changed) return;
    this.cluster.data.resourceVersion++;
    this.changed = false;
  }

  get proxy(): KubeProxy {
    return (this.proxyCache ??= new KubeProxy(this.cluster, () => this.clock.now(), () => this.touch()));
  }

  container(pod: PodObject, name: string): ContainerHandle | undefined {
    const key = `${pod.metadata.uid}/${name}`;
    let handle = this.handles.get(key);
    if (!handle) {
      // An ephemeral container (kubectl debug) runs as the others do, in the pod's network.
      const spec = pod.spec?.containers.find((c) => c.name === name) ?? (pod.spec?.ephemeralContainers?.find((c) => c.name === name) as Container | undefined);
      if (!spec) return undefined;
      handle = new ContainerHandle(this, pod, spec);
      this.handles.set(key, handle);
    }
    return handle;
  }

  /** The pod (not host-network) that has an address. */
  podByIP(ip: string): PodHandle | undefined {
    if (!this.podIPs) {
      this.podIPs = new Map();
      for (const p of this.cluster.store.list('pods')) if (p.status?.podIP && !p.spec?.hostNetwork) this.podIPs.set(p.status.podIP, p);
    }
    const pod = this.podIPs.get(ip);
    return pod && new PodHandle(this, pod);
  }

  /** What host-network pods on a node listen on. */
  hostNetworkListener(node: string, port: number): Listener | null {
    for (const p of this.cluster.store.list('pods')) {
      if (!p.spec?.hostNetwork || p.spec.nodeName !== node) continue;
      const handle = new PodHandle(this, p);
      const l = handle.running ? handle.listener(port) : null;
      if (l) return l;
    }
    return null;
  }

  /** The image's files, its programs' executables and its directories (shared by its containers). */
  imageLayer(image: Image): Layer {
    let layer = this.layers.get(image);
    if (!layer) {
      const stubs: Record<string, string> = {};
      for (const [name, dir] of programPaths(image)) stubs[`${dir}/${name}`] = '';
      layer = {
        files: { ...image.base.files, ...stubs, ...(image.spec.files ?? {}) },
        dirs: [...image.base.dirs, ...(image.spec.dirs ?? [])],
        modes: Object.fromEntries(Object.keys(image.spec.files ?? {}).filter((f) => /\.sh$/.test(f)).map((f) => [f, 0o755])),
      };
      this.layers.set(image, layer);
    }
    return layer;
  }

  dnsServiceIP(): string {
    const svc = this.cluster.store.get('services', 'kube-system', 'kube-dns');
    return svc?.spec?.clusterIP ?? '10.96.0.10';
  }

  /** The objects CoreDNS answers from. */
  dnsData(): DnsData {
    if (!this.dnsCache) {
      const store = this.cluster.store;
      this.dnsCache = {
        clusterDomain: this.cluster.config.clusterDomain,
        ttl: this.cluster.config.dnsTTL,
        services: store.list('services'),
        endpoints: store.list('endpoints'),
        pods: store.list('pods'),
        namespaces: store.list('namespaces').map((n) => n.metadata.name),
        external: internetResolver(),
      };
    }
    return this.dnsCache;
  }

  dnsClient(flavor: DigFlavor, data: () => DnsData = () => this.dnsData()): DnsClientEnv {
    return { data, flavor, random: () => this.cluster.rand.next(), now: () => new Date(this.clock.now()) };
  }

  /**
   * getaddrinfo for a machine. CoreDNS's `loadbalance` shuffles the addresses of each answer,
   * so clients that take the first address spread over a headless Service's pods.
   */
  lookup(m: Machine, name: string, data: DnsData = this.dnsData()): HostLookup {
    const conf = parseResolvConf(m.fs.readFile('/etc/resolv.conf') ?? '');
    const found = lookupHost(data, conf, m.fs.readFile('/etc/hosts') ?? '', name);
    const addresses = [...found.addresses];
    for (let i = addresses.length - 1; i > 0; i--) {
      const j = this.cluster.rand.int(i + 1);
      [addresses[i], addresses[j]] = [addresses[j], addresses[i]];
    }
    return { ...found, addresses };
  }

  fetch(from: Machine, host: string, port: number, req: HttpRequest): Promise<FetchResult> {
    return fetchFrom(from, host, port, req);
  }
}
