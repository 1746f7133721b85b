// Starting and stopping `kctl serve`: claim the state file, make the certificates and the token,
// listen, write the kubeconfig, then serve until SIGINT or SIGTERM.

import { dirname, join, resolve } from 'node:path';
import { clockOf, StateAccess, StateReadCache } from '../cluster/access.js';
import { claimInstance } from './instance.js';
import { writeKubeconfig } from './kubeconfig.js';
import { committer } from './commit.js';
import { apiHandler, authorized, httpsServer, listen, newToken, serverURL } from './server.js';
import type { Transaction } from '../kubelet/attached.js';
import { PublishedPorts } from './ports.js';
import { portForwardUpgrade } from './streams/portforward.js';
import { upgradeHandler } from './streams/index.js';
import { makeServingCertificate } from './tls.js';

export { AlreadyServing } from './instance.js';

export interface ServeOptions {
  statePath: string;
  env: NodeJS.ProcessEnv;
  address: string;
  port: number;
  /** Where the kubeconfig goes; `kubeconfig` beside the state file by default. */
  kubeconfig?: string;
  out(text: string): void;
  err(text: string): void;
  /** Logs each request on stderr. */
  debug?: boolean;
  /** Publishes the cluster's node ports, load balancers and ingress controller on this address (undefined: not at all). */
  publishAddress?: string;
  /** Host ports for the ingress controller's 80 and 443 (0: any free one). */
  ingressHttpPort?: number;
  ingressHttpsPort?: number;
}

/** An address that cannot be listened on, in the words of Go's net.Listen. */
export class ListenError extends Error {}

/** Serves until SIGINT or SIGTERM. */
export async function serve(o: ServeOptions): Promise<void> {
  const instance = await claimInstance(o.statePath);
  let server: import('node:https').Server | undefined;
  let ports: PublishedPorts | undefined;
  const release = () => instance.release();
  process.once('exit', release);
  try {
    // Makes the default cluster if there is none yet, and fails early on a corrupt state file.
    const cluster = await new StateAccess(o.statePath, o.env, clockOf(o.env)).read();
    const tls = await makeServingCertificate(o.address);
    const token = newToken();
    let url = '';
    const readCache = new StateReadCache();
    const access = () => new StateAccess(o.statePath, o.env, clockOf(o.env), { readCache });
    const commit = committer(access);
    const handler = apiHandler({
      commit,
      statePath: o.statePath,
      env: o.env,
      token,
      hostPort: () => new URL(url).host,
      gitVersion: cluster.config.kubernetesVersion,
      debug: o.debug,
    });
    server = httpsServer(tls, o.debug ? logged(handler, o.err) : handler);
    // Bridged requests (port-forward, published ports) queue with the writes, each on its own.
    const change: Transaction = async (fn) => await commit(fn, { dryRun: false, alone: true });
    server.on(
      'upgrade',
      upgradeHandler({
        statePath: o.statePath,
        env: o.env,
        authorized: (req) => authorized(req, token),
        read: () => access().read(),
        change,
        debug: o.debug,
        portforward: portForwardUpgrade({ statePath: o.statePath, env: o.env, change }),
      }),
    );
    let port: number;
    try {
      port = await listen(server, o.port, o.address);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const where = `${o.address.includes(':') ? `[${o.address}]` : o.address}:${o.port}`;
      const why = err.code === 'EADDRINUSE' ? 'bind: address already in use' : err.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : err.code === 'EACCES' ? 'bind: permission denied' : err.message;
      throw new ListenError(`listen tcp ${where}: ${why}`);
    }
    url = serverURL(o.address, port);
    const kubeconfig = resolve(o.kubeconfig ?? join(dirname(o.statePath), 'kubeconfig'));
    writeKubeconfig(kubeconfig, { server: url, caCert: tls.caCert, token, state: o.statePath });
    instance.update({ url, kubeconfig });
    o.out(`Serving the cluster of ${o.statePath} at ${url}\n` + `Kubeconfig: ${kubeconfig} (context "kctl")\n` + `To use it with kubectl:\n  export KUBECONFIG=${kubeconfig}\n`);
    if (o.publishAddress !== undefined) {
      ports = new PublishedPorts({ statePath: o.statePath, env: o.env, change, address: o.publishAddress, ingressHttpPort: o.ingressHttpPort, ingressHttpsPort: o.ingressHttpsPort, out: o.out, err: o.err });
      await ports.start();
    }
    o.out(`Press Ctrl+C to stop.\n`);
    await stopSignal();
  } finally {
    await ports?.stop();
    server?.close();
    server?.closeAllConnections();
    release();
    process.off('exit', release);
  }
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function logged(handler: ReturnType<typeof apiHandler>, err: (text: string) => void): ReturnType<typeof apiHandler> {
  return (req, res) => {
    res.on('finish', () => err(`${req.method} ${req.url} ${res.statusCode}\n`));
    handler(req, res);
  };
}
