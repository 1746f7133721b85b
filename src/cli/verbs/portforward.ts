// kubectl port-forward: local ports whose connections reach a port of one pod, as the kubelet's
// port-forward connects inside the pod's network namespace. A Service or workload stands for a
// pod it selects (a Service's port becomes its target port). Runs until Ctrl-C; each request is
// carried into the simulation on its own, so the state file is never held while waiting.

import type { Command } from 'commander';
import { createServer, type Server, type Socket } from 'node:net';
import { isIPv6 } from 'node:net';
import type { PodObject, ServiceObject } from '../../api/types.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';
import type { Session } from '../session.js';
import { podFor } from './podref.js';
import { resolveType } from '../resources.js';
import { joinHostPort } from '../../util/ip.js';

interface Forward {
  local: number;
  remote: number;
}

const DEFAULT_ADDRESS = ['localhost'];
const USAGE = 'TYPE/NAME and list of ports are required for port-forward';

/** `8080:80`, `80` (the same port locally) or `:80` (any free local port). */
function splitPort(spec: string): [local: string, remote: string] {
  const parts = spec.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

function containerPortByName(pod: PodObject, name: string): number | undefined {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/** A Service port (number or name) as the port of the pod behind it: its targetPort, resolved. */
function servicePortToTarget(svc: ServiceObject, pod: PodObject, remote: string): number {
  const n = Number(remote);
  const sp = (svc.spec?.ports ?? []).find((p) => (/^\d+$/.test(remote) ? p.port === n : p.name === remote));
  if (!sp) throw new CliError(/^\d+$/.test(remote) ? `Service ${svc.metadata.name} does not have a service port ${remote}` : `Service '${svc.metadata.name}' does not have a named port '${remote}'`);
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const named = containerPortByName(pod, target);
  if (named === undefined) throw new CliError(`Pod '${pod.metadata.name}' does not have a named port '${target}'`);
  return named;
}

function parsePort(text: string, what: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new CliError(`Error parsing ${what} port '${text}': strconv.ParseUint: parsing "${text}": ${/^\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`);
  return n;
}

function forwards(specs: string[], pod: PodObject, svc: ServiceObject | undefined): Forward[] {
  return specs.map((spec) => {
    const [localText, remoteText] = splitPort(spec);
    let remote: number;
    if (svc) remote = servicePortToTarget(svc, pod, remoteText);
    else if (/^\d+$/.test(remoteText)) remote = parsePort(remoteText, 'remote');
    else {
      const named = containerPortByName(pod, remoteText);
      if (named === undefined) throw new CliError(`Pod '${pod.metadata.name}' does not have a named port '${remoteText}'`);
      remote = named;
    }
    const local = localText === '' ? 0 : parsePort(localText, 'local');
    if (remote === 0) throw new CliError(`remote port cannot be zero`);
    return { local, remote };
  });
}

/** `localhost` is both loopbacks, as kubectl listens on tcp4 and tcp6. */
function addresses(flag: string[]): string[] {
  const out: string[] = [];
  for (const a of flag.flatMap((f) => f.split(','))) {
    if (a === 'localhost') out.push('127.0.0.1', '::1');
    else out.push(a);
  }
  return [...new Set(out)];
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen({ port, host, ipv6Only: isIPv6(host) }, () => {
      server.off('error', fail);
      const a = server.address();
      done(typeof a === 'object' && a ? a.port : port);
    });
  });
}

const WHY: Record<string, string> = { EADDRINUSE: 'bind: address already in use', EACCES: 'bind: permission denied', EADDRNOTAVAIL: 'bind: cannot assign requested address' };

/** klog's header on stderr: `E1206 00:12:34.567890   12345 portforward.go:424] `. */
function klogError(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `E${p(now.getMonth() + 1)}${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}.${p(now.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} portforward.go:424] `;
}

const portForwardAction: Action = async (session, args, opts) => {
  if (args.length < 2) throw new CliError(USAGE, 'port-forward');
  const [ref, ...specs] = args;
  const cluster = await session.read();
  const ns = session.namespace;
  const pod = podFor(cluster, ns, ref);
  let svc: ServiceObject | undefined;
  const slash = ref.indexOf('/');
  if (slash >= 0 && resolveType(ref.slice(0, slash)).resource === 'services') svc = cluster.store.get('services', ns, ref.slice(slash + 1));
  const phase = pod.status?.phase ?? 'Pending';
  if (phase !== 'Running') throw new CliError(`unable to forward port because pod is not running. Current status=${phase}`);
  const ports = forwards(specs, pod, svc);
  await forward(session, pod, ports, addresses(opts.address as string[]));
};

async function forward(session: Session, pod: PodObject, ports: Forward[], hosts: string[]): Promise<void> {
  const { bridgeServer, localTransactions } = await import('../../kubelet/bridge.js');
  const change = localTransactions(session.statePath, session.env);
  const servers: Server[] = [];
  let lost: ((e: Error) => void) | undefined;
  const ended = new Promise<void>((done, fail) => {
    lost = fail;
    const stop = () => done();
    process.once('SIGINT', stop);
  });
  const namespace = pod.metadata.namespace ?? session.namespace;
  let listening = 0;
  for (const port of ports) {
    const bridge = bridgeServer(
      { kind: 'pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid, port: port.remote },
      {
        statePath: session.statePath,
        env: session.env,
        change,
        // kubectl v1.32 closes its whole connection to the pod after an error on any stream.
        onError: (e) => {
          if (!/ is gone$/.test(e.message)) {
            session.io.err(`${klogError(new Date())}"Unhandled Error" err="an error occurred forwarding ${port.local} -> ${port.remote}: error forwarding port ${port.remote} to pod ${pod.metadata.uid}, uid : ${e.message.replace(/"/g, '\\"')}"\n`);
          }
          lost?.(new CliError('lost connection to pod'));
        },
      },
    );
    const errors: string[] = [];
    for (const host of hosts) {
      const server = createServer((socket: Socket) => {
        session.io.out(`Handling connection for ${port.local}\n`);
        bridge.emit('connection', socket);
      });
      try {
        port.local = await listen(server, port.local, host);
        servers.push(server);
        session.io.out(`Forwarding from ${joinHostPort(host, port.local)} -> ${port.remote}\n`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        errors.push(`unable to create listener: Error listen tcp${isIPv6(host) ? '6' : '4'} ${joinHostPort(host, port.local)}: ${WHY[code] ?? (e as Error).message}`);
      }
    }
    if (errors.length === hosts.length) session.io.err(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
    else listening++;
  }
  try {
    if (listening === 0) throw new CliError(`unable to listen on any of the requested ports: [${ports.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
    await ended;
  } finally {
    for (const s of servers) {
      s.close();
    }
  }
}

export function registerPortForward(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('port-forward')
    .description('Forward one or more local ports to a pod')
    .argument('[args...]')
    .option('--address <addresses>', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.', (v: string, prev: string[]) => (prev === DEFAULT_ADDRESS ? [v] : [...prev, v]), DEFAULT_ADDRESS)
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '1m0s')
    .addHelpText(
      'after',
      `
Examples:
  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kctl port-forward pod/mypod 8888:5000

  # Listen on a random port locally, forwarding to 80 in the pod
  kctl port-forward pod/mypod :80

  # Listen on port 8080 locally, forwarding to the targetPort of the service's port named "http" in a pod selected by the service
  kctl port-forward service/myservice 8080:http

  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod
  kctl port-forward --address 0.0.0.0 pod/mypod 8888:5000`,
    )
    .action(wrap(portForwardAction));
}
