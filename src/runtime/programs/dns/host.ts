// BIND's host (bin/dig/host.c) in its default short form: A, then AAAA and MX for the name
// the CNAMEs led to; PTR for an address; one line per answer record.

import type { Packet } from 'dns-packet';
import type { Program, ProgramContext } from '../../program.js';
import { ask, candidates, snapshot, readResolvConf, reverseOf, serverAddress, walk, type DnsClientEnv } from './client.js';
import { DIG_VERSION } from './digformat.js';
import { relative } from '../../../networking/dns/names.js';
import { rdataText } from './rrtext.js';
import { RCODE_VALUE, parseQType, rcodeOf, type QType } from '../../../networking/dns/types.js';

const RTYPE_TEXT: Record<string, string> = {
  A: 'has address',
  NS: 'name server',
  CNAME: 'is an alias for',
  PTR: 'domain name pointer',
  MX: 'mail is handled by',
  TXT: 'descriptive text',
  AAAA: 'has IPv6 address',
};

const USAGE = `Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
            [-R number] [-m flag] hostname [server]
       -a is equivalent to -v -t ANY
       -A is like -a but omits RRSIG, NSEC, NSEC3
       -c specifies query class for non-IN data
       -C compares SOA records on authoritative nameservers
       -d is equivalent to -v
       -i IP6.INT reverse lookups
       -l lists all hosts in a domain, using AXFR
       -m set memory debugging flag (trace|record|usage)
       -N changes the number of dots allowed before root lookup is done
       -r disables recursive processing
       -R specifies number of retries for UDP packets
       -s a SERVFAIL response should stop query
       -t specifies the query type
       -T enables TCP/IP mode
       -v enables verbose output
       -V print version number and exit
       -w specifies to wait forever for a reply
       -W specifies how long to wait for a reply
       -4 use IPv4 query transport only
       -6 use IPv6 query transport only
`;

export interface HostRun {
  /** The name as typed (reverse names end with a dot, as host builds them). */
  textname: string;
  defaultLookups: boolean;
  /** Replies in query order; null when no server answered. */
  replies: Packet[] | null;
  /** Set when the server was named on the command line. */
  listedServer?: { name: string; address: string };
}

export function formatHost(run: HostRun): { stdout: string; exitCode: number } {
  if (!run.replies) return { stdout: ';; connection timed out; no servers could be reached\n', exitCode: 1 };
  let out = '';
  if (run.listedServer) {
    out += `Using domain server:\nName: ${run.listedServer.name}\nAddress: ${run.listedServer.address}\nAliases: \n\n`;
  }
  let failed = false;
  for (const msg of run.replies) {
    const rcode = rcodeOf(msg);
    const question = msg.questions?.[0];
    if (rcode !== 'NOERROR') {
      const name = rcode === 'NXDOMAIN' ? run.textname : relative(question?.name ?? run.textname);
      out += `Host ${name} not found: ${RCODE_VALUE[rcode]}(${rcode})\n`;
      failed = true;
      continue;
    }
    for (const rr of msg.answers ?? []) {
      out += `${relative(rr.name)} ${RTYPE_TEXT[rr.type] ?? `has ${rr.type} record`} ${rdataText(rr)}\n`;
    }
    if (!run.defaultLookups && !msg.answers?.length) out += `${relative(question?.name ?? '')} has no ${question?.type} record\n`;
  }
  return { stdout: out, exitCode: failed ? 1 : 0 };
}

function chased(msg: Packet): string {
  let name = msg.questions?.[0]?.name ?? '';
  for (const rr of msg.answers ?? []) {
    if (rr.type === 'CNAME' && rr.name.toLowerCase() === name.toLowerCase()) name = rr.data;
  }
  return name;
}

type Parsed = { type: QType | null; ndots?: number; rest: string[] };
type ParseFailure = { message: string; usage: boolean };

/** isc_commandline_parse over host's option string. */
function parseArgs(argv: string[]): Parsed | ParseFailure | 'version' {
  let type: QType | null = null;
  let ndots: number | undefined;
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') {
      i++;
      break;
    }
    for (let j = 1; j < argv[i].length; j++) {
      const c = argv[i][j];
      if (!'46aAcdilnmrstvVwCDNRTUW'.includes(c)) return { message: `host: illegal option -- ${c}\n`, usage: true };
      if (c === 'V') return 'version';
      if (!'cmNRtW'.includes(c)) continue;
      const value = argv[i].slice(j + 1) || argv[++i];
      if (value === undefined) return { message: `host: option requires an argument -- ${c}\n`, usage: true };
      if (c === 't') {
        type = parseQType(value);
        if (!type) return { message: `host: invalid type: ${value}\n`, usage: false };
      }
      if (c === 'N') ndots = Number(value);
      break;
    }
  }
  return { type, ndots, rest: argv.slice(i) };
}

export function hostProgram(live: DnsClientEnv): Program {
  return async (ctx: ProgramContext) => {
    const env = snapshot(live);
    const parsed = parseArgs(ctx.argv.slice(1));
    if (parsed === 'version') {
      ctx.stderr(`host ${DIG_VERSION[env.flavor]}\n`);
      return 0;
    }
    if ('message' in parsed || parsed.rest.length === 0) {
      ctx.stderr('message' in parsed ? parsed.message + (parsed.usage ? USAGE : '') : USAGE);
      return 1;
    }
    const [name, serverArg] = parsed.rest;
    const conf = readResolvConf(ctx.fs);
    const server = serverArg ?? conf.nameservers[0];
    const addr = serverAddress(env, ctx.fs, server);
    if (!addr) {
      ctx.stderr(`host: couldn't get address for '${server}': not found\n`);
      return 1;
    }
    const reverse = reverseOf(name);
    const defaultLookups = !parsed.type;
    const type = parsed.type ?? (reverse ? 'PTR' : 'A');
    const query = (n: string, t: QType) => ask(env, addr, { name: n, type: t });
    const names = reverse ? [reverse] : candidates(name, conf, true, parsed.ndots);
    const first = walk(names, (n) => query(n, type)).reply;
    const replies = first ? [first] : null;
    if (first && defaultLookups && type === 'A' && rcodeOf(first) === 'NOERROR') {
      for (const t of ['AAAA', 'MX'] as const) {
        const more = query(chased(first), t);
        if (more) replies?.push(more);
      }
    }
    const listedServer = serverArg ? { name: serverArg, address: `${addr}#53` } : undefined;
    const run = formatHost({ textname: reverse ? `${reverse}.` : name, defaultLookups, replies, listedServer });
    ctx.stdout(run.stdout);
    return run.exitCode;
  };
}
