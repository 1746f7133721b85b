// Real HTTP/1.1 clients into the simulated network: a TCP connection on the host (a published
// node port, a load balancer's port, the ingress controller's, or a port-forward stream) is
// parsed by Node's HTTP server, and each request is carried into the simulation as simulated
// curl carries its own: one transaction on the state file per request (the servers write their
// access logs into the containers' logs), taken only once the request body has arrived and let
// go before the response is written, so no socket is ever waited on under the lock.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { InputTooLarge, readBytesCapped } from '../util/readcapped.js';
import { clockOf, StateAccess } from '../cluster/access.js';
import type { Header, HttpRequest, HttpResponse } from '../networking/http.js';
import { headerValue } from '../networking/http.js';
import { dial, dialEstablished } from '../networking/network.js';
import type { ConnectError } from '../networking/types.js';
import type { ServiceObject } from '../api/types.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Transaction } from './attached.js';

/** Where the bridged connections go. */
export type Destination =
  /** From kctl-host, the machine outside the cluster: a node port, a load balancer, its localhost. */
  | { kind: 'host'; ip: string; port: number }
  /** A node port, on a node that takes it (one with an endpoint, for traffic policy Local). */
  | { kind: 'nodePort'; port: number }
  /** The ingress controller's port 80 or 443, through its Service as seen from outside. */
  | { kind: 'ingress'; port: number }
  /** A pod's own localhost, as the kubelet's port-forward connects (the pod's uid pins it). */
  | { kind: 'pod'; namespace: string; name: string; uid?: string; port: number }
  /** Where the API server's proxy subresources send a request, found in the transaction's state. */
  | { kind: 'apiserver'; locate(cluster: Cluster): { ip: string; port: number } };

/** Why a request could not be carried: the connection is reset, as the real path would. */
export class BridgeError extends Error {
  constructor(
    message: string,
    readonly error?: ConnectError,
  ) {
    super(message);
  }
}

export interface BridgeOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  /** One transaction on the state file, queued with this process's others (see localTransactions). */
  change: Transaction;
  /** Told when a request could not be carried (the client sees its connection reset). */
  onError?(e: BridgeError, dest: Destination): void;
}

/** Request bodies past this are answered 413, as nginx answers past client_max_body_size. */
export const MAX_BRIDGED_BODY_BYTES = 64 * 1024 * 1024;

/** nginx's keepalive_timeout: an idle kept-alive connection is closed after 75 s. */
const IDLE_MS = 75_000;

/** Transactions of a process that has no other writer (kctl port-forward): one after another. */
export function localTransactions(statePath: string, env: NodeJS.ProcessEnv): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const step = () => new StateAccess(statePath, env, clockOf(env)).change(fn);
    const run = tail.then(step, step);
    tail = run.catch(() => undefined);
    return run;
  };
}

const INGRESS_SERVICES = [
  ['ingress-nginx', 'ingress-nginx-controller'],
  ['ingress-nginx', 'ingress-nginx'],
];

/** The Service the ingress controller is published by, if the cluster has one. */
export function ingressService(cluster: Cluster): ServiceObject | undefined {
  for (const [ns, name] of INGRESS_SERVICES) {
    const svc = cluster.store.get('services', ns, name);
    if (svc) return svc;
  }
  return undefined;
}

type World = import('../runtime/world.js').World;

/** A node to send a node port's traffic to: any worker, or one with an endpoint when the policy is Local. */
function nodePortAddress(world: World, port: number): { ip: string; port: number } | undefined {
  const nodes = world.cluster.config.nodes;
  const f = nodes.length ? world.proxy.frontend(nodes[0].internalIP, port, false) : null;
  if (!f) return nodes[0] && { ip: nodes[0].internalIP, port };
  const local = f.service.spec?.externalTrafficPolicy === 'Local' ? new Set(world.proxy.backends(f.service, f.port).map((b) => b.nodeName)) : undefined;
  const node = nodes.find((n) => n.role === 'worker' && (!local || local.has(n.name))) ?? nodes.find((n) => !local || local.has(n.name)) ?? nodes[0];
  return { ip: node.internalIP, port };
}

