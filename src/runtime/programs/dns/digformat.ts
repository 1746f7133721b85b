// BIND dig's output (bin/dig/dig.c printgreeting, printmessage, received) for the versions the
// test images ship: 9.8 (centos:6) has no EDNS, 9.16+ sends EDNS with a cookie and warns
// about .local names.

import type { Answer, Packet } from 'dns-packet';
import { messageSize } from '../../../networking/dns/server.js';
import { canonical, isSubdomain } from '../../../networking/dns/names.js';
import { digColumns, questionLine, rdataText, recordLine } from './rrtext.js';
import { flagsOf, rcodeOf } from '../../../networking/dns/types.js';

export type DigFlavor = '9.8' | '9.11' | '9.16' | '9.18';

export const DIG_VERSION: Record<DigFlavor, string> = {
  '9.8': '9.8.2rc1-RedHat-9.8.2-0.68.rc1.el6_10.1',
  '9.11': '9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16',
  '9.16': '9.16.1-Ubuntu',
  '9.18': '9.18.30-0ubuntu0.24.04.2',
};

/** What dig shows; the +[no]… display options. */
export interface DigDisplay {
  short: boolean;
  cmd: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  ttl: boolean;
  class: boolean;
}

export const DEFAULT_DISPLAY: DigDisplay = {
  short: false,
  cmd: true,
  comments: true,
  question: true,
  answer: true,
  authority: true,
  additional: true,
  stats: true,
  ttl: true,
  class: true,
};

export interface DigReply {
  flavor: DigFlavor;
  response: Packet;
  /** Address the reply came from, and the server as the user named it. */
  server: string;
  serverName?: string;
  port?: number;
  queryTimeMs: number;
  now: Date;
  display?: Partial<DigDisplay>;
}

export interface DigOutput extends DigReply {
  /** Command-line arguments after `dig`, echoed in the greeting. */
  args: string[];
  /** Servers given with @server ("; (1 server found)"). */
  serversFound?: number;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** 9.8 prints ctime() (day padded with a space); later versions strftime "%a %b %d %H:%M:%S %Z %Y". */
function digWhen(flavor: DigFlavor, now: Date): string {
  const time = `${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())}:${pad2(now.getUTCSeconds())}`;
  const head = `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]}`;
  if (flavor === '9.8') return `${head} ${String(now.getUTCDate()).padStart(2, ' ')} ${time} ${now.getUTCFullYear()}`;
  return `${head} ${pad2(now.getUTCDate())} ${time} UTC ${now.getUTCFullYear()}`;
}

export function digGreeting(flavor: DigFlavor, args: string[], serversFound = 0, display: Partial<DigDisplay> = {}): string {
  const d = { ...DEFAULT_DISPLAY, ...display };
  if (!d.cmd || d.short) return '';
  const found = serversFound ? `; (${serversFound} server${serversFound > 1 ? 's' : ''} found)\n` : '';
  return `\n; <<>> DiG ${DIG_VERSION[flavor]} <<>>${args.map((a) => ` ${a}`).join('')}\n${found};; global options: +cmd\n`;
}

function flagText(flags: number): string {
  const names: [number, string][] = [
    [1 << 15, 'qr'],
    [1 << 10, 'aa'],
    [1 << 9, 'tc'],
    [1 << 8, 'rd'],
    [1 << 7, 'ra'],
    [1 << 5, 'ad'],
    [1 << 4, 'cd'],
  ];
  return names.map(([bit, n]) => ((flags | (1 << 15)) & bit ? ` ${n}` : '')).join('');
}

type Opt = Extract<Answer, { type: 'OPT' }>;

function optOf(p: Packet): Opt | undefined {
  return p.additionals?.find((a): a is Opt => a.type === 'OPT');
}

function optText(opt: Opt): string {
  let out = `;; OPT PSEUDOSECTION:\n; EDNS: version: ${opt.ednsVersion ?? 0}, flags:${opt.flag_do ? ' do' : ''}; udp: ${opt.udpPayloadSize}\n`;
  for (const o of opt.options ?? []) {
    const { code, data } = o as { code: number; data?: Buffer };
    // The server handing back exactly the 8-byte client cookie is what dig calls "echoed".
    if (code === 10 && data) out += `; COOKIE: ${data.toString('hex')}${data.length === 8 ? ' (echoed)' : ''}\n`;
  }
  return out;
}

function section(title: string, rrs: Answer[], d: DigDisplay): string {
  if (rrs.length === 0) return '';
  const cols = digColumns(d.ttl, d.class);
  const body = rrs.map((rr) => `${recordLine(rr, cols)}\n`).join('');
  return d.comments ? `;; ${title} SECTION:\n${body}\n` : body;
}

/** One reply: header comments, sections, statistics. */
export function digReply(r: DigReply): string {
  const d = { ...DEFAULT_DISPLAY, ...r.display };
  const p = r.response;
  const flags = flagsOf(p) | (1 << 15);
  const answers = p.answers ?? [];
  if (d.short) return d.answer ? answers.map((rr) => `${rdataText(rr)}\n`).join('') : '';
  const question = p.questions ?? [];
  const additional = (p.additionals ?? []).filter((a) => a.type !== 'OPT');
  let out = '';
  if (d.comments) {
    out += ';; Got answer:\n';
    if (r.flavor !== '9.8' && question.some((q) => isSubdomain(canonical(q.name), 'local'))) {
      out += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
    }
    out += `;; ->>HEADER<<- opcode: QUERY, status: ${rcodeOf(p)}, id: ${p.id ?? 0}\n`;
    out += `;; flags:${flagText(flags)}; QUERY: ${question.length}, ANSWER: ${answers.length}, AUTHORITY: ${(p.authorities ?? []).length}, ADDITIONAL: ${(p.additionals ?? []).length}\n`;
    if (flags & (1 << 8) && !(flags & (1 << 7))) out += ';; WARNING: recursion requested but not available\n';
    out += '\n';
    const opt = optOf(p);
    if (opt) out += optText(opt);
  }
  if (d.question && question.length) {
    const body = question.map((q) => `${questionLine(q, digColumns(d.ttl, d.class))}\n`).join('');
    out += d.comments ? `;; QUESTION SECTION:\n${body}\n` : body;
  }
  if (d.answer) out += section('ANSWER', answers, d);
  if (d.authority) out += section('AUTHORITY', p.authorities ?? [], d);
  if (d.additional) out += section('ADDITIONAL', additional, d);
  if (d.stats) {
    const name = r.serverName ?? r.server;
    out += `;; Query time: ${r.queryTimeMs} msec\n`;
    out += `;; SERVER: ${r.server}#${r.port ?? 53}(${name})${r.flavor === '9.18' ? ' (UDP)' : ''}\n`;
    out += `;; WHEN: ${digWhen(r.flavor, r.now)}\n`;
    out += `;; MSG SIZE  rcvd: ${messageSize(p)}\n\n`;
  }
  return out;
}

/** The whole output of a dig run with one lookup. */
export function formatDig(o: DigOutput): string {
  return digGreeting(o.flavor, o.args, o.serversFound, o.display) + digReply(o);
}

/** dig's output when no server replies (exit status 9). */
export function digTimeout(flavor: DigFlavor, greeting: string, server: string, port = 53, tries = 3): string {
  if (flavor !== '9.18') return `${greeting};; connection timed out; no servers could be reached\n`;
  const errors = `;; communications error to ${server}#${port}: timed out\n`.repeat(tries);
  return `${errors}${greeting};; no servers could be reached\n`;
}
