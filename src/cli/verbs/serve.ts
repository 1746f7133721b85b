// kctl serve: the cluster of the state file as a Kubernetes API server over HTTPS, for the real
// kubectl, Helm and client libraries. The server itself lives in src/serve/ and loads only here.

import type { Command } from 'commander';
import { isIP } from 'node:net';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

const serveAction: Action = async (session, args, opts) => {
  if (args.length) throw new CliError(`unknown command "${args[0]}" for "kctl serve"`, 'serve');
  const portText = String(opts.port);
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new CliError(`invalid argument "${portText}" for "--port" flag: the port must be a number from 0 to 65535`);
  const portFlag = (flag: string) => {
    const text = String(opts[flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())]);
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(n >= 0 && n <= 65535)) throw new CliError(`invalid argument "${text}" for "--${flag}" flag: the port must be a number from 0 to 65535`);
    return n;
  };
  const ingressHttpPort = portFlag('ingress-http-port');
  const ingressHttpsPort = portFlag('ingress-https-port');
  const publishAddress = String(opts.publishAddress);
  if (opts.publish !== false && !isIP(publishAddress)) throw new CliError(`invalid argument "${publishAddress}" for "--publish-address" flag: not an IP address`);
  const { serve, AlreadyServing, ListenError } = await import('../../serve/index.js');
  try {
    await serve({
      statePath: session.statePath,
      env: session.env,
      address: String(opts.address),
      port,
      kubeconfig: opts.kubeconfig as string | undefined,
      out: (t) => session.io.out(t),
      err: (t) => session.io.err(t),
      debug: session.debug,
      publishAddress: opts.publish === false ? undefined : publishAddress,
      ingressHttpPort,
      ingressHttpsPort,
    });
  } catch (e) {
    if (e instanceof AlreadyServing || e instanceof ListenError) throw new CliError(e.message);
    throw e;
  }
};

export function registerServe(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('serve')
    .description('Serve the cluster as a Kubernetes API server over HTTPS, for kubectl and other clients (kctl only)')
    .option('--address <ip>', 'The IP address to listen on.', '127.0.0.1')
    .option('--port <port>', 'The port to listen on; 0 picks a free one (the kubeconfig has the real one).', '6443')
    .option('--kubeconfig <file>', 'Where to write the kubeconfig for clients (default: kubeconfig beside the state file).')
    .option('--publish-address <ip>', 'The address the cluster\'s node ports, load balancers and ingress controller are published on.', '127.0.0.1')
    .option('--no-publish', 'Do not publish node ports, load balancers or the ingress controller on the host.')
    .option('--ingress-http-port <port>', 'The host port for the ingress controller\'s port 80; 0 picks a free one.', '8080')
    .option('--ingress-https-port <port>', 'The host port for the ingress controller\'s port 443; 0 picks a free one.', '8443')
    .addHelpText(
      'after',
      `
Examples:
  # Serve the default cluster on https://127.0.0.1:6443 and use it with kubectl
  kctl serve &
  export KUBECONFIG=~/.local/state/kctl/kubeconfig
  kubectl get nodes

  # Serve a throw-away cluster on a free port
  kctl serve --state /tmp/demo/state.json --port 0

  # Node ports and load balancers are published on 127.0.0.1 (the same port where it is free),
  # the ingress controller on 8080 and 8443
  kctl apply -f samples/perfect-guide/ch06/sample-nodeport.yaml
  curl http://127.0.0.1:30080/`,
    )
    .action(wrap(serveAction));
}