/** The ingress controller's port as a host-side address: its load balancer, else a node port. */
function ingressAddress(world: World, port: number): { ip: string; port: number } | undefined {
  const svc = ingressService(world.cluster);
  const sp = svc?.spec?.ports?.find((p) => p.port === port);
  if (!svc || !sp) return undefined;
  const lb = svc.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
  if (lb) return { ip: lb, port };
  if (sp.nodePort) return nodePortAddress(world, sp.nodePort);
  return undefined;
}

/** The API server's own machine (its static pod on the control plane), whose network the proxy subresources use. */
function apiServerMachine(world: World) {
  const pod = world.cluster.store.list('pods', 'kube-system').find((p) => p.metadata.labels?.component === 'kube-apiserver' && p.status?.phase === 'Running');
  return pod ? world.container(pod, pod.spec!.containers[0].name) : undefined;
}

const REFUSED: Record<ConnectError, string> = { refused: 'connection refused', timeout: 'i/o timeout', unreachable: 'no route to host' };

/** Where kube-proxy sent a connection: its later requests go to the same endpoint. */
export interface Pinned {
  ip: string;
  port: number;
  clientIP: string;
  clientPort: number;
}

/**
 * Carries one request into the simulation and returns the answer (one transaction). `pinned`:
 * the endpoint an earlier request of the same connection went to; the answer says where this one went.
 */
export async function carry(dest: Destination, req: HttpRequest, o: Omit<BridgeOptions, 'onError'>, pinned?: Pinned, tls = false): Promise<{ res: HttpResponse; pinned?: Pinned }> {
  const [{ World }, { HostMachine }, { loadCatalog }, { BACKGROUND_BUDGET_MS }] = await Promise.all([
    import('../runtime/world.js'),
    import('../runtime/host.js'),
    import('../runtime/images/index.js'),
    import('../runtime/clock.js'),
  ]);
  const catalog = loadCatalog(o.env);
  return o.change(async (api) => {
      const world = new World(api.cluster, catalog, BACKGROUND_BUDGET_MS);
      let d;
      let where: string;
      if (dest.kind === 'pod') {
        const pod = api.cluster.store.get('pods', dest.namespace, dest.name);
        if (!pod || (dest.uid && pod.metadata.uid !== dest.uid)) throw new BridgeError(`pod ${dest.namespace}/${dest.name} is gone`);
        if (pod.status?.phase !== 'Running') throw new BridgeError(`pod ${dest.namespace}/${dest.name} is not running (${pod.status?.phase ?? 'Pending'})`);
        const machine = world.container(pod, pod.spec!.containers[0].name)!;
        d = dial(machine, '127.0.0.1', dest.port);
        // The kubelet's words: it tries both loopbacks inside the pod's network namespace.
        if (!d.ok) throw new BridgeError(`failed to connect to localhost:${dest.port} inside namespace "${pod.metadata.uid}", IPv4: dial tcp4 127.0.0.1:${dest.port}: connect: ${REFUSED[d.error]} IPv6 dial tcp6 [::1]:${dest.port}: connect: ${REFUSED[d.error]} `, d.error);
        where = `localhost:${dest.port}`;
      } else if (dest.kind === 'apiserver') {
        const to = dest.locate(api.cluster);
        where = `${to.ip}:${to.port}`;
        d = dial(apiServerMachine(world) ?? new HostMachine(world), to.ip, to.port);
      } else {
        const host = new HostMachine(world);
        if (pinned) {
          const e = dialEstablished(host, pinned.ip, pinned.port, pinned.clientIP);
          if (!e.ok) throw new BridgeError(`the endpoint ${pinned.ip}:${pinned.port} of this connection is gone`, e.error);
          const res = await e.listener.serve(req, { ...e.peer, clientPort: pinned.clientPort });
          world.clock.tick(1);
          world.commit();
          return { res, pinned };
        }
        const to = dest.kind === 'host' ? dest : dest.kind === 'nodePort' ? nodePortAddress(world, dest.port) : ingressAddress(world, dest.port);
        if (!to) throw new BridgeError(dest.kind === 'ingress' ? `the cluster has no ingress controller Service with port ${dest.port}` : `the cluster has no nodes`, 'refused');
        where = `${to.ip}:${to.port}`;
        d = dial(host, to.ip, to.port);
      }
      if (!d.ok) throw new BridgeError(`dial tcp ${where}: connect: ${REFUSED[d.error]}`, d.error);
      // Bytes pass through unchanged: TLS only reaches a server that speaks it, and plain HTTP one that does not.
      if (dest.kind !== 'pod' && !!d.listener.tls !== tls) throw new BridgeError(tls ? `${where} does not speak TLS` : `${where} speaks only TLS`);
      const res = await d.listener.serve(req, d.peer);
      world.clock.tick(1);
      world.commit();
      return { res, pinned: dest.kind === 'pod' ? undefined : { ip: d.peer.localIP, port: d.peer.localPort, clientIP: d.peer.clientIP, clientPort: d.peer.clientPort } };
  });
}

