// BIND's nslookup (bin/dig/nslookup.c): an A lookup (followed by AAAA from BIND 9.9 on), or
// the type chosen with -type=, or PTR for an address; exit status 1 when a lookup fails.

import type { Answer, Packet } from 'dns-packet';
import type { Program, ProgramContext } from '../../program.js';
import { ask, candidates, snapshot, readResolvConf, reverseOf, serverAddress, walk, type DnsClientEnv } from './client.js';
import { DIG_VERSION } from './digformat.js';
import { relative } from '../../../networking/dns/names.js';
import { rdataText } from './rrtext.js';
import { flagsOf, parseQType, rcodeOf, type QType } from '../../../networking/dns/types.js';

export interface NslookupRun {
  /** The server as named (resolv.conf's address or the second argument) and where it was reached. */
  server: string;
  address: string;
  /** false once -type= (or similar) chose the type. */
  defaultLookups: boolean;
  /** The name as typed. */
  textname: string;
  /** The main reply, then the AAAA follow-up when there was one; null when no server answered. */
  replies: Packet[] | null;
}

const RTYPE_TEXT: Record<string, string> = {
  NS: 'nameserver = ',
  CNAME: 'canonical name = ',
  PTR: 'name = ',
  MX: 'mail exchanger = ',
  TXT: 'text = ',
  AAAA: 'has AAAA address ',
  SRV: 'service = ',
  A: 'internet address = ',
};

function printSection(rrs: Answer[], answerSection: boolean): string {
  return rrs
    .map((rr) => {
      const name = relative(rr.name);
      if ((rr.type === 'A' || rr.type === 'AAAA') && answerSection) return `Name:\t${name}\nAddress: ${rdataText(rr)}\n`;
      if (rr.type === 'SOA') {
        const d = rr.data;
        const lines = [`origin = ${relative(d.mname)}`, `mail addr = ${relative(d.rname)}`, `serial = ${d.serial}`];
        lines.push(`refresh = ${d.refresh}`, `retry = ${d.retry}`, `expire = ${d.expire}`, `minimum = ${d.minimum}`);
        return `${name}\n${lines.map((l) => `\t${l}\n`).join('')}`;
      }
      return `${name}\t${RTYPE_TEXT[rr.type] ?? `rdata_${rr.type} = `}${rdataText(rr)}\n`;
    })
    .join('');
}

/** Output and exit status of one nslookup run, ending with nslookup's closing empty line. */
export function formatNslookup(run: NslookupRun): { stdout: string; exitCode: number } {
  if (!run.replies) return { stdout: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 };
  let out = '';
  let failed = false;
  let aNoAnswer = false;
  for (const msg of run.replies) {
    const type = msg.questions?.[0]?.type;
    if (!run.defaultLookups || type === 'A') out += `Server:\t\t${run.server}\nAddress:\t${run.address}\n\n`;
    const rcode = rcodeOf(msg);
    if (rcode !== 'NOERROR') {
      out += `** server can't find ${relative(msg.questions?.[0]?.name ?? run.textname)}: ${rcode}\n`;
      failed = true;
      break;
    }
    const aa = (flagsOf(msg) & (1 << 10)) !== 0;
    if (!aa && (!run.defaultLookups || type === 'A')) out += 'Non-authoritative answer:\n';
    if (msg.answers?.length) out += printSection(msg.answers, true);
    else if (run.defaultLookups && type === 'A') aNoAnswer = true;
    else if (!run.defaultLookups || (type === 'AAAA' && aNoAnswer)) out += `*** Can't find ${run.textname}: No answer\n`;
    if (!aa && type !== 'A' && type !== 'AAAA') {
      out += '\nAuthoritative answers can be found from:\n';
      out += printSection(msg.authorities ?? [], false) + printSection(msg.additionals ?? [], false);
    }
  }
  return { stdout: `${out}\n`, exitCode: failed ? 1 : 0 };
}

/** The name the A lookup ended at, after the CNAMEs in its answer (nslookup's chase_cnamechain). */
function chased(msg: Packet): string {
  let name = msg.questions?.[0]?.name ?? '';
  for (const rr of msg.answers ?? []) {
    if (rr.type === 'CNAME' && rr.name.toLowerCase() === name.toLowerCase()) name = rr.data;
  }
  return name;
}

interface Options {
  type: QType;
  defaultLookups: boolean;
  search: boolean;
  ndots?: number;
  port: number;
}

/** nslookup's `set` options; returns an error line for unknown ones. */
function setOption(o: Options, opt: string): string {
  const m = /^([a-z]+)=(.*)$/i.exec(opt);
  const [key, value] = m ? [m[1].toLowerCase(), m[2]] : [opt.toLowerCase(), ''];
  if (['type', 'ty', 'querytype', 'query', 'qu', 'q'].includes(key) && m) {
    const type = parseQType(value);
    if (!type) return `unknown query type: ${value}\n`;
    [o.type, o.defaultLookups] = [type, false];
  } else if (['port', 'po'].includes(key) && m) o.port = Number(value);
  else if (key === 'ndots' && m) o.ndots = Number(value);
  else if (/^(def|search|sea)/.test(key)) o.search = true;
  else if (/^no(def|search|sea)/.test(key)) o.search = false;
  else if (!/^(no)?(rec|vc|deb|d2|fail|sil)|^(timeout|t|retry|ret|class|cl|domain|do)$|^all$/.test(key)) {
    return `*** Invalid option: ${opt}\n`;
  }
  return '';
}

export function nslookupProgram(live: DnsClientEnv): Program {
  return async (ctx: ProgramContext) => {
    const env = snapshot(live);
    const o: Options = { type: 'A', defaultLookups: true, search: true, port: 53 };
    const positional: string[] = [];
    for (const arg of ctx.argv.slice(1)) {
      if (/^-ver/i.test(arg)) {
        ctx.stderr(`nslookup ${DIG_VERSION[env.flavor]}\n`);
        return 0;
      }
      if (arg.startsWith('-') && arg.length > 1) ctx.stdout(setOption(o, arg.slice(1)));
      else if (arg !== '-') positional.push(arg);
    }
    const conf = readResolvConf(ctx.fs);
    const [textname, serverArg] = positional;
    const server = serverArg ?? conf.nameservers[0];
    const addr = serverAddress(env, ctx.fs, server);
    if (!addr) {
      ctx.stderr(`nslookup: couldn't get address for '${server}': not found\n`);
      return 1;
    }
    if (textname === undefined) {
      ctx.stdout('\n');
      return 1;
    }
    const reverse = reverseOf(textname);
    const type = reverse ? 'PTR' : o.type;
    const query = (name: string, t: QType) => ask(env, addr, { name, type: t }, { port: o.port });
    const names = reverse ? [reverse] : candidates(textname, conf, o.search, o.ndots);
    const first = walk(names, (name) => query(name, type)).reply;
    const replies = first ? [first] : null;
    // BIND 9.9 and later follow an A lookup with AAAA for the name the CNAMEs led to.
    if (first && env.flavor !== '9.8' && o.defaultLookups && type === 'A' && rcodeOf(first) === 'NOERROR') {
      const aaaa = query(chased(first), 'AAAA');
      if (aaaa) replies?.push(aaaa);
    }
    const run = formatNslookup({ server, address: `${addr}#${o.port}`, defaultLookups: o.defaultLookups, textname, replies });
    ctx.stdout(run.stdout);
    return run.exitCode;
  };
}
