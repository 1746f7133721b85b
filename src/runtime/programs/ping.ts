// ping, as iputils (current and the CentOS 6/7 release) and busybox print it. Pods, nodes and
// the internet answer echo requests; ClusterIPs do not (kube-proxy in iptables mode only
// rewrites TCP and UDP), nor do addresses outside anyone's reach.

import { isIPv4 } from '../../util/ip.js';
import { isLoopback } from '../../networking/network.js';
import { isInternetAddress } from '../../networking/internet.js';
import { reverseName } from '../../networking/dns/names.js';
import { resolve as dnsResolve, parseResolvConf } from '../../networking/dns/index.js';
import type { Machine } from '../machine.js';
import type { Program, ProgramContext } from '../program.js';

export type PingFlavor = 'iputils' | 'iputils-old' | 'busybox';

interface Options {
  count: number;
  interval: number;
  deadline?: number;
  quiet: boolean;
  numeric: boolean;
  size: number;
  target?: string;
}

function parse(argv: string[]): Options | string {
  const o: Options = { count: Infinity, interval: 1, quiet: false, numeric: false, size: 56 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      o.target = a;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'q') o.quiet = true;
      else if (c === 'n') o.numeric = true;
      else if ('4vA'.includes(c)) continue;
      else if ('ciwWsts'.includes(c)) {
        const value = a.slice(j + 1) || argv[++i];
        const n = Number(value);
        if (value === undefined || !Number.isFinite(n) || n < 0) return `invalid argument: '${value ?? ''}'`;
        if (c === 'c') o.count = Math.floor(n);
        else if (c === 'i') o.interval = n;
        else if (c === 'w') o.deadline = n;
        else if (c === 's') o.size = Math.floor(n);
        break;
      } else return `invalid option -- '${c}'`;
    }
  }
  return o;
}

/** Whether an echo request gets an answer, and with which TTL. */
function echo(m: Machine, ip: string): { ttl: number; ms: number } | null {
  const world = m.world;
  const r = () => world.cluster.rand.next();
  if (isLoopback(ip) || ip === m.ip) return { ttl: 64, ms: 0.02 + r() * 0.03 };
  const node = world.proxy.nodeOf(ip);
  if (node) return { ttl: 64, ms: 0.05 + r() * 0.1 };
  if (m.kind === 'pod' && ip === world.hostIP) return { ttl: 64, ms: 0.05 + r() * 0.1 };
  const pod = m.kind === 'pod' ? world.podByIP(ip) : undefined;
  if (pod?.running) {
    const same = pod.pod.spec?.nodeName === m.nodeName;
    return { ttl: same ? 64 : 63, ms: (same ? 0.04 : 0.1) + r() * 0.1 };
  }
  if (isInternetAddress(ip)) return { ttl: 115, ms: 1 + r() * 2 };
  return null;
}

const fmt = (n: number) => n.toFixed(3);

/** The name iputils shows for a reply: the address's PTR name when it has one. */
function replyName(m: Machine, ip: string): string {
  const ptr = reverseName(ip);
  if (!ptr) return ip;
  const r = dnsResolve(m.dns().data(), parseResolvConf(m.fs.readFile('/etc/resolv.conf') ?? ''), `${ptr}.`, 'PTR');
  const name = r.answers.find((a) => a.type === 'PTR');
  return name && 'data' in name ? String(name.data).replace(/\.$/, '') : ip;
}

export function pingProgram(machine: Machine, flavor: PingFlavor): Program {
  return async (ctx: ProgramContext) => {
    const busybox = flavor === 'busybox';
    const o = parse(ctx.argv.slice(1));
    if (typeof o === 'string' || !o.target) {
      ctx.stderr(busybox ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n' : typeof o === 'string' ? `ping: ${o}\n` : 'ping: usage error: Destination address required\n');
      return busybox ? 1 : 2;
    }
    const target = o.target;
    const numericTarget = isIPv4(target);
    const ip = numericTarget ? target : machine.lookup(target).addresses[0];
    if (!ip) {
      ctx.stderr(busybox ? `ping: bad address '${target}'\n` : flavor === 'iputils-old' ? `ping: unknown host ${target}\n` : `ping: ${target}: Name or service not known\n`);
      return busybox ? 1 : 2;
    }
    const shown = numericTarget ? target : busybox ? target : machine.lookup(target).canonicalName;
    ctx.stdout(busybox ? `PING ${shown} (${ip}): ${o.size} data bytes\n` : `PING ${shown} (${ip}) ${o.size}(${o.size + 28}) bytes of data.\n`);
    const clock = machine.world.clock;
    const start = clock.now();
    const from = numericTarget || o.numeric || busybox ? ip : `${replyName(machine, ip)} (${ip})`;
    const times: number[] = [];
    let sent = 0;
    while (sent < o.count) {
      if (o.deadline !== undefined && clock.now() - start >= o.deadline * 1000) break;
      sent++;
      const reply = echo(machine, ip);
      if (reply) {
        times.push(reply.ms);
        if (!o.quiet) ctx.stdout(busybox ? `${o.size + 8} bytes from ${ip}: seq=${sent - 1} ttl=${reply.ttl} time=${fmt(reply.ms)} ms\n` : `${o.size + 8} bytes from ${from}: icmp_seq=${sent} ttl=${reply.ttl} time=${fmt(reply.ms)} ms\n`);
      }
      if (sent < o.count && !(await clock.sleep(o.interval * 1000, ctx.signal))) break;
    }
    const lost = sent === 0 ? 0 : Math.round(((sent - times.length) * 100) / sent);
    const spent = Math.max(0, clock.now() - start) + (sent > 1 ? 3 + machine.world.cluster.rand.int(40) : 0);
    ctx.stdout(`\n--- ${shown} ping statistics ---\n`);
    if (busybox) {
      ctx.stdout(`${sent} packets transmitted, ${times.length} packets received, ${lost}% packet loss\n`);
      if (times.length) ctx.stdout(`round-trip min/avg/max = ${fmt(Math.min(...times))}/${fmt(avg(times))}/${fmt(Math.max(...times))} ms\n`);
    } else {
      ctx.stdout(`${sent} packets transmitted, ${times.length} received, ${lost}% packet loss, time ${sent > 1 ? spent : 0}ms\n`);
      if (times.length) {
        const mean = avg(times);
        const mdev = Math.sqrt(avg(times.map((t) => (t - mean) ** 2)));
        ctx.stdout(`rtt min/avg/max/mdev = ${fmt(Math.min(...times))}/${fmt(mean)}/${fmt(Math.max(...times))}/${fmt(mdev)} ms\n`);
      } else ctx.stdout('\n');
    }
    return times.length ? 0 : 1;
  };
}

function avg(list: number[]): number {
  return list.reduce((a, b) => a + b, 0) / list.length;
}