/** The body, or null past the cap (the rest is drained, so the connection can answer 413). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  try {
    return await readBytesCapped(req, MAX_BRIDGED_BODY_BYTES);
  } catch (e) {
    if (!(e instanceof InputTooLarge)) throw e;
    req.resume();
    return null;
  }
}

/** The request as the simulated servers see it: the client's headers, in order, as sent. */
function simulatedRequest(req: IncomingMessage, body: Buffer): HttpRequest {
  const headers: Header[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return { method: req.method ?? 'GET', target: req.url ?? '/', headers, body: body.toString('utf8') };
}

/** Framing is the bridge's: the body as it is now decides the length, Node the chunking. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

function answer(res: ServerResponse, sim: HttpResponse, head: boolean): void {
  const body = Buffer.from(sim.body, 'utf8');
  const flat: string[] = [];
  for (const [n, v] of sim.headers) if (!FRAMING.has(n.toLowerCase())) flat.push(n, v);
  const chunked = /chunked/i.test(headerValue(sim.headers, 'Transfer-Encoding') ?? '');
  if (head) {
    const length = headerValue(sim.headers, 'Content-Length');
    if (length !== undefined) flat.push('Content-Length', length);
  } else if (!chunked) {
    flat.push('Content-Length', String(body.length));
  }
  if (/close/i.test(headerValue(sim.headers, 'Connection') ?? '')) flat.push('Connection', 'close');
  res.sendDate = false;
  res.writeHead(sim.status, sim.reason ?? undefined, flat);
  res.end(head ? undefined : body);
}

const TOO_LARGE = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n';
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/**
 * An HTTP server whose requests go to `dest` (looked up per request, so a listener can follow
 * the cluster). Listen on it, or hand it streams with `emit('connection', stream)`.
 */
export function bridgeServer(dest: Destination | (() => Destination | undefined), o: BridgeOptions): Server {
  const pins = new WeakMap<object, Pinned>();
  const server = createServer({ keepAliveTimeout: 0 }, (req, res) => {
    const to = typeof dest === 'function' ? dest() : dest;
    // A body declared too large is refused before it is read, as nginx does.
    const declared = Number(req.headers['content-length'] ?? 0);
    (declared > MAX_BRIDGED_BODY_BYTES ? Promise.resolve(null) : readBody(req)).then(
      (body) => {
        if (!to) return req.socket.destroy();
        if (body === null) {
          res.writeHead(413, 'Request Entity Too Large', { 'Content-Type': 'text/html', 'Content-Length': String(TOO_LARGE.length), Connection: 'close' });
          return res.end(TOO_LARGE);
        }
        carry(to, simulatedRequest(req, body), o, pins.get(req.socket), (req.socket as { encrypted?: boolean }).encrypted === true).then(
          (sim) => {
            if (sim.pinned) pins.set(req.socket, sim.pinned);
            answer(res, sim.res, req.method === 'HEAD');
          },
          (e: unknown) => {
            const err = e instanceof BridgeError ? e : new BridgeError((e as Error).message);
            o.onError?.(err, to);
            res.destroy();
          },
        );
      },
      () => res.destroy(),
    );
  });
  server.on('connection', (socket: Duplex & { setTimeout?(ms: number, cb: () => void): void }) => {
    socket.setTimeout?.(IDLE_MS, () => socket.destroy());
  });
  server.on('clientError', (_e, socket: Duplex) => {
    if (socket.writable) socket.end(BAD_REQUEST);
    else socket.destroy();
  });
  return server;
}
