// The cluster's published ports on the host while `kctl serve` runs, as Docker Desktop publishes
// them: every NodePort Service port on its node port, every LoadBalancer Service port on its
// port, and the ingress controller's 80 and 443 on ports of the user's choice. Listeners follow
// the cluster: the state file is replaced (a new inode) by every write, so a cheap stat tells
// when to look at the Services again, whoever wrote them.

import type { Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { createSecureContext, createServer as createTlsServer, type SecureContext } from 'node:tls';
import { clockOf, StateAccess, StateReadCache } from '../cluster/access.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Transaction } from '../kubelet/attached.js';
import { bridgeServer, type BridgeError, type Destination } from '../kubelet/bridge.js';
import { stateStamp } from '../store/statepoll.js';
import { joinHostPort } from '../util/ip.js';
import { listen } from './server.js';
import { makeIngressFakeCertificate } from './tls.js';

export interface PortsOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  change: Transaction;
  /** The address every listener binds (loopback unless asked otherwise). */
  address: string;
  /** Host ports for the ingress controller's 80 and 443 (0: any free port); undefined: not published. */
  ingressHttpPort?: number;
  ingressHttpsPort?: number;
  out(text: string): void;
  err(text: string): void;
  /** How often the state file is looked at. */
  pollMs?: number;
}

interface Wanted {
  /** The host port asked for. */
  port: number;
  dest: Destination;
  /** What it publishes, for people: `NodePort 30080 of service default/web`. */
  what: string;
  /** The port speaks TLS (the ingress controller's 443, a Service's https port). */
  tls: boolean;
}

interface Open {
  wanted: Wanted;
  server: Server;
  bridge: HttpServer;
  port: number;
}

/** A Service port that leads to TLS: ingress-nginx's `https`, or any port 443. */
const speaksTLS = (p: { name?: string; port: number; appProtocol?: string }) => p.appProtocol === 'https' || p.name === 'https' || p.port === 443;

const WHY: Record<string, string> = { EADDRINUSE: 'address already in use', EACCES: 'permission denied', EADDRNOTAVAIL: 'cannot assign requested address' };


export class PublishedPorts {
  private readonly open = new Map<string, Open>();
  private readonly cache = new StateReadCache();
  private stamp = '';
  private timer?: NodeJS.Timeout;
  private busy: Promise<void> = Promise.resolve();
  private stopped = false;
  private fallback?: SecureContext;
  private contexts = new Map<string, SecureContext>();

  constructor(private readonly o: PortsOptions) {}

  /** Opens the ports of the cluster as it is now, then follows it. */
  async start(): Promise<void> {
    this.fallback = createSecureContext(await makeIngressFakeCertificate());
    await this.sync();
    this.timer = setInterval(() => {
      this.busy = this.busy.then(() => this.sync()).catch((e: unknown) => this.o.err(`error: following the Services: ${(e as Error).message}\n`));
    }, this.o.pollMs ?? 200);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.busy.catch(() => undefined);
    for (const o of this.open.values()) close(o);
    this.open.clear();
  }

  private async wanted(): Promise<Map<string, Wanted>> {
    const cluster = await new StateAccess(this.o.statePath, this.o.env, clockOf(this.o.env), { readCache: this.cache }).read();
    const out = new Map<string, Wanted>();
    if (this.o.ingressHttpPort !== undefined) out.set('ingress:80', { port: this.o.ingressHttpPort, dest: { kind: 'ingress', port: 80 }, what: 'the ingress controller\'s port 80', tls: false });
    if (this.o.ingressHttpsPort !== undefined) out.set('ingress:443', { port: this.o.ingressHttpsPort, dest: { kind: 'ingress', port: 443 }, what: 'the ingress controller\'s port 443', tls: true });
    for (const svc of cluster.store.list('services')) {
      const type = svc.spec?.type;
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      const name = `service ${svc.metadata.namespace}/${svc.metadata.name}`;
      const lb = svc.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
      for (const p of svc.spec?.ports ?? []) {
        if ((p.protocol ?? 'TCP') !== 'TCP') continue;
        const tls = speaksTLS(p);
        if (p.nodePort) out.set(`nodePort:${p.nodePort}`, { port: p.nodePort, dest: { kind: 'nodePort', port: p.nodePort }, what: `NodePort ${p.nodePort} of ${name}`, tls });
        if (type === 'LoadBalancer' && lb) out.set(`lb:${svc.metadata.uid}:${p.port}`, { port: p.port, dest: { kind: 'host', ip: lb, port: p.port }, what: `LoadBalancer ${joinHostPort(lb, p.port)} of ${name}`, tls });
      }
    }
    return out;
  }

