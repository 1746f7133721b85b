// The small interface between the network and what runs on it. The network routes a connection
// from a host (a container, or the machine outside the cluster) to whatever listens at the
// destination; the runtime provides the hosts and the listeners.

import type { ClusterConfig } from '../store/schema.js';
import type { HttpRequest, HttpResponse } from './http.js';
import type { KubeProxy } from './kubeproxy.js';

/** Why a connection failed, as the client's socket reports it. */
export type ConnectError = 'refused' | 'timeout' | 'unreachable';

/** The connection a request arrived on. */
export interface Peer {
  clientIP: string;
  clientPort: number;
  localIP: string;
  localPort: number;
  tls: boolean;
}

/** Something that answers connections on a port. */
export interface Listener {
  tls?: { trusted: boolean };
  serve(req: HttpRequest, peer: Peer): Promise<HttpResponse>;
}

/** A pod as the network sees it: whether it runs, and what listens on its ports. */
export interface PodEndpoint {
  readonly running: boolean;
  listener(port: number): Listener | null;
}

/** The cluster's network for one run: kube-proxy's rules, the pods, simulated time. */
export interface Network {
  readonly proxy: KubeProxy;
  readonly clock: { now(): number; tick(): void };
  readonly cluster: { readonly rand: { int(n: number): number }; readonly config: ClusterConfig };
  /** The address of the machine outside the cluster (`kctl host`). */
  readonly hostIP: string;
  podByIP(ip: string): PodEndpoint | undefined;
  /** What host-network pods on a node listen on. */
  hostNetworkListener(node: string, port: number): Listener | null;
}

/** Where a connection starts. */
export interface NetworkHost {
  readonly world: Network;
  readonly kind: 'pod' | 'host';
  /** The address its connections come from. */
  readonly ip: string;
  /** The node its packets leave from; undefined outside the cluster. */
  readonly nodeName?: string;
  /** What answers on 127.0.0.1:port. */
  loopback(port: number): Listener | null;
}
