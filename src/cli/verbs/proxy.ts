// kubectl proxy: a plain-HTTP gateway on the loopback to the API. kctl has no server to pass the
// requests to, so it answers them itself with kctl serve's request handler over the state file
// (no TLS, no token: only what the filter lets through reaches it). The filter is kubectl's:
// accepted hosts, accepted and rejected paths, rejected methods.

import type { Command } from 'commander';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIPv6 } from 'node:net';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

/** kubectl's comma-separated regular expressions; a list matches when any of its entries does. */
function patterns(text: string): RegExp[] {
  return text
    .split(',')
    .filter((p) => p !== '')
    .map((p) => new RegExp(p));
}

const matches = (list: RegExp[], s: string) => list.some((r) => r.test(s));

interface Filter {
  acceptHosts: RegExp[];
  acceptPaths: RegExp[];
  rejectPaths: RegExp[];
  rejectMethods: RegExp[];
}

/** FilterServer.accept: the host (without its port), the path and the method. */
function accepted(f: Filter, req: IncomingMessage, path: string): boolean {
  const hostHeader = req.headers.host ?? '';
  const m = /^\[([^\]]*)\]:\d*$/.exec(hostHeader) ?? /^([^:]*):\d*$/.exec(hostHeader);
  const host = m ? (hostHeader.startsWith('[') ? `[${m[1]}]` : m[1]) : '';
  return matches(f.acceptPaths, path) && !matches(f.rejectPaths, path) && !matches(f.rejectMethods, req.method ?? '') && matches(f.acceptHosts, host);
}

const proxyAction: Action = async (session, args, opts) => {
  if (args.length) throw new CliError(`unknown command "${args[0]}" for "kctl proxy"`);
  if (opts.unixSocket) throw new CliError('kctl proxy serves on a TCP port only (--unix-socket is not supported)');
  if (opts.www) throw new CliError('kctl proxy does not serve static files (--www is not supported)');
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`invalid argument "${String(opts.port)}" for "-p, --port" flag: strconv.ParseInt: parsing "${String(opts.port)}": invalid syntax`);
  const address = String(opts.address);
  let prefix = String(opts.apiPrefix);
  if (!prefix.endsWith('/')) prefix += '/';
  const filter: Filter | null = opts.disableFilter
    ? null
    : { acceptHosts: patterns(String(opts.acceptHosts)), acceptPaths: patterns(String(opts.acceptPaths)), rejectPaths: patterns(String(opts.rejectPaths)), rejectMethods: patterns(String(opts.rejectMethods)) };
  if (!filter) session.io.err('W0000 Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious\n');

  const cluster = await session.read();
  const { apiHandler, listen } = await import('../../serve/server.js');
  let hostPort = '';
  const handler = apiHandler({ statePath: session.statePath, env: session.env, token: null, hostPort: () => hostPort, gitVersion: cluster.config.kubernetesVersion });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://kctl');
    // Outside the API prefix there is nothing (Go's ServeMux: 404 page not found).
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      return res.end('404 page not found\n');
    }
    const path = `/${url.pathname.slice(prefix.length)}`;
    if (filter && !accepted(filter, req, path)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      return res.end('Forbidden\n');
    }
    req.url = `${path}${url.search}`;
    handler(req, res);
  });
  // A client that sends an upgrade (exec, attach through the proxy) is refused: kctl proxy carries plain requests.
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  let bound: number;
  try {
    bound = await listen(server, port, address);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const where = `${isIPv6(address) ? `[${address}]` : address}:${port}`;
    const why = err.code === 'EADDRINUSE' ? 'bind: address already in use' : err.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : err.code === 'EACCES' ? 'bind: permission denied' : err.message;
    throw new CliError(`listen tcp ${where}: ${why}`);
  }
  hostPort = `${isIPv6(address) ? `[${address}]` : address}:${bound}`;
  session.io.out(`Starting to serve on ${hostPort}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  server.close();
  server.closeAllConnections();
};

export function registerProxy(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('proxy')
    .description('Run a proxy to the Kubernetes API server')
    .usage('[--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]')
    .argument('[args...]')
    .option('--accept-hosts <regexp>', 'Regular expression for hosts that the proxy should accept.', '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$')
    .option('--accept-paths <regexp>', 'Regular expression for paths that the proxy should accept.', '^.*')
    .option('--address <ip>', 'The IP address on which to serve on.', '127.0.0.1')
    .option('--api-prefix <prefix>', 'Prefix to serve the proxied API under.', '/')
    .option('--append-server-path', 'If true, enables automatic path appending of the kube context server path to each request.')
    .option('--disable-filter', 'If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port.')
    .option('--keepalive <duration>', 'keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive.', '0s')
    .option('-p, --port <port>', 'The port on which to run the proxy. Set to 0 to pick a random port.', '8001')
    .option('--reject-methods <regexp>', "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). ", '^$')
    .option('--reject-paths <regexp>', 'Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths.', '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach')
    .option('-u, --unix-socket <path>', 'Unix socket on which to run the proxy.')
    .option('-w, --www <dir>', 'Also serve static files from the given directory under the specified prefix.')
    .option('-P, --www-prefix <prefix>', 'Prefix to serve static files under, if static file directory is specified.', '/static/')
    .addHelpText(
      'after',
      `
Examples:
  # To proxy all of the Kubernetes API and nothing else
  kctl proxy --api-prefix=/

  # To proxy only part of the Kubernetes API and also some static files
  # You can get pods info with 'curl localhost:8001/api/v1/pods'
  kctl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/

  # To proxy the entire Kubernetes API at a different root
  # You can get pods info with 'curl localhost:8001/custom/api/v1/pods'
  kctl proxy --api-prefix=/custom/

  # Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/
  kctl proxy --port=8011 --www=./local/www/

  # Run a proxy to the Kubernetes API server on an arbitrary local port
  # The chosen port for the server will be output to stdout
  kctl proxy --port=0

  # Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api
  # This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/
  kctl proxy --api-prefix=/k8s-api`,
    )
    .action(wrap(proxyAction));
}