  /** Makes the open listeners those the cluster wants, if the state file changed since last time. */
  private async sync(): Promise<void> {
    const stamp = stateStamp(this.o.statePath);
    if (stamp === this.stamp || this.stopped) return;
    this.stamp = stamp;
    const wanted = await this.wanted();
    for (const [key, o] of this.open) {
      const w = wanted.get(key);
      if (w && w.port === o.wanted.port && w.what === o.wanted.what && w.tls === o.wanted.tls) {
        o.wanted = w;
        continue;
      }
      this.open.delete(key);
      close(o);
      this.o.out(`Closed ${joinHostPort(this.o.address, o.port)} (${o.wanted.what})\n`);
    }
    for (const [key, w] of wanted) {
      if (this.open.has(key) || this.stopped) continue;
      const opened = await this.publish(w);
      if (opened) this.open.set(key, opened);
    }
  }

  /** The certificate of the Ingress that names the host in its tls section, else ingress-nginx's fake one. */
  private secureContext(servername: string, cluster: Cluster): SecureContext {
    for (const ing of cluster.store.list('ingresses')) {
      const entry = ing.spec?.tls?.find((t) => t.hosts?.includes(servername) && t.secretName);
      if (!entry) continue;
      const secret = cluster.store.get('secrets', ing.metadata.namespace ?? 'default', entry.secretName!);
      const crt = secret?.data?.['tls.crt'];
      const key = secret?.data?.['tls.key'];
      if (!crt || !key) continue;
      const id = `${secret.metadata.uid}/${secret.metadata.resourceVersion}`;
      let ctx = this.contexts.get(id);
      if (!ctx) {
        try {
          ctx = createSecureContext({ cert: Buffer.from(crt, 'base64'), key: Buffer.from(key, 'base64') });
        } catch {
          continue;
        }
        this.contexts.set(id, ctx);
      }
      return ctx;
    }
    return this.fallback!;
  }

  private async publish(w: Wanted): Promise<Open | undefined> {
    const entry = { wanted: w, port: 0 } as Open;
    entry.bridge = bridgeServer(() => entry.wanted.dest, {
      statePath: this.o.statePath,
      env: this.o.env,
      change: this.o.change,
      onError: (e: BridgeError) => this.o.err(`${joinHostPort(this.o.address, entry.port)} (${entry.wanted.what}): ${e.message}\n`),
    });
    const make = (): Server =>
      w.tls
        ? createTlsServer(
            {
              SNICallback: (name, cb) => {
                new StateAccess(this.o.statePath, this.o.env, clockOf(this.o.env), { readCache: this.cache }).read().then(
                  (cluster) => cb(null, this.secureContext(name, cluster)),
                  () => cb(null, this.fallback),
                );
              },
              secureContext: this.fallback,
            },
            (socket) => entry.bridge.emit('connection', socket),
          )
        : createTcpServer((socket) => entry.bridge.emit('connection', socket));
    entry.server = make();
    try {
      entry.port = await listen(entry.server, w.port, this.o.address);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      entry.server = make();
      try {
        entry.port = await listen(entry.server, 0, this.o.address);
      } catch (e2) {
        this.o.err(`error: cannot publish ${w.what} on ${joinHostPort(this.o.address, w.port)}: ${WHY[code] ?? (e as Error).message}; no other port either: ${(e2 as Error).message}\n`);
        return undefined;
      }
      this.o.err(`${joinHostPort(this.o.address, w.port)} is not available for ${w.what} (${WHY[code] ?? (e as Error).message}); using ${joinHostPort(this.o.address, entry.port)} instead\n`);
    }
    this.o.out(`Publishing ${w.what} at ${w.tls ? 'https' : 'http'}://${joinHostPort(this.o.address, entry.port)}\n`);
    return entry;
  }
}

function close(o: Open): void {
  o.server.close();
  o.bridge.closeAllConnections();
}
